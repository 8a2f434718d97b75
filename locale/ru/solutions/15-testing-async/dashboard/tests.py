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
import upstream
from django.test import SimpleTestCase


async def read_events(response, count, within=1):
    """Первые `count` событий SSE-ответа парами (event, data) или TimeoutError."""
    chunks = response.streaming_content
    events, buffer = [], ""
    async with asyncio.timeout(within):
        while len(events) < count:
            buffer += (await anext(chunks)).decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                fields = dict(line.split(": ", 1) for line in block.splitlines())
                events.append((fields.get("event", "message"), fields.get("data")))
    await chunks.aclose()  # уходим из стрима: серверная сторона сразу останавливается
    return events


def fake_upstream(news_status=200):
    """Транспорт httpx вместо внешнего API; news_status — код, которым ответит эндпоинт новостей."""

    async def handler(request):
        if request.url.path == "/weather":
            return httpx.Response(200, json={"city": "Oslo", "celsius": -3})
        if request.url.path == "/news":
            return httpx.Response(news_status, json={"headlines": ["tests pass"]})
        return httpx.Response(404)

    return mock.patch.object(upstream, "transport", httpx.MockTransport(handler))


class EventStreamTests(SimpleTestCase):
    async def test_is_an_async_event_stream(self):
        """GET /events/ отвечает 200, text/event-stream, отдаётся по частям асинхронным итератором."""
        response = await self.async_client.get("/events/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/event-stream")
        self.assertTrue(response.streaming)
        self.assertTrue(response.is_async, "a sync iterator would tie up a thread per client under ASGI")
        await response.streaming_content.aclose()

    async def test_first_two_events(self):
        """Первые два события — тики 0 и 1, и каждое заканчивается пустой строкой."""
        response = await self.async_client.get("/events/")
        events = await read_events(response, 2)
        self.assertEqual(events, [("tick", json.dumps({"n": 0})), ("tick", json.dumps({"n": 1}))])


class DashboardTests(SimpleTestCase):
    async def test_combines_both_upstreams(self):
        """GET /dashboard/ отвечает погодой и новостями из внешнего сервиса."""
        with fake_upstream():
            response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), {"weather": {"city": "Oslo", "celsius": -3}, "news": {"headlines": ["tests pass"]}}
        )

    async def test_a_failing_upstream_gives_null(self):
        """Когда сервис новостей отвечает 503, дашборд всё равно отвечает 200, а news равно null."""
        with fake_upstream(news_status=503):
            response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"weather": {"city": "Oslo", "celsius": -3}, "news": None})
