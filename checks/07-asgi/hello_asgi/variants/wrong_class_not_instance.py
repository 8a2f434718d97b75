# expect: give it an instance
# expect-ru: поэтому ему нужен экземпляр
import asyncio

delay = 0.3


class app:
    def __init__(self, scope, receive, send):
        self.send = send

    async def __call__(self):
        await asyncio.sleep(delay)
        await self.send({"type": "http.response.start", "status": 200, "headers": []})
        await self.send({"type": "http.response.body", "body": b"Hello, ASGI!"})
