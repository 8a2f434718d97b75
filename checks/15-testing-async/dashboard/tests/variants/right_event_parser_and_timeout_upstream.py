# A different thorough suite: a small SSE parser reading one whole event at a time under
# asyncio.timeout, and a slow upstream (httpx raises a timeout) as the failing case.
import asyncio
import json
from unittest import mock

import httpx
import upstream
from django.test import SimpleTestCase


class EventReader:
    def __init__(self, response):
        self.chunks = response.streaming_content
        self.buffer = b""

    async def next_event(self):
        async with asyncio.timeout(1):
            while b"\n\n" not in self.buffer:
                self.buffer += await anext(self.chunks)
        raw, self.buffer = self.buffer.split(b"\n\n", 1)
        lines = raw.decode().splitlines()
        return {key: value for key, _, value in (line.partition(": ") for line in lines)}


class EventTests(SimpleTestCase):
    async def test_three_ticks_in_order(self):
        response = await self.async_client.get("/events/")
        self.assertTrue(response.is_async)
        self.assertIn("text/event-stream", response["Content-Type"])
        reader = EventReader(response)
        try:
            ticks = [json.loads((await reader.next_event())["data"])["n"] for _ in range(3)]
        finally:
            await response.streaming_content.aclose()
        self.assertEqual(ticks, [0, 1, 2])


def upstream_with(news):
    async def handler(request):
        if request.url.path == "/news":
            return await news(request)
        return httpx.Response(200, json={"sun": True})

    return mock.patch.object(upstream, "transport", httpx.MockTransport(handler))


class DashboardTests(SimpleTestCase):
    async def test_ok(self):
        async def news(request):
            return httpx.Response(200, json=["a"])

        with upstream_with(news):
            data = (await self.async_client.get("/dashboard/")).json()
        self.assertEqual(data, {"weather": {"sun": True}, "news": ["a"]})

    async def test_news_times_out(self):
        async def news(request):
            raise httpx.ReadTimeout("too slow", request=request)

        with upstream_with(news):
            response = await self.async_client.get("/dashboard/")
        self.assertEqual((response.status_code, response.json()["news"]), (200, None))
