# expect: async iterator
# expect-ru: асинхронный итератор
# Write the tests of an event stream and of a view that calls an upstream API. views.py works (read
# it, and upstream.py): your tests must pass on it; then the check plants three bugs, one at a time.
# The stream never ends: read its first events with `await anext(...)` inside `asyncio.timeout(...)`.
# Replace the upstream with `httpx.MockTransport(handler)`: no test may touch the network.
# Try them yourself: `python manage.py test` in this folder.
# Lesson 15: Testing async Django (`tutor lesson 15`)

import asyncio
import json
from unittest import mock

import httpx
import upstream
from django.test import SimpleTestCase


async def read_events(response, count, within=1):
    """The first `count` events of an SSE response as (event, data) pairs, or TimeoutError."""
    chunks = response.streaming_content
    events, buffer = [], ""
    async with asyncio.timeout(within):
        while len(events) < count:
            buffer += (await anext(chunks)).decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                fields = dict(line.split(": ", 1) for line in block.splitlines())
                events.append((fields.get("event", "message"), fields.get("data")))
    await chunks.aclose()  # leave the stream: the server side stops at once
    return events


def fake_upstream(news_status=200):
    """An httpx transport standing in for the upstream API, with the news endpoint's status to answer."""

    async def handler(request):
        if request.url.path == "/weather":
            return httpx.Response(200, json={"city": "Oslo", "celsius": -3})
        if request.url.path == "/news":
            return httpx.Response(news_status, json={"headlines": ["tests pass"]})
        return httpx.Response(404)

    return mock.patch.object(upstream, "transport", httpx.MockTransport(handler))


class EventStreamTests(SimpleTestCase):
    async def test_is_an_async_event_stream(self):
        """GET /events/ answers 200, text/event-stream, streamed by an async iterator."""
        response = await self.async_client.get("/events/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/event-stream")
        self.assertTrue(response.streaming)
        first = next(iter(response.streaming_content))
        self.assertTrue(first.startswith(b"event: tick"))

    async def test_first_two_events(self):
        """The first two events are ticks 0 and 1, each ended by a blank line."""
        response = await self.async_client.get("/events/")
        events = await read_events(response, 2)
        self.assertEqual(events, [("tick", json.dumps({"n": 0})), ("tick", json.dumps({"n": 1}))])


class DashboardTests(SimpleTestCase):
    async def test_combines_both_upstreams(self):
        """GET /dashboard/ answers the weather and the news from the upstream."""
        with fake_upstream():
            response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.json(), {"weather": {"city": "Oslo", "celsius": -3}, "news": {"headlines": ["tests pass"]}}
        )

    async def test_a_failing_upstream_gives_null(self):
        """When the news upstream answers 503, the dashboard still answers 200, with news null."""
        with fake_upstream(news_status=503):
            response = await self.async_client.get("/dashboard/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"weather": {"city": "Oslo", "celsius": -3}, "news": None})
