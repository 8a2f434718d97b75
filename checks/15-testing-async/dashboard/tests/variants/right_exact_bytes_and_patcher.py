# A different thorough suite: exact bytes of the first events with asyncio.wait_for per chunk; the
# upstream replaced in setUp by a patcher (undone by addCleanup), its failure a connection error.
import asyncio
from unittest import mock

import httpx
import upstream
from django.test import SimpleTestCase

FIRST = b'event: tick\ndata: {"n": 0}\n\n'
SECOND = b'event: tick\ndata: {"n": 1}\n\n'


class StreamTests(SimpleTestCase):
    async def test_stream(self):
        response = await self.async_client.get("/events/")
        self.assertEqual(response.headers["content-type"], "text/event-stream")
        self.assertTrue(response.is_async)
        chunks = aiter(response.streaming_content)
        received = b""
        try:
            while len(received) < len(FIRST + SECOND):
                received += await asyncio.wait_for(anext(chunks), timeout=1)
        finally:
            await chunks.aclose()
        self.assertEqual(received[: len(FIRST + SECOND)], FIRST + SECOND)


class UpstreamTests(SimpleTestCase):
    def setUp(self):
        self.calls = []
        self.broken = set()

        async def handler(request):
            self.calls.append(request.url.path)
            if request.url.path in self.broken:
                raise httpx.ConnectError("upstream down", request=request)
            return httpx.Response(200, json={"path": request.url.path})

        patcher = mock.patch.object(upstream, "transport", httpx.MockTransport(handler))
        patcher.start()
        self.addCleanup(patcher.stop)

    async def test_both(self):
        response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.json(), {"weather": {"path": "/weather"}, "news": {"path": "/news"}})
        self.assertEqual(sorted(self.calls), ["/news", "/weather"])

    async def test_weather_down(self):
        self.broken.add("/weather")
        response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"weather": None, "news": {"path": "/news"}})
