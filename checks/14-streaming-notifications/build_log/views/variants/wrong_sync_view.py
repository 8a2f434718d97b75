# expect: plain `def` view
# expect-ru: обычное представление на `def`
# The generator is right, but the view is plain `def`: Django runs it in a worker thread for nothing.
import buildlog
from django.http import StreamingHttpResponse


async def log_lines():
    number = 0
    while (line := await buildlog.next_line(number)) is not None:
        yield f"{line}\n"
        number += 1


def build_log(request):
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
