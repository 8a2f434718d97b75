# Another correct answer: `async for` over the log's async iterator, with the generator inside the view.
import buildlog
from django.http import StreamingHttpResponse


async def build_log(request):
    async def lines():
        async for line in buildlog.follow():
            yield line + "\n"

    response = StreamingHttpResponse(lines(), content_type="text/plain; charset=utf-8")
    response["X-Accel-Buffering"] = "no"  # tell nginx not to buffer it
    return response
