# Another correct answer: an async class-based view, and the clean-up as an except-and-re-raise.
import asyncio
import itertools
import json

import broker
from django.http import JsonResponse, StreamingHttpResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

KEEPALIVE = 15.0


def sse(event):
    lines = [f"id: {event['id']}"]
    lines += [f"data: {part}" for part in json.dumps(event, indent=1).splitlines()]  # several data: lines
    return "\n".join(lines) + "\n\n"


class Events(View):
    async def get(self, request):
        response = StreamingHttpResponse(self.stream(), content_type="text/event-stream; charset=utf-8")
        response["Cache-Control"] = "no-cache"
        return response

    async def stream(self):
        queue = broker.subscribe()
        try:
            while True:
                try:
                    async with asyncio.timeout(KEEPALIVE):
                        event = await queue.get()
                    yield sse(event)
                except TimeoutError:
                    yield ":\n\n"
        except BaseException:
            broker.unsubscribe(queue)
            raise


events = Events.as_view()


_demo_ids = itertools.count(1)


@csrf_exempt
@require_POST
async def publish_demo(request):
    event = {"id": next(_demo_ids), "text": request.body.decode("utf-8", "replace") or "ping"}
    return JsonResponse({"published": event, "subscribers": broker.publish(event)})
