# Напишите `refresh_feeds(client, urls)`: запросите все ленты одновременно через переданный вам `client`
# (единственный общий httpx.AsyncClient приложения), ограничив каждый запрос settings.BOARD_FEED_TIMEOUT
# секундами. Ленту, которая отказала (сетевая ошибка, код ошибки, тайм-аут, некорректный JSON), запишите
# в лог через `logger.warning` и пропустите. Сохраните каждый элемент как Notice не больше одного раза
# (его "id" идёт в уникальное поле `external_id`) и верните число новых объявлений. Лента выглядит так:
# {"source": "alpha", "items": [{"id", "title", "body"}, ...]}.
# Урок 16: Итоговый проект: живая доска объявлений (`tutor lesson 16`)

import logging

from django.conf import settings
from notices.models import Notice

logger = logging.getLogger("board.feeds")


async def refresh_feeds(client, urls):
    """Конкурентно запросить ленты по адресам `urls` через `client`; сохранить новые элементы; вернуть их число."""
    raise NotImplementedError("запросите ленты, сохраните новые элементы")
