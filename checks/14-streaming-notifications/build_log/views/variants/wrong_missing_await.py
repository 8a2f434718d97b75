# expect: did you forget `await`
# expect-ru: вы забыли `await`
# The generator is async, but the line is never awaited: `line` is a coroutine object, never None.
import buildlog
from django.http import StreamingHttpResponse


async def log_lines():
    number = 0
    while (line := buildlog.next_line(number)) is not None:
        yield f"{line}\n"
        number += 1


async def build_log(request):
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
