# Write `refresh_feeds(client, urls)`: fetch every feed at once with the `client` you are given (the app's
# one shared httpx.AsyncClient), each fetch limited to settings.BOARD_FEED_TIMEOUT seconds. A feed that
# fails (a network error, an error status, a timeout, bad JSON) is logged with `logger.warning` and
# skipped. Save each item as a Notice at most once (its "id" goes in `external_id`, which is unique) and
# return how many notices were new. A feed is {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import asyncio
import json
import logging

from django.conf import settings
from notices.models import Notice

logger = logging.getLogger("board.feeds")


async def fetch_feed(client, url):
    try:
        async with asyncio.timeout(settings.BOARD_FEED_TIMEOUT):
            response = await client.get(url)
        if response.status_code != 200:
            raise ValueError(f"status {response.status_code}")
        payload = json.loads(response.content)
        return [
            Notice(
                external_id=str(item["id"]), title=item["title"], body=item.get("body", ""), source=payload["source"]
            )
            for item in payload["items"]
        ]
    except Exception as error:  # one feed's trouble is never the refresh's
        logger.warning("feed %s skipped: %r", url, error)
        return []


async def refresh_feeds(client, urls):
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_feed(client, url)) for url in urls]
    fetched = {notice.external_id: notice for task in tasks for notice in task.result()}
    known = {eid async for eid in Notice.objects.filter(external_id__in=fetched).values_list("external_id", flat=True)}
    new = [notice for eid, notice in fetched.items() if eid not in known]
    await Notice.objects.abulk_create(new, ignore_conflicts=True)
    return len(new)
