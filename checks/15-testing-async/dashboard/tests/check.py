"""Checks for lesson 15, exercise `dashboard/tests.py`: the learner's tests of an event stream and of
a view that calls an upstream API.

Their tests run with Django's runner against the working app, then against three broken copies of
views.py (bugs/): each broken copy must make at least one of their tests fail, without hanging.
"""

from __future__ import annotations

from pathlib import Path

from tutor.checkkit import CheckFailure, LearnerTests, PlantedBug, _, fail

BUGS = Path(__file__).parent / "bugs"
WITHIN = 6  # seconds per run of the learner's tests: a hang costs little

TESTS = LearnerTests(
    [
        PlantedBug(
            "sync-stream",
            {"views.py": BUGS / "views_sync_stream.py"},
            _(
                "GET /events/ streams from a plain (sync) generator that sleeps with time.sleep: under ASGI Django "
                "has to consume it in a thread (and warns), so `response.is_async` is False"
            ),
            _(
                "Assert `response.is_async` for the stream, or read it the async way (`await anext(...)`): a sync "
                "iterator has no `__anext__`."
            ),
        ),
        PlantedBug(
            "no-blank-line",
            {"views.py": BUGS / "views_no_blank_line.py"},
            _("the events of GET /events/ are not ended by a blank line, so a browser never sees one event"),
            _(
                "Read the first events and check that each one ends with a blank line (`\\n\\n`): parse whole "
                "events, or compare the first chunk with the exact bytes of the first event."
            ),
        ),
        PlantedBug(
            "upstream-500",
            {"views.py": BUGS / "views_upstream_500.py"},
            _(
                "GET /dashboard/ lets one failing upstream crash the whole page (500) instead of answering null "
                "for that part"
            ),
            _(
                "Add a test whose MockTransport handler answers an error (`httpx.Response(503)`) for one "
                "endpoint, and assert the dashboard still answers 200 with that part null."
            ),
        ),
    ],
    within=WITHIN,
)


def test_tests_pass_on_the_working_app() -> None:
    """your tests pass against the working app (at least 3 of them)"""
    try:
        TESTS.assert_pass_on_correct_app(at_least=3)
    except CheckFailure as failure:
        raise CheckFailure(f"{failure}{_why(str(failure))}") from None


def test_catches_a_sync_stream() -> None:
    """your tests catch an event stream served from a sync generator"""
    TESTS.assert_catches("sync-stream")


def test_catches_events_without_blank_line() -> None:
    """your tests catch events that are not ended by a blank line, without hanging"""
    TESTS.assert_catches("no-blank-line")
    if TESTS.runs["no-blank-line"].problem:
        fail(
            _(
                "Your tests noticed the broken events only by hanging: they waited for a complete event that "
                "never came, until the check stopped them after {seconds} s. In CI that is a stuck build, not a "
                "failing test. Put a deadline on every wait for the stream: `async with asyncio.timeout(2):` "
                "around the reads, so the test fails with TimeoutError and says which event never came.",
                seconds=WITHIN,
            )
        )


def test_catches_an_upstream_failure_crashing_the_page() -> None:
    """your tests catch a dashboard that answers 500 when one upstream fails"""
    TESTS.assert_catches("upstream-500")


def _why(failure: str) -> str:
    """A line of advice for the common ways a test fails on a working async app."""
    if "coroutine'" in failure or "'async_generator_asend'" in failure:
        return "\n" + _(
            "A test used an awaitable as if it were its result: did you forget `await`? `anext(chunks)` and "
            "`self.async_client.get(...)` give awaitables; `await` them to get the chunk or the response."
        )
    if "'async_generator' object is not" in failure or "is not iterable" in failure:
        return "\n" + _(
            "The body of an async stream is an async iterator: a plain `for`, `next()` or `list()` cannot "
            "read it. Read it in an async test with `await anext(response.streaming_content)` (one chunk), "
            "inside `async with asyncio.timeout(2):`."
        )
    return ""
