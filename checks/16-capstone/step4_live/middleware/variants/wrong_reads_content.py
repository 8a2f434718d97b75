# expect: has no `.content`
# expect-ru: нет `.content`
# Write `BoardMiddleware`, an ASYNC-ONLY class middleware (no thread hop under ASGI): flag the class,
# mark each instance with markcoroutinefunction, and await get_response. On every response set
# `X-Request-ID` (a new uuid4 hex); on ordinary responses also `Server-Timing: app;dur=<ms>`. A streaming
# response must stay a stream: never touch `response.content`; wrap `response.streaming_content` in an
# async generator that counts the open streams in `stats["open_streams"]` (up when it starts, down when it ends).
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import time
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

stats = {"open_streams": 0}  # GET /api/status/ shows it


async def counted(content):
    """The stream's chunks, passed on one by one as they come, counting the open streams meanwhile."""
    stats["open_streams"] += 1
    try:
        async for chunk in content:
            yield chunk
    finally:  # ended, or cancelled because the client went away
        stats["open_streams"] -= 1


class BoardMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)  # tells Django (and CommonMiddleware above us) to await us

    async def __call__(self, request):
        started = time.perf_counter()
        response = await self.get_response(request)
        response["X-Request-ID"] = uuid.uuid4().hex
        response["X-Body-Bytes"] = str(len(response.content))  # handy for the logs
        if response.streaming:
            response.streaming_content = counted(response.streaming_content)
        else:
            response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
