# Test the app under a REAL server: start uvicorn (livetest.LiveServer) once for the class in
# setUpClass, stop it when the class is done, and talk to it with httpx.AsyncClient. Prove that
# concurrent requests to /slow/ overlap, and that /ticker/ delivers its first line before it ends.
# views.py works: your tests must pass on it; then the check plants three bugs, one at a time.
# Try them yourself: `python manage.py test` in this folder.
# Lesson 15: Testing async Django (`tutor lesson 15`)

import asyncio
import time

import httpx
from django.test import SimpleTestCase

from asgi import application
from livetest import LiveServer


class LiveServerTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Start a LiveServer for `application` (the app asgi.py gives uvicorn in production) and
        # make sure it is stopped when the class is done, even if something fails on the way.

    async def test_concurrent_requests_overlap(self):
        """Five requests to /slow/ at once are served side by side, not one after another."""
        self.fail("write this test")

    async def test_ticker_streams_its_first_line_early(self):
        """/ticker/ sends "tick 0" at once, long before the body ends."""
        self.fail("write this test")
