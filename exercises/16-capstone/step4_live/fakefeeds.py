"""Three fake "external" feeds served by this same project, so `tutor run` needs no internet.

GET /fake-feeds/<name>.json answers {"source": name, "items": [{"id", "title", "body"}, ...]} after a
small delay. "alpha" adds a new item every minute (so a refresh a minute later finds something new);
"slow" takes 3 s, longer than settings.BOARD_FEED_TIMEOUT, so a refresh must give up on it;
"broken" always answers 503. Point settings.BOARD_FEEDS at real feeds of the same shape to go live.
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
    if name == "alpha":  # one more item per minute
        minute = timezone.now().strftime("%H:%M")
        items.append({"id": f"alpha-{minute}", "title": f"Alpha: status at {minute} UTC", "body": "All green."})
    return JsonResponse({"source": name, "items": items})
