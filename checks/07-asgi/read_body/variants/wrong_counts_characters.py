# expect: bytes are `len(body)` before decoding
# expect-ru: байты — это `len(body)` до декодирования
import json


async def read_body(receive):
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body", False):
            return body


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
    text = (await read_body(receive)).decode()
    await send_json(send, 200, {"bytes": len(text), "words": len(text.split())})
