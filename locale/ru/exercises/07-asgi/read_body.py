# Прочитайте тело запроса, которое приходит несколькими фрагментами. Для POST-запроса собирайте
# сообщения `http.request`, пока `more_body` не станет ложным, декодируйте тело целиком как UTF-8
# и ответьте 200 с JSON `{"bytes": <длина тела в байтах>, "words": <число слов>}` и заголовком
# `content-type: application/json`. На любой другой метод отвечайте 405. Попробуйте через `tutor run`.
# Урок 7: WSGI и ASGI (`tutor lesson 7`)

import json


async def read_body(receive):
    """Возвращает тело запроса целиком, в байтах, сколькими бы сообщениями оно ни пришло."""
    raise NotImplementedError("вызывайте await receive(), пока очередное сообщение не скажет, что тела больше нет")


async def send_json(send, status, data):
    """Отправляет `data` как JSON-ответ с указанным статусом."""
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    """POST: считает байты и слова в теле. Остальные методы: 405."""
    if scope["type"] != "http":
        return
    # TODO: ответьте 405, если метод не POST; прочитайте тело через `read_body`, декодируйте его
    # и отправьте в ответе подсчитанные числа.
    await send_json(send, 501, {"error": "not written yet: see read_body.py"})
