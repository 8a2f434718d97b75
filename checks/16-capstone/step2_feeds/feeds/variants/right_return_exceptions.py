# Write `refresh_feeds(client, urls)`: fetch every feed at once with the `client` you are given (the app's
# one shared httpx.AsyncClient), each fetch limited to settings.BOARD_FEED_TIMEOUT seconds. A feed that
# fails (a network error, an error status, a timeout, bad JSON) is logged with `logger.warning` and
# skipped. Save each item as a Notice at most once (its "id" goes in `external_id`, which is unique) and
# return how many notices were new. A feed is {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import asyncio
import logging

from django.conf import settings
from notices.models import Notice

logger = logging.getLogger("board.feeds")


async def get_json(client, url):
    response = await client.get(url, timeout=settings.BOARD_FEED_TIMEOUT)
    response.raise_for_status()
    return response.json()


async def refresh_feeds(client, urls):
    answers = await asyncio.gather(*(get_json(client, url) for url in urls), return_exceptions=True)
    new = 0
    for url, answer in zip(urls, answers, strict=True):
        if isinstance(answer, Exception):
            logger.warning("feed %s failed: %s", url, type(answer).__name__)
            continue
        for item in answer["items"]:
            if await Notice.objects.filter(external_id=item["id"]).aexists():
                continue
            await Notice.objects.acreate(
                external_id=item["id"], title=item["title"], body=item.get("body", ""), source=answer["source"]
            )
            new += 1
    return new
