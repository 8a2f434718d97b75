"""Забирает внешние ленты (ваш шаг 2); о каждом новом объявлении сообщает сигнал `notice_created`."""

import asyncio
import logging

import httpx
from django.conf import settings
from notices.models import Notice
from notices.signals import notice_created

logger = logging.getLogger("board.feeds")


async def fetch_feed(client, url):
    """`(source, items)` ленты или `(None, [])`, если лента отказала (это записывается в лог)."""
    try:
        response = await client.get(url, timeout=settings.BOARD_FEED_TIMEOUT)
        response.raise_for_status()
        payload = response.json()
        return payload["source"], list(payload["items"])
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
        logger.warning("feed %s skipped: %s", url, repr(error))
        return None, []


async def refresh_feeds(client, urls):
    """Конкурентно запросить ленты `urls` через `client`; сохранить и объявить новые элементы; вернуть их число."""
    results = await asyncio.gather(*(fetch_feed(client, url) for url in urls))
    new = 0
    for source, items in results:
        for item in items:
            notice, created = await Notice.objects.aget_or_create(
                external_id=str(item["id"]),
                defaults={"title": item["title"], "body": item.get("body", ""), "source": source},
            )
            if created:
                new += 1
                await notice_created.asend(sender=Notice, notice=notice)
    return new
