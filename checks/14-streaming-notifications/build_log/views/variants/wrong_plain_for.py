# expect: only `async for`
# expect-ru: только `async for`
# `async` forgotten on the generator: a plain `for` over the async iterator.
import buildlog
from django.http import StreamingHttpResponse


def log_lines():
    for line in buildlog.follow():
        yield f"{line}\n"


async def build_log(request):
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
