# Напишите `refresh_feeds(client, urls)`: запросите все ленты одновременно через переданный вам `client`
# (единственный общий httpx.AsyncClient приложения), ограничив каждый запрос settings.BOARD_FEED_TIMEOUT
# секундами. Ленту, которая отказала (сетевая ошибка, код ошибки, тайм-аут, некорректный JSON), запишите
# в лог через `logger.warning` и пропустите. Сохраните каждый элемент как Notice не больше одного раза
# (его "id" идёт в уникальное поле `external_id`) и верните число новых объявлений. Лента выглядит так:
# {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Урок 16: Итоговый проект: живая доска объявлений (`tutor lesson 16`)

import asyncio
import logging

import httpx
from django.conf import settings
from notices.models import Notice

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
    """Конкурентно запросить ленты по адресам `urls` через `client`; сохранить новые элементы; вернуть их число."""
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
