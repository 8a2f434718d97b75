"""Checks for lesson 15, exercise `live_server/tests.py`: the learner's tests run the app under a real
uvicorn server (started in setUpClass) and talk to it with httpx.

Their tests run with Django's runner against the working app, then against three broken copies
(bugs/): two views that serialize requests, and an asgi.py whose wrapper holds the streamed body.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.checkkit import CheckFailure, LearnerTests, PlantedBug, _, fail

BUGS = Path(__file__).parent / "bugs"

TESTS = LearnerTests(
    [
        PlantedBug(
            "time-sleep",
            {"views.py": BUGS / "views_time_sleep.py"},
            _(
                "the slow view waits with time.sleep, which blocks the server's event loop, so concurrent requests "
                "are served one after another"
            ),
            _(
                "Send five requests at once (`asyncio.gather` of `client.get(...)`) and assert they overlapped: "
                'the largest `response.json()["in_flight"]` must be 5, and (a wide margin) the five must take '
                "well under 5 x 0.3 s."
            ),
        ),
        PlantedBug(
            "global-lock",
            {"views.py": BUGS / "views_global_lock.py"},
            _(
                "the slow view holds one module-level asyncio.Lock while it waits, so requests take turns (the event "
                "loop is free, yet nothing overlaps)"
            ),
            _(
                "The same test catches it: five requests sent at once must all be inside the view together "
                '(`max(r.json()["in_flight"] for r in responses) == 5`). Send them with `asyncio.gather`, not '
                "one `await` after another."
            ),
        ),
        PlantedBug(
            "buffering-wrapper",
            {"asgi.py": BUGS / "asgi_buffering_wrapper.py"},
            _(
                "asgi.py wraps Django in an ASGI wrapper that holds every message until the response is done, so "
                "/ticker/ arrives all at once at the end"
            ),
            _(
                "Only a real server running `asgi.application` (the object uvicorn serves in production) can see "
                "this: Django's test client never goes through asgi.py. Stream GET /ticker/ with "
                '`client.stream("GET", ...)` from the LiveServer and assert the first line comes well before '
                "the end (more than 0.25 s between them)."
            ),
        ),
    ],
    within=8,
)


def test_tests_pass_on_the_working_app() -> None:
    """your tests pass against the working app, served by a real uvicorn (at least 2 of them)"""
    try:
        TESTS.assert_pass_on_correct_app(at_least=2)
    except CheckFailure as failure:
        raise CheckFailure(f"{failure}{_why(str(failure))}") from None


def test_every_coroutine_is_awaited() -> None:
    """your tests await every coroutine they make (no request silently skipped)"""
    dropped = [
        re.sub(r"\S*/(tests\.py:\d+)", r"\1", line.strip())
        for line in TESTS.runs["correct"].output.splitlines()
        if "was never awaited" in line
    ]
    if dropped:
        fail(
            _(
                "A coroutine in your tests was never awaited ({where}): that request was never sent, and "
                "nothing failed to tell you. `client.get(...)` only makes a coroutine; "
                "`response = await client.get(...)` sends the request.",
                where=dropped[0],
            )
        )


def test_catches_a_blocking_sleep() -> None:
    """your tests catch a slow view that blocks the event loop with time.sleep"""
    TESTS.assert_catches("time-sleep")


def test_catches_requests_taking_turns() -> None:
    """your tests catch a slow view that serves one request at a time behind a lock"""
    TESTS.assert_catches("global-lock")


def test_catches_a_buffered_stream() -> None:
    """your tests catch an asgi.py that holds the streamed body until the end"""
    TESTS.assert_catches("buffering-wrapper")


def _why(failure: str) -> str:
    """A line of advice for the common ways live-server tests fail on a working app."""
    if "Event loop is closed" in failure or "attached to a different loop" in failure:
        return "\n" + _(
            "An httpx.AsyncClient was used by more than one test. Django runs each `async def test_...` "
            "on its own event loop (through async_to_sync), and a client's connections belong to the loop "
            "that opened them. Make the client inside each test: `async with httpx.AsyncClient(...) as client:`."
        )
    if any(sign in failure for sign in ("ConnectError", "has no attribute 'server'", "Invalid type for url")):
        return "\n" + _(
            "The tests found no server to talk to. In setUpClass: `cls.server = LiveServer(application)`, "
            "`cls.server.start()`, and `cls.addClassCleanup(cls.server.stop)`; then use `self.server.url`."
        )
    if "coroutine'" in failure:
        return "\n" + _("A test used a coroutine as if it were its result: did you forget `await`?")
    return ""
