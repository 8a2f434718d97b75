# Another correct answer: a class; the disconnect sets an Event that the event loop checks, and an
# `asyncio.timeout`-free wait races the next tick against the disconnect.
import asyncio

interval = 1.0
active_streams = 0


async def tick():
    await asyncio.sleep(interval)


class EventStream:
    async def __call__(self, scope, receive, send):
        global active_streams
        if scope["type"] != "http":
            return
        if scope["path"] != "/events":
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b"not found"})
            return
        gone = asyncio.Event()

        async def watch():
            while (await receive())["type"] != "http.disconnect":
                pass
            gone.set()

        watcher = asyncio.create_task(watch())
        active_streams += 1
        try:
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/event-stream")]}
            )
            number = 0
            while not gone.is_set():
                next_tick = asyncio.create_task(tick())
                leaving = asyncio.create_task(gone.wait())
                await asyncio.wait({next_tick, leaving}, return_when=asyncio.FIRST_COMPLETED)
                next_tick.cancel()
                leaving.cancel()
                if gone.is_set():
                    break
                number += 1
                await send(
                    {
                        "type": "http.response.body",
                        "body": b"id: %d\ndata: tick %d\n\n" % (number, number),
                        "more_body": True,
                    }
                )
        finally:
            watcher.cancel()
            active_streams -= 1


app = EventStream()
