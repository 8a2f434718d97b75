# Another correct answer: an async class-based view, and the line reader imported by name.
from buildlog import next_line
from django.http import StreamingHttpResponse
from django.views import View


async def log_lines():
    number = 0
    while True:
        line = await next_line(number)
        if line is None:
            return
        yield f"{line}\n".encode()
        number += 1


class BuildLog(View):
    async def get(self, request):
        return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")


build_log = BuildLog.as_view()
