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


async def list_todos(receive, send):
    await send_json(send, 200, list(todos.values()))


async def create_todo(receive, send):
    try:
        data = json.loads(await read_body(receive))
    except ValueError:  # и json.JSONDecodeError, и UnicodeDecodeError — подклассы ValueError
        await send_json(send, 400, {"error": "the body is not valid JSON"})
        return
    title = data.get("title") if isinstance(data, dict) else None
    if not isinstance(title, str) or not title:
        await send_json(send, 400, {"error": 'send {"title": "..."}'})
        return
    todo_id = max(todos, default=0) + 1
    todos[todo_id] = {"id": todo_id, "title": title}
    await send_json(send, 201, todos[todo_id])


async def not_found(send):
    await send_json(send, 404, {"error": "not found"})


async def app(scope, receive, send):
    """Выбирает для каждого запроса нужный ответ."""
    if scope["type"] != "http":
        return
    method, parts = scope["method"], scope["path"].strip("/").split("/")

    if parts == ["todos"]:
        routes = {"GET": list_todos, "POST": create_todo}
    elif len(parts) == 2 and parts[0] == "todos" and parts[1].isdigit():
        todo = todos.get(int(parts[1]))

        async def show_todo(receive, send):
            if todo is None:
                await not_found(send)
            else:
                await send_json(send, 200, todo)

        routes = {"GET": show_todo}
    else:
        await not_found(send)
        return

    handler = routes.get(method)
    if handler is None:
        # В ответе 405 заголовок `allow` перечисляет методы, которые этот путь принимает.
        allow = ", ".join(routes).encode()
        await send_json(send, 405, {"error": "method not allowed"}, [(b"allow", allow)])
        return
    await handler(receive, send)
