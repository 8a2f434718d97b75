# expect: never goes through asgi.py
# expect-ru: никогда не проходит через asgi.py
# Test the app under a REAL server: start uvicorn (livetest.LiveServer) once for the class in
# setUpClass, stop it when the class is done, and talk to it with httpx.AsyncClient. Prove that
# concurrent requests to /slow/ overlap, and that /ticker/ delivers its first line before it ends.
# views.py works: your tests must pass on it; then the check plants three bugs, one at a time.
# Try them yourself: `python manage.py test` in this folder.
# Lesson 15: Testing async Django (`tutor lesson 15`)

import asyncio
import time

import httpx
from asgi import application
from django.test import SimpleTestCase
from livetest import LiveServer


class LiveServerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = LiveServer(application)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)  # runs even when a later step of setUpClass fails

    async def test_concurrent_requests_overlap(self):
        """Five requests to /slow/ at once are served side by side, not one after another."""
        async with httpx.AsyncClient(base_url=self.server.url, timeout=5) as client:
            await client.get("/slow/")  # warm up: the first request builds Django's handler
            start = time.perf_counter()
            responses = await asyncio.gather(*(client.get("/slow/") for _ in range(5)))
            took = time.perf_counter() - start
        self.assertEqual([r.status_code for r in responses], [200] * 5)
        # The proof without a clock: while one request waited, the others were inside the view too.
        self.assertEqual(max(r.json()["in_flight"] for r in responses), 5)
        # The clock, with a wide margin: one at a time would take 5 x 0.3 = 1.5 s.
        self.assertLess(took, 1.2)

    async def test_ticker_streams_its_first_line_early(self):
        """/ticker/ sends "tick 0" at once, long before the body ends."""
        response = await self.async_client.get("/ticker/")  # Django's test client: no server, no asgi.py
        self.assertEqual(response.status_code, 200)
        chunks = response.streaming_content
        async with asyncio.timeout(2):
            first = (await anext(chunks)).decode()
            first_at = time.perf_counter()
            rest = [chunk.decode() async for chunk in chunks]
        ended_at = time.perf_counter()
        self.assertEqual(first, "tick 0\n")
        self.assertEqual(first + "".join(rest), "tick 0\ntick 1\ntick 2\n")
        # Two more ticks 0.2 s apart follow the first line: a buffered body arrives all at once.
        self.assertGreater(ended_at - first_at, 0.25)
