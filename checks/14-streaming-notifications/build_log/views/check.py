"""Checks for lesson 14, exercise `build_log/views.py`: a StreamingHttpResponse fed by an async generator,
driven by Django's async test client and served for real by uvicorn."""

from __future__ import annotations

import asyncio
import threading
import time
import warnings
from itertools import islice
from types import ModuleType
from typing import Any

import httpx

from tutor.checkkit import (
    CheckFailure,
    LoopHeartbeat,
    RecordingApp,
    _,
    describe_error,
    django_project,
    explain_django_errors,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_async,
    run_django,
    serve_django,
)

LINES = ["$ make check", "running 3 tests", "build finished"]  # the check's own, shorter build
BLOCKING_STEP = 0.3  # what `next_line_blocking` sleeps per line here: long enough for the heartbeat to see
BLOCKED = 0.2  # a stall of an event loop above this (in seconds) means something blocked it
GATE = 2.0  # how long line 1 waits for line 0 to reach the client before calling the response buffered
SYNC_WARNING = "must consume synchronous iterators"


class NeverAwaited(RuntimeError):
    """Raised by the fake when `next_line` is called again and again but never awaited."""


class FakeBuild:
    """Stands in for buildlog.py's two readers. `next_line` is a plain function returning the coroutine, so
    the check sees calls that are never awaited (and stops an endless loop of them). With a `gate`, line 1
    is held until the client has line 0: a response that streams opens it at once; a buffered one waits
    `GATE` seconds in vain and is marked `buffered`."""

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls = 0
        self.awaited = 0
        self.handed_out = 0  # lines given to the learner's code so far
        self.buffered = False

    def next_line(self, number: int) -> Any:
        self.calls += 1
        if self.calls > len(LINES) + 5 and self.awaited == 0:
            raise NeverAwaited(_("buildlog.next_line(...) was called many times and never awaited"))
        return self._line(number)

    async def _line(self, number: int) -> str | None:
        self.awaited += 1
        if number >= len(LINES):
            return None
        if number == 1 and self.gate is not None:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + GATE
            while not self.gate.is_set():
                if loop.time() > deadline:
                    self.buffered = True
                    break
                await asyncio.sleep(0.01)
        self.handed_out = max(self.handed_out, number + 1)
        return LINES[number]

    _line.__qualname__ = "buildlog.next_line"  # how a "never awaited" warning names it

    def next_line_blocking(self, number: int) -> str | None:
        if number >= len(LINES):
            return None
        time.sleep(BLOCKING_STEP)
        self.handed_out = max(self.handed_out, number + 1)
        return LINES[number]


# --- helpers (local to this check) --------------------------------------------------------


def _views() -> ModuleType:
    """The project set up on a database of its own, then the learner's views.py."""
    django_project()
    with explain_django_errors("views.py"):
        return load_exercise()


def _install(fake: FakeBuild) -> ModuleType:
    """Replace buildlog's readers with the fake, also where views.py imported them by name."""
    import sys

    views = _views()
    for name in ("next_line", "next_line_blocking"):
        setattr(sys.modules["buildlog"], name, getattr(fake, name))
        if hasattr(views, name):  # `from buildlog import next_line`
            setattr(views, name, getattr(fake, name))
    return views


def _explain(error: str, what: str) -> str | None:
    """This exercise's words for an error your code raised (given as 'Type: message (line ...)')."""
    if "NeverAwaited" in error or "coroutine" in error:
        return _(
            "{what}: your generator called `buildlog.next_line(number)` but never awaited it ({error}). "
            "Calling an `async def` function only creates a coroutine; the line comes out of "
            "`line = await buildlog.next_line(number)`. Did you forget `await`?",
            what=what,
            error=error,
        )
    if "async_generator" in error and "not iterable" in error:
        return _(
            "{what} failed with {error}. `buildlog.follow()` is an async iterator: a plain `for` cannot read "
            "it, only `async for`, and `async for` only works inside `async def`. Make `log_lines` an async "
            "generator: `async def log_lines():` with `async for line in buildlog.follow(): yield ...`.",
            what=what,
            error=error,
        )
    return None


