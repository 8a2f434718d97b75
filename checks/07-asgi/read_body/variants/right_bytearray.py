# Another correct answer: a bytearray, and a dispatch on the method first.
import json


async def read_body(receive):
    body = bytearray()
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    return bytes(body)


async def send_json(send, status, data):
    payload = json.dumps(data).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json; charset=utf-8"), (b"allow", b"POST")],
        }
    )
    await send({"type": "http.response.body", "body": payload})


async def count(receive, send):
    text = (await read_body(receive)).decode()
    await send_json(send, 200, {"words": len(text.split()), "bytes": len(text.encode())})


async def app(scope, receive, send):
    if scope["type"] == "http":
        if scope["method"] == "POST":
            await count(receive, send)
        else:
            await send_json(send, 405, {"error": "POST only"})
