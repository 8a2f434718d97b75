# Напишите тесты для стрима событий и для представления, которое обращается к внешнему API. views.py
# работает (прочитайте его и upstream.py): на нём ваши тесты должны пройти; затем проверка по очереди
# подбросит три бага. Стрим никогда не заканчивается: читайте первые события через `await anext(...)`
# внутри `asyncio.timeout(...)`. Подмените внешний сервис на `httpx.MockTransport(handler)`: ни один
# тест не должен ходить в сеть.
# Запустите их сами: `python manage.py test` в этой папке.
# Урок 15: Тестирование асинхронного Django (`tutor lesson 15`)

import asyncio
import json
from unittest import mock

import httpx
from django.test import SimpleTestCase

import upstream


class EventStreamTests(SimpleTestCase):
    async def test_is_an_async_event_stream(self):
        """GET /events/ отвечает 200, text/event-stream, отдаётся по частям асинхронным итератором."""
        self.fail("write this test")

    async def test_first_two_events(self):
        """Первые два события — тики 0 и 1, и каждое заканчивается пустой строкой."""
        # response.streaming_content — асинхронный итератор, который никогда не заканчивается: не читайте его до конца.
        self.fail("write this test")


class DashboardTests(SimpleTestCase):
    async def test_combines_both_upstreams(self):
        """GET /dashboard/ отвечает погодой и новостями из внешнего сервиса."""
        # Например: `with mock.patch.object(upstream, "transport", httpx.MockTransport(handler)): ...`
        self.fail("write this test")

    async def test_a_failing_upstream_gives_null(self):
        """Когда сервис новостей отвечает 503, дашборд всё равно отвечает 200, а news равно null."""
        self.fail("write this test")