def _sync_iterator_message(what: str) -> str:
    return _(
        "{what} streams from a synchronous iterator. Under ASGI Django cannot run it on the event loop, so it "
        'warns ("StreamingHttpResponse {warning} in order to serve them asynchronously. Use an '
        'asynchronous iterator instead.") and collects the whole iterator in a thread first: the client '
        "gets nothing until the build is over. Make `log_lines` an async generator (`async def` with "
        "`yield`) that awaits `buildlog.next_line(number)`.",
        what=what,
        warning=SYNC_WARNING,
    )


def _first_item(iterator: Any) -> list[Any]:
    return list(islice(iterator, 1))


def _coroutine_lines(text: str) -> bool:
    return "<coroutine object" in text


# --- the checks -----------------------------------------------------------------------------


def test_view_is_async() -> None:
    """build_log is an `async def` view"""
    view = getattr(_views(), "build_log", None)
    if view is None:
        fail(_("views.py has no `build_log`: urls.py routes /build/ to it. Keep the name."))
    require_async_view(view, "build_log")


def test_streams_from_an_async_generator() -> None:
    """GET /build/ answers a StreamingHttpResponse over an async iterator, one chunk per line"""
    fake = FakeBuild()
    _install(fake)
    from asgiref.sync import sync_to_async
    from django.test import AsyncClient

    what = "GET /build/"

    async def fetch() -> tuple[Any, int, list[bytes], str, float]:
        chunks: list[bytes] = []
        problem = ""
        async with LoopHeartbeat() as beat:
            response = await AsyncClient().get("/build/")
            handed_out_at_return = fake.handed_out
            if getattr(response, "streaming", False) and response.is_async:
                stream = response.streaming_content
                for _chunk in range(len(LINES) + 3):
                    try:
                        chunks.append(await asyncio.wait_for(anext(stream), 2))
                    except StopAsyncIteration:
                        break
            elif getattr(response, "streaming", False):
                try:
                    await sync_to_async(_first_item)(response.streaming_content)
                except TypeError as exc:
                    problem = f"TypeError: {exc}"
        return response, handed_out_at_return, chunks, problem, beat.max_gap

    with no_unawaited_coroutines(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Django's streaming warning: judged below, by what the response is
        try:
            response, handed_out, chunks, problem, gap = run_django(fetch, within=5, what=what)
        except CheckFailure:
            raise
        except Exception as exc:
            error = describe_error(exc)
            fail(_explain(error, what) or _("{what}: your view raised {error}.", what=what, error=error))
    if response.status_code != 200:
        fail(_("{what} answered {status}; expected 200.", what=what, status=response.status_code))
    if not getattr(response, "streaming", False):
        fail(
            _(
                "{what} answered a {kind}, which holds the whole body before sending a byte: the "
                "client waits for the whole build. Return `StreamingHttpResponse(log_lines(), content_type="
                '"text/plain; charset=utf-8")`: Django sends each piece as the generator yields it.',
                what=what,
                kind=type(response).__name__,
            )
        )
    if handed_out >= len(LINES):
        fail(
            _(
                "Your view had read the whole log (all {count} lines) before it returned the response, so "
                "nothing could be sent while the build ran: a list of lines (`[line async for line in ...]`) is "
                "complete before the first one goes out. Give StreamingHttpResponse the generator itself "
                "(`log_lines()`), not the lines it produced.",
                count=len(LINES),
            )
        )
    if problem:
        fail(_explain(problem, what) or _("{what}: reading the stream raised {problem}.", what=what, problem=problem))
    if not response.is_async:
        fail(_sync_iterator_message(what))
    text = b"".join(chunks).decode("utf-8", "replace")
    if _coroutine_lines(text):
        fail(_explain("coroutine", what) or "")
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while {what} streamed. A blocking call "
                "(`time.sleep()`, `buildlog.next_line_blocking()`) inside an async generator freezes every other "
                "request on the server; await instead: `await buildlog.next_line(number)`, `await asyncio.sleep()`.",
                ms=gap * 1000,
                what=what,
            )
        )
    expected = [f"{line}\n" for line in LINES]
    got = [chunk.decode("utf-8", "replace") for chunk in chunks]
    if "".join(got) != "".join(expected):
        fail(
            _(
                "{what} streamed {got!r}; expected every line of the log followed by a newline: "
                '{expected!r}. Yield `f"{{line}}\\n"` for each line, and stop when `next_line` gives None.',
                what=what,
                got="".join(got),
                expected="".join(expected),
            )
        )
    if len(got) < len(LINES):
        fail(
            _(
                "{what} sent the {lines} lines in {count} chunk(s): {got!r}. Yield each line as soon as you "
                "have it, so the client sees it while the build goes on.",
                what=what,
                lines=len(LINES),
                count=len(got),
                got=got,
            )
        )


