# Write `refresh_feeds(client, urls)`: fetch every feed at once with the `client` you are given (the app's
# one shared httpx.AsyncClient), each fetch limited to settings.BOARD_FEED_TIMEOUT seconds. A feed that
# fails (a network error, an error status, a timeout, bad JSON) is logged with `logger.warning` and
# skipped. Save each item as a Notice at most once (its "id" goes in `external_id`, which is unique) and
# return how many notices were new. A feed is {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import asyncio
import logging

import httpx
from django.conf import settings
from notices.models import Notice

logger = logging.getLogger("board.feeds")


async def fetch_feed(client, url):
    """`(source, items)` of the feed, or `(None, [])` when the feed failed (logged)."""
    try:
        response = await client.get(url, timeout=settings.BOARD_FEED_TIMEOUT)
        response.raise_for_status()
        payload = response.json()
        return payload["source"], list(payload["items"])
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        logger.warning("feed %s skipped: %s", url, repr(error))
        return None, []


async def refresh_feeds(client, urls):
    """Fetch the feeds at `urls` concurrently through `client`; store the new items; return how many."""
    results = await asyncio.gather(*(fetch_feed(client, url) for url in urls))
    new = 0
    for source, items in results:
        for item in items:
            _notice, created = await Notice.objects.aget_or_create(
                external_id=str(item["id"]),
                defaults={"title": item["title"], "body": item.get("body", ""), "source": source},
            )
            new += created
    return new
