# expect: ended after its first line
# expect-ru: закончился после первой же строки
import asyncio
from urllib.parse import parse_qs

interval = 0.5  # seconds between two lines


async def tick():
    """Wait between two lines (the check puts its own in its place)."""
    await asyncio.sleep(interval)


async def app(scope, receive, send):
    """Stream a countdown, one line at a time."""
    if scope["type"] != "http":
        return
    if scope["path"] != "/countdown":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found\n"})
        return
    query = parse_qs(scope["query_string"].decode())  # b"from=5" -> {"from": ["5"]}
    start = int(query.get("from", ["3"])[0])

    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    for number in range(start, 0, -1):
        # more_body=True: "there is more to come", so the server sends this line now and keeps
        # the response open.
        await send({"type": "http.response.body", "body": f"{number}\n".encode()})
        await tick()
    # The last message leaves more_body out (False): the response is complete.
    await send({"type": "http.response.body", "body": b"liftoff!\n"})
