# expect: expected ['1', 'liftoff!']
# expect-ru: ожидалось ['1', 'liftoff!']
import asyncio

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
    start = 3

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
        await send({"type": "http.response.body", "body": f"{number}\n".encode(), "more_body": True})
        await tick()
    # The last message leaves more_body out (False): the response is complete.
    await send({"type": "http.response.body", "body": b"liftoff!\n"})
