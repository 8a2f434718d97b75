# Another correct answer: keep the pool in the lifespan `state` (ASGI spec 2.3+; uvicorn copies it
# into every request's `scope["state"]`). There is no global `pool` at all.
import asyncio
import contextlib
import json


async def open_pool():
    await asyncio.sleep(0.2)
    raise RuntimeError("the check replaces this")


@contextlib.asynccontextmanager
async def pool_for(state):
    state["pool"] = await open_pool()
    try:
        yield
    finally:
        await state.pop("pool").close()


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        await receive()  # lifespan.startup
        stack = contextlib.AsyncExitStack()
        try:
            await stack.enter_async_context(pool_for(scope["state"]))
        except Exception as exc:
            await send({"type": "lifespan.startup.failed", "message": repr(exc)})
            return
        await send({"type": "lifespan.startup.complete"})
        await receive()  # lifespan.shutdown
        await stack.aclose()
        await send({"type": "lifespan.shutdown.complete"})
        return
    answer = await scope["state"]["pool"].query()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": json.dumps({"answer": answer}).encode()})
