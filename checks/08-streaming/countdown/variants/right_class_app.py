# Another correct answer: a class-based app that ticks before each line after the first.
import asyncio
from urllib.parse import parse_qsl

interval = 0.5


async def tick():
    await asyncio.sleep(interval)


class Countdown:
    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return
        if scope["path"] != "/countdown":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"no such page"})
            return
        start = int(dict(parse_qsl(scope["query_string"].decode())).get("from", 3))
        lines = [f"{n}\n" for n in range(start, 0, -1)] + ["liftoff!\n"]
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain; charset=utf-8")]}
        )
        for index, line in enumerate(lines):
            if index:
                await tick()
            last = index == len(lines) - 1
            await send({"type": "http.response.body", "body": line.encode(), "more_body": not last})


app = Countdown()
