# Маленький маршрутизатор для JSON API списка дел. Выбирайте маршрут по `scope["method"]`
# и `scope["path"]`: GET /todos возвращает список дел; POST /todos с {"title": "<какой-то текст>"}
# создаёт пункт (201 и новый пункт); GET /todos/<id> возвращает один пункт. Неизвестные пути
# и идентификаторы: 404; тело, которое не является таким JSON: 400; другой метод на известном пути:
# 405 с заголовком `allow`. Каждый ответ — JSON, включая ошибки.
# Урок 7: WSGI и ASGI (`tutor lesson 7`)

import json

todos = {}  # id -> {"id": id, "title": title}, id = 1, 2, 3... (проверка очищает словарь между проверками)


async def read_body(receive):
    """Возвращает тело запроса целиком, в байтах (упражнение 7.2)."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            return b"".join(chunks)


async def send_json(send, status, data, headers=()):
    """Отправляет `data` как JSON со статусом `status`; `headers` добавляет пары (имя, значение) из байтов."""
    start_headers = [(b"content-type", b"application/json"), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})


async def app(scope, receive, send):
    """Выбирает для каждого запроса нужный ответ."""
    if scope["type"] != "http":
        return
    # TODO: посмотрите на scope["method"] и scope["path"] и ответьте, как описано в начале файла.
    await send_json(send, 501, {"error": "not written yet: see router.py"})
