# Another correct answer: a class-based app, an incremental UTF-8 decoder fed chunk by chunk.
import codecs
import json


async def read_body(receive):
    parts = []
    while True:
        message = await receive()
        parts.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(parts)


async def send_json(send, status, data):
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


class Counter:
    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        if scope["method"] != "POST":
            return await send_json(send, 405, {"error": "method not allowed"})
        decoder = codecs.getincrementaldecoder("utf-8")()
        size, text = 0, ""
        while True:
            message = await receive()
            chunk = message.get("body", b"")
            size += len(chunk)
            text += decoder.decode(chunk)  # keeps a half character until the rest arrives
            if not message.get("more_body", False):
                break
        text += decoder.decode(b"", final=True)
        await send_json(send, 200, {"bytes": size, "words": len(text.split())})


app = Counter()
