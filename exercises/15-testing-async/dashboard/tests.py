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
from django.test import SimpleTestCase

import upstream


class EventStreamTests(SimpleTestCase):
    async def test_is_an_async_event_stream(self):
        """GET /events/ answers 200, text/event-stream, streamed by an async iterator."""
        self.fail("write this test")

    async def test_first_two_events(self):
        """The first two events are ticks 0 and 1, each ended by a blank line."""
        # response.streaming_content is an async iterator that never ends: never read it to the end.
        self.fail("write this test")


class DashboardTests(SimpleTestCase):
    async def test_combines_both_upstreams(self):
        """GET /dashboard/ answers the weather and the news from the upstream."""
        # with mock.patch.object(upstream, "transport", httpx.MockTransport(handler)): ...
        self.fail("write this test")

    async def test_a_failing_upstream_gives_null(self):
        """When the news upstream answers 503, the dashboard still answers 200, with news null."""
        self.fail("write this test")
