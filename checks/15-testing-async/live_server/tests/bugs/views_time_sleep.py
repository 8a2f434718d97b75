# PLANTED BUG (the slow view blocks with time.sleep): the check runs the learner's tests against this copy.
"""Two async views. They work: your job is to prove it under a real server, in tests.py.

GET /slow/     waits SLOW_SECONDS without blocking (think: a slow upstream), then answers
               {"in_flight": N}: how many requests were inside this view when this one finished waiting
               (itself included). Requests that overlap see N > 1; requests served one at a time see 1.
GET /ticker/   a streamed text/plain body: "tick 0\n" at once, then "tick 1\n" and "tick 2\n",
               TICK_SECONDS apart. A client must get the first line long before the body ends.
"""

import asyncio
import time

from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

SLOW_SECONDS = 0.3
TICK_SECONDS = 0.2
in_flight = 0


@require_GET
async def slow(request):
    global in_flight
    in_flight += 1
    try:
        time.sleep(SLOW_SECONDS)  # blocks the event loop: every other request waits
        return JsonResponse({"in_flight": in_flight})
    finally:
        in_flight -= 1


async def ticks():
    for n in range(3):
        if n:
            await asyncio.sleep(TICK_SECONDS)
        yield f"tick {n}\n"


@require_GET
async def ticker(request):
    return StreamingHttpResponse(ticks(), content_type="text/plain")
