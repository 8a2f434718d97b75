# expect: a JSON answer says `application/json`
# expect-ru: в JSON-ответе указывают `application/json`
import json


async def read_body(receive):
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body", False):
            return body


async def app(scope, receive, send):
    if scope["type"] != "http":
        return
    status, data = 405, {"error": "method not allowed"}
    if scope["method"] == "POST":
        body = await read_body(receive)
        status, data = 200, {"bytes": len(body), "words": len(body.decode().split())}
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})
