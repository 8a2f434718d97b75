# expect: it should be 1
# expect-ru: а должен быть 1
import asyncio

interval = 1.0  # seconds between two events
active_streams = 0  # how many /events streams are open right now


async def tick():
    """Wait until the next event is due (the check puts its own in its place)."""
    await asyncio.sleep(interval)


async def send_events(send):
    """Send one event per tick, for ever (until cancelled)."""
    number = 0
    while True:
        await tick()
        number += 1
        event = f"id: {number}\ndata: tick {number}\n\n"  # the blank line ends the event
        await send({"type": "http.response.body", "body": event.encode(), "more_body": True})


async def wait_for_disconnect(receive):
    """Return when the client has gone."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def app(scope, receive, send):
    """Stream an event per tick until the client disconnects."""
    global active_streams
    if scope["type"] != "http":
        return
    if scope["path"] != "/events":
        await send({"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"Not found\n"})
        return

    try:
        headers = [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        # Two things at once: produce events, and listen for the client leaving. Sending to a
        # client that left raises nothing under uvicorn, so only `receive()` tells us.
        async with asyncio.TaskGroup() as group:
            events = group.create_task(send_events(send))
            await wait_for_disconnect(receive)
            events.cancel()  # the client left: stop producing (the group waits for it to end)
    finally:
        pass
