# expect: had read the whole log
# expect-ru: прочитало весь лог
# A StreamingHttpResponse, but over a list the view filled first: streamed, yet only after the build.
import buildlog
from django.http import StreamingHttpResponse


async def build_log(request):
    lines = [f"{line}\n" async for line in buildlog.follow()]
    return StreamingHttpResponse(lines, content_type="text/plain; charset=utf-8")
