# Another correct answer: a class whose instances are ASGI apps, and a helper that sends text.
import asyncio

delay = 0.3


class Hello:
    def __init__(self, text: str) -> None:
        self.body = text.encode("utf-8")

    async def send_text(self, send, status: int) -> None:
        headers = [[b"content-type", b"text/plain; charset=utf-8"], [b"content-length", b"%d" % len(self.body)]]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            await asyncio.sleep(delay)
            await self.send_text(send, 200)


app = Hello("Hello, ASGI!")
