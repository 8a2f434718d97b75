# Read a request body that arrives in several chunks. For a POST request, collect every
# `http.request` message until `more_body` is false, decode the whole body as UTF-8, and answer 200
# with the JSON `{"bytes": <length of the body in bytes>, "words": <number of words>}` and the header
# `content-type: application/json`. Answer any other method with 405. Try it with `tutor run`.
# Lesson 7: WSGI vs ASGI (`tutor lesson 7`)

import json


async def read_body(receive):
    """Return the whole request body, as bytes, however many messages it arrives in."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break  # the client left before sending everything
        chunks.append(message.get("body", b""))
        # `more_body` may be missing, which means False: this was the last chunk.
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def send_json(send, status, data):
    """Send `data` as a JSON response with the given status."""
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    """POST: count the bytes and words of the body. Other methods: 405."""
    if scope["type"] != "http":
        return
    if scope["method"] != "POST":
        await send_json(send, 405, {"error": "method not allowed"})
        return
    body = await read_body(receive)
    # Decode once, after joining: a chunk may end in the middle of a multi-byte character.
    text = body.decode("utf-8")
    await send_json(send, 200, {"bytes": len(body), "words": len(text.split())})
