# Another correct answer: a route table of regular expressions, a 405 built from the table.
import json
import re

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


async def list_todos(scope, receive, send):
    await send_json(send, 200, [todos[key] for key in sorted(todos)])


async def create_todo(scope, receive, send):
    try:
        data = json.loads((await read_body(receive)).decode("utf-8"))
        title = data["title"]
        if not isinstance(title, str) or not title.strip():
            raise ValueError("no title")
    except (ValueError, KeyError, TypeError):
        return await send_json(send, 400, {"error": "bad request"})
    new_id = len(todos) + 1
    todos[new_id] = {"id": new_id, "title": title}
    await send_json(send, 201, todos[new_id])


async def get_todo(scope, receive, send, todo_id):
    todo = todos.get(int(todo_id))
    if todo:
        await send_json(send, 200, todo)
    else:
        await send_json(send, 404, {"error": f"no to-do {todo_id}"})


ROUTES = [
    (re.compile(r"/todos/?"), {"GET": list_todos, "POST": create_todo}),
    (re.compile(r"/todos/(\d+)"), {"GET": get_todo}),
]


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    for pattern, methods in ROUTES:
        match = pattern.fullmatch(scope["path"])
        if match:
            if scope["method"] not in methods:
                allow = ",".join(methods).encode()
                return await send_json(send, 405, {"error": "method not allowed"}, [(b"allow", allow)])
            return await methods[scope["method"]](scope, receive, send, *match.groups())
    await send_json(send, 404, {"error": "not found"})
