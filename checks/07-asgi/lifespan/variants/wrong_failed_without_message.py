# expect: put the error's text in it
# expect-ru: поместите в него текст ошибки
import asyncio
import json


class Pool:
    """A stand-in for a database connection pool: slow to open, shared by every request."""

    def __init__(self):
        self.queries = 0

    async def query(self):
        self.queries += 1
        return f"query #{self.queries} on the shared pool"

    async def close(self):
        await asyncio.sleep(0.1)
        print("pool closed")


async def open_pool():
    """Open the pool. Call it as `await open_pool()` (the check puts its own in its place)."""
    await asyncio.sleep(0.2)
    print("pool opened")
    return Pool()


pool = None  # the pool every request shares: opened at startup, closed at shutdown


async def lifespan(scope, receive, send):
    """Speak the lifespan protocol: open `pool` at startup, close it at shutdown."""
    global pool
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                pool = await open_pool()
            except Exception:
                # Tell the server why: it logs the message and does not start serving.
                await send({"type": "lifespan.startup.failed"})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            if pool is not None:
                await pool.close()  # close first: the server may exit as soon as we answer
                pool = None
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope, receive, send):
    """The application: lifespan events go to `lifespan`; HTTP requests use the shared pool."""
    if scope["type"] == "lifespan":
        await lifespan(scope, receive, send)
        return
    if pool is None:
        status, data = 503, {"error": "the pool is not open: did the lifespan startup run?"}
    else:
        status, data = 200, {"answer": await pool.query()}
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps(data).encode()})
