# Прочитайте тело запроса, которое приходит несколькими фрагментами. Для POST-запроса собирайте
# сообщения `http.request`, пока `more_body` не станет ложным, декодируйте тело целиком как UTF-8
# и ответьте 200 с JSON `{"bytes": <длина тела в байтах>, "words": <число слов>}` и заголовком
# `content-type: application/json`. На любой другой метод отвечайте 405. Попробуйте через `tutor run`.
# Урок 7: WSGI и ASGI (`tutor lesson 7`)

import json


async def read_body(receive):
    """Возвращает тело запроса целиком, в байтах, сколькими бы сообщениями оно ни пришло."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break  # клиент ушёл, не отправив всё
        chunks.append(message.get("body", b""))
        # `more_body` может отсутствовать, и тогда это False: фрагмент был последним.
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def send_json(send, status, data):
    """Отправляет `data` как JSON-ответ с указанным статусом."""
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    """POST: считает байты и слова в теле. Остальные методы: 405."""
    if scope["type"] != "http":
        return
    if scope["method"] != "POST":
        await send_json(send, 405, {"error": "method not allowed"})
        return
    body = await read_body(receive)
    # Декодируем один раз, после склейки: фрагмент может закончиться посреди многобайтового символа.
    text = body.decode("utf-8")
    await send_json(send, 200, {"bytes": len(body), "words": len(text.split())})
