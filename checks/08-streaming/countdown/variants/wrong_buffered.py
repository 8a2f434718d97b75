# expect: buffered
# expect-ru: строки буферизовались
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
    lines = []
    for number in range(start, 0, -1):
        lines.append(f"{number}\n")
        await tick()
    lines.append("liftoff!\n")
    await send({"type": "http.response.body", "body": "".join(lines).encode()})
