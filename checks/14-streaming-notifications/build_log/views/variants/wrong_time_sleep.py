# expect: blocked the event loop
# expect-ru: заблокировало событийный цикл
# "Pace the output so the client can keep up": a blocking sleep inside the async generator.
import time

import buildlog
from django.http import StreamingHttpResponse


async def log_lines():
    number = 0
    while (line := await buildlog.next_line(number)) is not None:
        yield f"{line}\n"
        time.sleep(0.3)
        number += 1


async def build_log(request):
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