def test_streams_through_uvicorn() -> None:
    """served by uvicorn, the first line reaches the client before the build writes the next one"""
    gate = threading.Event()
    fake = FakeBuild(gate)
    _install(fake)
    from django.core.handlers.asgi import ASGIHandler

    watch = RecordingApp(ASGIHandler(), heartbeat=True)
    received: list[str] = []
    what = _("GET /build/ (served by uvicorn)")

    async def follow(base: str) -> tuple[int, str]:
        async with (
            httpx.AsyncClient(timeout=5, trust_env=False) as client,
            client.stream("GET", f"{base}/build/") as response,
        ):
            async for line in response.aiter_lines():
                received.append(line)
                gate.set()  # the client has a line: the build may go on
                if len(received) > len(LINES) + 2:
                    break
            return response.status_code, response.headers.get("content-type", "")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # serve_django explains an error your code raised while serving when the block ends.
        with serve_django(watch) as base:
            try:
                status, content_type = run_async(follow(base), within=8, what=_("Following the build log"))
            except httpx.HTTPError as exc:
                status, content_type = 0, _("broken off ({error}: {text})", error=type(exc).__name__, text=exc)
            stalled = watch.stalled()  # while the server still runs: its heartbeat stops with it
    for error in watch.errors:
        message = _explain(error, what)
        if message:
            fail(message)
    django_warned = [str(w.message) for w in caught if SYNC_WARNING in str(w.message)]
    if django_warned:
        fail(_sync_iterator_message(what))
    if _coroutine_lines("\n".join(received)):
        fail(_explain("coroutine", what) or "")
    if stalled > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {ms:.0f} ms while the log streamed: no "
                "other request could move meanwhile. Is there a blocking call (`time.sleep`, "
                "`next_line_blocking`) in your generator? Await `buildlog.next_line(number)` instead.",
                ms=stalled * 1000,
            )
        )
    if status != 200:
        fail(
            _(
                "{what} answered {answer}; expected 200. Lines received: {received!r}",
                what=what,
                answer=status or content_type,
                received=received,
            )
        )
    if not content_type.startswith("text/plain"):
        fail(
            _(
                "{what} has the content-type {content_type!r}; expected 'text/plain; charset=utf-8'.",
                what=what,
                content_type=content_type,
            )
        )
    if received != LINES:
        fail(_("{what} sent the lines {received!r}; expected {lines!r}.", what=what, received=received, lines=LINES))
    if fake.buffered:
        fail(
            _(
                "The first line had not reached the client when your code asked for the second, {gate:g} s later: "
                "the response was buffered, not streamed. Every line must go out as soon as it is yielded: return "
                "`StreamingHttpResponse(log_lines(), ...)` over an async generator, without collecting the lines "
                "first.",
                gate=GATE,
            )
        )
