# A tiny router for a JSON to-do API. Route on `scope["method"]` and `scope["path"]`:
# GET /todos lists the to-dos; POST /todos with {"title": "<some text>"} creates one (201, the new
# to-do); GET /todos/<id> answers one to-do. Unknown paths and ids: 404; a body that is not such JSON:
# 400; another method on a known path: 405 with an `allow` header. Every answer is JSON, errors too.
# Lesson 7: WSGI vs ASGI (`tutor lesson 7`)

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


async def app(scope, receive, send):
    """Route each request to the right answer."""
    if scope["type"] != "http":
        return
    # TODO: look at scope["method"] and scope["path"] and answer as described at the top.
    await send_json(send, 501, {"error": "not written yet: see router.py"})
