# expect: holds the whole body before sending
# expect-ru: держит у себя всё тело, прежде чем отправить
# Collect the whole log, then answer: correct text, but nothing arrives until the build is over.
import buildlog
from django.http import HttpResponse


async def build_log(request):
    lines = [f"{line}\n" async for line in buildlog.follow()]
    return HttpResponse("".join(lines), content_type="text/plain; charset=utf-8")
