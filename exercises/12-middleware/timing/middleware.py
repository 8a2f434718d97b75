# Make `timing_middleware` work in BOTH modes, sync and async. It already adds a header such as
# `Server-Timing: app;dur=301.2` (how many milliseconds the rest of the chain and the view took), but it
# is sync-only, so under ASGI Django adapts it with a thread hop on every request. Mark the factory with
# @sync_and_async_middleware and return an `async def` middleware when get_response is a coroutine function.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

import time


def timing_middleware(get_response):
    # TODO: this factory has no flags, so Django treats it as sync-only (`tutor run` logs
    # "Asynchronous handler adapted for middleware middleware.timing_middleware.").
    def middleware(request):
        started = time.perf_counter()
        response = get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    return middleware
