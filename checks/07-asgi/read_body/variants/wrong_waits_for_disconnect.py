# expect: The message with `more_body` false is the last one
# expect-ru: в котором `more_body` ложно, — последнее
import json


async def read_body(receive):
    body = b""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":  # waits until the client leaves: it never does
            return body
        body += message.get("body", b"")


async def send_json(send, status, data):
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    if scope["method"] != "POST":
        await send_json(send, 405, {"error": "method not allowed"})
        return
    body = await read_body(receive)
    await send_json(send, 200, {"bytes": len(body), "words": len(body.decode().split())})
