# expect: streams from a synchronous iterator
# expect-ru: отдаёт ответ из синхронного итератора
# "The view is async, and async_to_sync lets a plain generator read the async log": a sync iterator.
import buildlog
from asgiref.sync import async_to_sync
from django.http import StreamingHttpResponse


def log_lines():
    number = 0
    while (line := async_to_sync(buildlog.next_line)(number)) is not None:
        yield f"{line}\n"
        number += 1


async def build_log(request):
    return StreamingHttpResponse(log_lines(), content_type="text/plain; charset=utf-8")
