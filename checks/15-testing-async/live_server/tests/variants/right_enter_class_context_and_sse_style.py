# A different correct suite: the server as a context manager entered with enterClassContext
# (Python 3.11+), ten requests in a TaskGroup judged by the app's in-flight counter, and the
# stream's first line timed from the request.
import asyncio
import contextlib
import time

import asgi
import httpx
import livetest
from django.test import SimpleTestCase


@contextlib.contextmanager
def running(app):
    server = livetest.LiveServer(app)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()


class ServedForRealTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.url = cls.enterClassContext(running(asgi.application))

    async def test_ten_slow_requests(self):
        async with httpx.AsyncClient(timeout=5) as client:
            await client.get(self.url + "/slow/")
            async with asyncio.TaskGroup() as group:
                tasks = [group.create_task(client.get(self.url + "/slow/")) for _ in range(10)]
        seen = [task.result().json()["in_flight"] for task in tasks]
        self.assertGreaterEqual(max(seen), 8)

    async def test_first_tick_is_early(self):
        async with httpx.AsyncClient(timeout=5) as client:
            start = time.perf_counter()
            async with client.stream("GET", self.url + "/ticker/") as response:
                async for line in response.aiter_lines():
                    self.assertEqual(line, "tick 0")
                    break
            self.assertLess(time.perf_counter() - start, 0.3)
