"""Три поддельные «внешние» ленты, которые отдаёт этот же проект, так что `tutor run` обходится без интернета.

GET /fake-feeds/<name>.json отвечает {"source": name, "items": [{"id", "title", "body"}, ...]} после
небольшой задержки. "alpha" добавляет новый элемент каждую минуту (так что обновление минутой позже
находит что-то новое); "slow" отвечает 3 с, дольше settings.BOARD_FEED_TIMEOUT, так что обновление
должно перестать её ждать; "broken" всегда отвечает 503. Чтобы работать с настоящими лентами той же
структуры, укажите их в settings.BOARD_FEEDS.
"""

import asyncio

from django.http import Http404, JsonResponse
from django.utils import timezone

FEEDS = {
    "alpha": {"delay": 0.2, "items": [("Alpha: servers patched", "All web servers run the new kernel.")]},
    "beta": {"delay": 0.3, "items": [("Beta: new canteen menu", "Soup of the day: lentils."),
                                     ("Beta: parking closed Friday", "Use the east entrance.")]},
    "slow": {"delay": 3.0, "items": [("Slow: you will not see this", "This feed always answers too late.")]},
    "broken": {"delay": 0.1, "status": 503, "items": []},
}


async def fake_feed(request, name):
    feed = FEEDS.get(name)
    if feed is None:
        raise Http404(f"no fake feed named {name!r}")
    await asyncio.sleep(feed["delay"])
    if "status" in feed:
        return JsonResponse({"error": "feed temporarily unavailable"}, status=feed["status"])
    items = [{"id": f"{name}-{n}", "title": title, "body": body} for n, (title, body) in enumerate(feed["items"])]
    if name == "alpha":  # по новому элементу в минуту
        minute = timezone.now().strftime("%H:%M")
        items.append({"id": f"alpha-{minute}", "title": f"Alpha: status at {minute} UTC", "body": "All green."})
    return JsonResponse({"source": name, "items": items})
