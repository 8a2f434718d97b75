"""Checks for lesson 8, exercise `ticker.py`: Server-Sent Events, and noticing the client leave."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import AppSlot, RecordingApp, _, fail, load_exercise, ngettext, require_asgi_app, run_async

BLOCKED = 0.2  # a gap in the server's loop above this means something blocked it
LEAVE_WITHIN = 2.0  # seconds the app gets to notice that its client left


# --- helpers (local to this check) --------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server for the whole check file, always stopped at the end."""
    with AppSlot().serve() as slot:
        yield slot


async def _quick_tick() -> None:
    await asyncio.sleep(0.01)


def _client() -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(2.0), trust_env=False)


def _module(monkeypatch: pytest.MonkeyPatch, tick: Any = None) -> Any:
    """The learner's module with `active_streams` reset (and the check's `tick`, if given)."""
    module = load_exercise()
    for name in ("tick", "active_streams", "interval"):
        if not hasattr(module, name):
            fail(_("Keep the module-level `{name}` in your file: the check reads or replaces it.", name=name))
    monkeypatch.setattr(module, "active_streams", 0)
    if tick is not None:
        monkeypatch.setattr(module, "tick", tick)
    return module


async def _settle(spy: RecordingApp, within: float = 0.5) -> None:
    """Give the streams of a check a moment to end, so they do not overlap the next check."""
    deadline = time.monotonic() + within
    while spy.active and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


def _fail_if_blocked(spy: RecordingApp, what: str) -> None:
    if spy.stalled() > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {gap_ms:.0f} ms while {what}. A blocking "
                "call such as `time.sleep()` in `async def` code freezes every stream; wait with `await tick()`, "
                "which uses `await asyncio.sleep(interval)`.",
                gap_ms=spy.stalled() * 1000,
                what=what,
            )
        )


class _Events:
    """Reads Server-Sent Events from a streaming response, each line with a deadline."""

    def __init__(self, response: httpx.Response, spy: RecordingApp) -> None:
        self.lines = response.aiter_lines()
        self.spy = spy
        self.events: list[dict[str, str]] = []

    async def next(self) -> dict[str, str]:
        event: dict[str, str] = {}
        read: list[str] = []
        while True:
            try:
                async with asyncio.timeout(1.0):
                    line = await anext(self.lines)
            except TimeoutError:
                _fail_if_blocked(self.spy, _("the client waited for an event"))
                got = ngettext("{n} event(s)", "{n} event(s)", len(self.events)) + (
                    _(" and the lines {read!r}", read=read) if read else ""
                )
                fail(
                    _(
                        "After {got}, nothing more came for 1 s, although `tick()` is instant in this check. Send each "
                        'event as soon as it is ready, with `"more_body": True`. (Awaiting `receive()` between events '
                        "stalls the stream: it waits until the client leaves. Listen for that in a task of its own.)",
                        got=got,
                    )
                )
            except StopAsyncIteration:
                why = _(" Your app raised {error}.", error=self.spy.errors[0]) if self.spy.errors else ""
                fail(
                    ngettext(
                        "The event stream ended after {n} event(s); it should go on until the client leaves.{why}",
                        "The event stream ended after {n} event(s); it should go on until the client leaves.{why}",
                        len(self.events),
                        why=why,
                    )
                )
            read.append(line)
            if line == "":
                if event:
                    self.events.append(event)
                    return event
                continue
            if len(read) > 4:
                fail(
                    _(
                        "The lines {read!r} never came to a blank line. In Server-Sent Events, an event ends with a "
                        'blank line: send "id: 1\\ndata: tick 1\\n\\n" (two newlines at the end).',
                        read=read,
                    )
                )
            name, _colon, value = line.partition(":")
            event[name] = value.removeprefix(" ")


