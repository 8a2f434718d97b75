# Another correct answer: a class-based app that keeps the pool on itself.
import asyncio
import json


async def open_pool():
    await asyncio.sleep(0.2)
    raise RuntimeError("the check replaces this")


class App:
    def __init__(self):
        self.pool = None

    async def lifespan(self, receive, send):
        message = await receive()
        assert message["type"] == "lifespan.startup"
        try:
            self.pool = await open_pool()
        except Exception as exc:
            await send({"type": "lifespan.startup.failed", "message": f"cannot open the pool: {exc}"})
            return
        await send({"type": "lifespan.startup.complete"})
        message = await receive()
        assert message["type"] == "lifespan.shutdown"
        try:
            await self.pool.close()
        except Exception as exc:
            await send({"type": "lifespan.shutdown.failed", "message": str(exc)})
        else:
            await send({"type": "lifespan.shutdown.complete"})

    async def __call__(self, scope, receive, send):
        if scope["type"] == "lifespan":
            return await self.lifespan(receive, send)
        answer = await self.pool.query()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": json.dumps({"answer": answer}).encode()})


app = App()
