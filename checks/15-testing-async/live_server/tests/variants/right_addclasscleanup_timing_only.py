# A different correct suite: setUpClass/tearDownClass by hand, timing with wide margins as the only
# evidence (no counter), and the stream read chunk by chunk with a per-chunk deadline.
import asyncio
import time

import httpx
from asgi import application
from django.test import SimpleTestCase
from livetest import LiveServer


class RealServerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = LiveServer(application)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super().tearDownClass()

    async def test_overlap(self):
        async with httpx.AsyncClient(base_url=self.server.url, timeout=5) as client:
            await client.get("/slow/")
            start = time.perf_counter()
            await asyncio.gather(*(client.get("/slow/") for _ in range(6)))
            took = time.perf_counter() - start
        self.assertLess(took, 1.2, "six 0.3 s requests one at a time take 1.8 s")

    async def test_stream_arrives_in_pieces(self):
        arrivals = []
        async with httpx.AsyncClient(base_url=self.server.url, timeout=5) as client:  # noqa: SIM117
            async with client.stream("GET", "/ticker/") as response:
                chunks = response.aiter_bytes()
                while True:
                    try:
                        chunk = await asyncio.wait_for(anext(chunks), 1)
                    except StopAsyncIteration:
                        break
                    arrivals.append((time.perf_counter(), chunk))
        body = b"".join(chunk for _, chunk in arrivals)
        self.assertEqual(body, b"tick 0\ntick 1\ntick 2\n")
        self.assertGreater(arrivals[-1][0] - arrivals[0][0], 0.25)
