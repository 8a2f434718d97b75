# Stream the build log to the client line by line, while the build runs: GET /build/ answers
# `text/plain`, one line ("...\n") as soon as buildlog.py has it. This WSGI-era version reads the log
# with a blocking call in a sync generator: under ASGI, Django collects it whole in a thread (with a
# warning) and the client sees nothing until the build is over. Make `log_lines` an async generator
# that awaits `buildlog.next_line(number)` (or uses `async for` over `buildlog.follow()`).
# Lesson 14: Streaming and notifications (`tutor lesson 14`)

import buildlog
from django.http import StreamingHttpResponse


async def log_lines():
    """Each line of the build log followed by "\n", as soon as the build has written it."""
    number = 0
    while (line := await buildlog.next_line(number)) is not None:
        yield f"{line}\n"  # Django sends each piece as its own chunk, right away
        number += 1


async def build_log(request):
    """GET /build/: the build log, streamed as plain text."""
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
