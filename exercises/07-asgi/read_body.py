# Read a request body that arrives in several chunks. For a POST request, collect every
# `http.request` message until `more_body` is false, decode the whole body as UTF-8, and answer 200
# with the JSON `{"bytes": <length of the body in bytes>, "words": <number of words>}` and the header
# `content-type: application/json`. Answer any other method with 405. Try it with `tutor run`.
# Lesson 7: WSGI vs ASGI (`tutor lesson 7`)

import json


async def read_body(receive):
    """Return the whole request body, as bytes, however many messages it arrives in."""
    raise NotImplementedError("await receive() until a message says there is no more body")


async def send_json(send, status, data):
    """Send `data` as a JSON response with the given status."""
    body = json.dumps(data).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})


async def app(scope, receive, send):
    """POST: count the bytes and words of the body. Other methods: 405."""
    if scope["type"] != "http":
        return
    # TODO: answer 405 unless the method is POST; read the body with `read_body`, decode it,
    # and answer with the counts.
    await send_json(send, 501, {"error": "not written yet: see read_body.py"})
