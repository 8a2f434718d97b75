# Another correct answer: structural pattern matching (Python 3.10+) on (method, path parts).
import json

todos = {}


async def read_body(receive):
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body", False):
            return b"".join(chunks)


async def send_json(send, status, data, headers=()):
    start_headers = [(b"content-type", b"application/json"), *headers]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    match scope["method"], scope["path"].strip("/").split("/"):
        case "GET", ["todos"]:
            await send_json(send, 200, list(todos.values()))
        case "POST", ["todos"]:
            try:
                title = json.loads(await read_body(receive)).get("title")
            except (ValueError, AttributeError):
                title = None
            if isinstance(title, str) and title:
                todo = {"id": len(todos) + 1, "title": title}
                todos[todo["id"]] = todo
                await send_json(send, 201, todo)
            else:
                await send_json(send, 400, {"error": "invalid to-do"})
        case _, ["todos"]:
            await send_json(send, 405, {"error": "method not allowed"}, [(b"allow", b"GET, POST")])
        case "GET", ["todos", number] if number.isdecimal() and int(number) in todos:
            await send_json(send, 200, todos[int(number)])
        case _, ["todos", number] if number.isdecimal() and int(number) in todos:
            await send_json(send, 405, {"error": "method not allowed"}, [(b"allow", b"GET")])
        case _:
            await send_json(send, 404, {"error": "not found"})
