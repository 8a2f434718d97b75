# expect: Match whole paths, not prefixes
# expect-ru: Сопоставляйте пути целиком, а не по префиксу
import json

todos = {}  # id -> {"id": id, "title": title}, ids 1, 2, 3... (the check empties it between checks)


async def read_body(receive):
    """Return the whole request body, as bytes (exercise 7.2)."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            return b"".join(chunks)


async def send_json(send, status, data, headers=()):
    """Send `data` as JSON with `status`; `headers` adds (name, value) pairs of bytes."""
    start_headers = [(b"content-type", b"application/json"), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})


async def list_todos(receive, send):
    await send_json(send, 200, list(todos.values()))


async def create_todo(receive, send):
    try:
        data = json.loads(await read_body(receive))
    except ValueError:  # json.JSONDecodeError and UnicodeDecodeError are both ValueErrors
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
    """Route each request to the right answer."""
    if scope["type"] != "http":
        return
    method, parts = scope["method"], scope["path"].strip("/").split("/")

    if parts[0].startswith("todos") and len(parts) == 1:
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
        # 405 names the methods this path does accept, in the `allow` header.
        allow = ", ".join(routes).encode()
        await send_json(send, 405, {"error": "method not allowed"}, [(b"allow", allow)])
        return
    await handler(receive, send)