@contextlib.asynccontextmanager
async def _stream(client: httpx.AsyncClient, url: str, spy: RecordingApp) -> Any:
    """GET the event stream; yield an `_Events` reader. Leaving the block disconnects the client."""
    try:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                why = _(" Your app raised {error}.", error=spy.errors[0]) if spy.errors else ""
                if response.status_code == 501 and not why:
                    why = _(" 501 is the placeholder answer the exercise starts with: replace it with your stream.")
                fail(_("GET /events answered {status}; expected 200.{why}", status=response.status_code, why=why))
            content_type = response.headers.get("content-type", "")
            if not content_type.startswith("text/event-stream"):
                fail(
                    _(
                        "GET /events has the content-type {content_type!r}. Browsers (`EventSource`) accept only "
                        '`text/event-stream` for Server-Sent Events: send `(b"content-type", b"text/event-stream")`.',
                        content_type=content_type,
                    )
                )
            yield _Events(response, spy)
    except httpx.TimeoutException:
        _fail_if_blocked(spy, _("the clients waited"))
        fail(_("GET /events got no response headers within 2 s: send `http.response.start` right away."))


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_events_format(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """GET /events answers text/event-stream with the events "tick 1", "tick 2", "tick 3" (ids 1, 2, 3)"""
    spy = RecordingApp(require_asgi_app(), heartbeat=True)
    _module(monkeypatch, _quick_tick)
    server.app = spy

    async def scenario() -> None:
        async with _client() as client:
            async with _stream(client, server.base + "/events", spy) as events:
                for number in (1, 2, 3):
                    event = await events.next()
                    expected = {"id": str(number), "data": f"tick {number}"}
                    if event != expected:
                        fail(
                            _(
                                "Event {number} arrived as {event!r}; expected {expected!r}, sent as the text "
                                '"id: {number}\\ndata: tick {number}\\n\\n".',
                                number=number,
                                event=event,
                                expected=expected,
                            )
                        )
            await _settle(spy)

    run_async(scenario, within=6, what=_("Your event stream"))


def test_stops_when_the_client_leaves(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """when the client leaves, the stream stops within 2 s and active_streams is back to 0"""
    spy = RecordingApp(require_asgi_app(), heartbeat=True)
    module = _module(monkeypatch, _quick_tick)
    server.app = spy

    async def scenario() -> None:
        async with _client() as client:
            async with _stream(client, server.base + "/events", spy) as events:
                await events.next()
                await events.next()
                during = module.active_streams
            # Leaving the block closed the connection: the client is gone.
            deadline = time.monotonic() + LEAVE_WITHIN
            while (spy.active or module.active_streams) and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        if during != 1:
            fail(
                _(
                    "While one stream was open, `active_streams` was {during!r}; it should be 1. Add 1 when a stream "
                    "starts (`global active_streams` first, then `active_streams += 1`).",
                    during=during,
                )
            )
        if spy.active:
            fail(
                _(
                    "Your app was still streaming {within:g} s after the client left. Under uvicorn, sending to a "
                    "client that has gone raises nothing (the events are dropped), so a loop that only sends runs for "
                    'ever. Listen with `receive()`: it returns {{"type": "http.disconnect"}} when the client leaves. '
                    "Run it beside the event loop (a task, or `asyncio.wait`) and stop streaming when it comes.",
                    within=LEAVE_WITHIN,
                )
            )
        if module.active_streams != 0:
            fail(
                _(
                    "Your app stopped streaming, but `active_streams` is {count}, not 0. Take 1 away "
                    "when a stream ends, in a `finally:` so it happens however the stream ends.",
                    count=module.active_streams,
                )
            )

    run_async(scenario, within=6, what=_("Your event stream"))


def test_three_listeners_at_once(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """3 listeners stream at the same time; nothing blocks the server's loop"""
    spy = RecordingApp(require_asgi_app(), heartbeat=True)
    module = _module(monkeypatch)
    module.interval = 0.3  # the file's own `tick` waits this long
    server.app = spy
    counts: list[int] = []

    async def listener(client: httpx.AsyncClient, barrier: asyncio.Barrier) -> None:
        async with _stream(client, server.base + "/events", spy) as events:
            await events.next()
            try:
                async with asyncio.timeout(2):
                    await barrier.wait()
            except TimeoutError:
                fail(_("Three clients opened /events, but not all of them got their first event within 2 s."))
            counts.append(module.active_streams)
            await events.next()

    async def scenario() -> None:
        barrier = asyncio.Barrier(3)
        async with _client() as client:
            spy.reset_measures()
            await asyncio.gather(*(listener(client, barrier) for _listener in range(3)))
        await _settle(spy)

    run_async(scenario, within=8, what=_("3 event streams at once"))
    _fail_if_blocked(spy, _("3 clients listened"))
    if max(counts, default=0) != 3:
        fail(
            _(
                "With 3 streams open at once, `active_streams` read {counts!r}; it should count every open stream "
                "(3). Add 1 when a stream starts and take 1 away when it ends.",
                counts=counts,
            )
        )


def test_other_paths_are_404(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """other paths (/, /events/1) answer 404"""
    server.app = RecordingApp(require_asgi_app())
    _module(monkeypatch, _quick_tick)

    async def scenario() -> None:
        async with _client() as client:
            for path in ("/", "/events/1"):
                try:
                    async with asyncio.timeout(2):
                        response = await client.get(server.base + path)
                except (TimeoutError, httpx.TimeoutException):
                    fail(
                        _(
                            "GET {path} did not finish within 2 s; only /events streams. Answer 404 for other paths.",
                            path=path,
                        )
                    )
                if response.status_code != 404:
                    fail(
                        _(
                            "GET {path} answered {status}; only /events exists, so answer 404.",
                            path=path,
                            status=response.status_code,
                        )
                    )

    run_async(scenario, within=6, what=_("Your app (answering other paths)"))
