# expect: decode the whole body once, after joining
# expect-ru: декодируйте тело целиком один раз, после склейки
import json


async def read_body(receive):
    text = ""
    while True:
        message = await receive()
        text += message.get("body", b"").decode("utf-8")  # a chunk may end inside a character
        if not message.get("more_body", False):
            return text.encode("utf-8")


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
