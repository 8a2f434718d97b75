# expect: counted only 7 bytes
# expect-ru: насчитало только 7
import json


async def read_body(receive):
    message = await receive()
    return message["body"]


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
