# Write `BoardMiddleware`, an ASYNC-ONLY class middleware (no thread hop under ASGI): flag the class,
# mark each instance with markcoroutinefunction, and await get_response. On every response set
# `X-Request-ID` (a new uuid4 hex); on ordinary responses also `Server-Timing: app;dur=<ms>`. A streaming
# response must stay a stream: never touch `response.content`; wrap `response.streaming_content` in an
# async generator that counts the open streams in `stats["open_streams"]` (up when it starts, down when it ends).
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import time
import uuid

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

stats = {"open_streams": 0}


class StreamCounter:
    """An async iterator (not a generator) around a stream's chunks: counts itself open until the end."""

    def __init__(self, content):
        self.content = aiter(content)
        self.open = False

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.open:
            self.open = True
            stats["open_streams"] += 1
        try:
            return await anext(self.content)
        except BaseException:  # the end (StopAsyncIteration), an error or a cancellation: closed for good
            self.close()
            raise

    def close(self):
        if self.open:
            self.open = False
            stats["open_streams"] -= 1


class BoardMiddleware:
    async_capable = True
    sync_capable = False

    def __init__(self, get_response):
        self.get_response = get_response
        if iscoroutinefunction(self.get_response):
            markcoroutinefunction(self)

    async def __call__(self, request):
        started = time.perf_counter_ns()
        response = await self.get_response(request)
        if not response.streaming:
            response["Server-Timing"] = f"app;dur={(time.perf_counter_ns() - started) / 1e6:.2f}"
        else:
            response.streaming_content = StreamCounter(response.streaming_content)
        response["X-Request-ID"] = str(uuid.uuid4()).replace("-", "")
        return response
