# Write `BoardMiddleware`, an ASYNC-ONLY class middleware (no thread hop under ASGI): flag the class,
# mark each instance with markcoroutinefunction, and await get_response. On every response set
# `X-Request-ID` (a new uuid4 hex); on ordinary responses also `Server-Timing: app;dur=<ms>`. A streaming
# response must stay a stream: never touch `response.content`; wrap `response.streaming_content` in an
# async generator that counts the open streams in `stats["open_streams"]` (up when it starts, down when it ends).
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import time
import uuid

from django.utils.decorators import async_only_middleware

stats = {"open_streams": 0}


@async_only_middleware
def board_middleware(get_response):
    async def count_stream(content):
        stats["open_streams"] += 1
        try:
            async for chunk in content:
                yield chunk
        finally:
            stats["open_streams"] -= 1

    async def middleware(request):
        request_id = uuid.uuid4().hex
        started = time.monotonic()
        response = await get_response(request)
        if response.streaming:
            response.streaming_content = count_stream(response.streaming_content)
        else:
            response.headers["Server-Timing"] = "app;dur=%.1f" % ((time.monotonic() - started) * 1000)
        response.headers["X-Request-ID"] = request_id
        return response

    return middleware


BoardMiddleware = board_middleware  # the name settings.MIDDLEWARE uses
