"""Checks for lesson 8, exercise `countdown.py`: stream a response line by line with `more_body`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import AppSlot, RecordingApp, _, fail, load_exercise, ngettext, require_asgi_app, run_async

BLOCKED = 0.2  # a gap in the server's loop above this means something blocked it


# --- helpers (local to this check) --------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server for the whole check file, always stopped at the end."""
    with AppSlot().serve() as slot:
        yield slot


class _LockStep:
    """Replaces `tick`: it lets the app go on only once the client has received the lines sent so far."""

    def __init__(self) -> None:
        self.calls = 0
        self.seen = 0  # lines the client has received (written by the client, read in the server)
        self.buffered = False

    async def __call__(self) -> None:
        self.calls += 1
        if self.buffered:
            return
        deadline = time.monotonic() + 1.0
        while self.seen < self.calls - 1:  # one tick may come before the first line: allow for it
            if time.monotonic() > deadline:
                self.buffered = True
                return
            await asyncio.sleep(0.005)


async def _instant_tick() -> None:
    await asyncio.sleep(0)


def _body_flags(spy: RecordingApp) -> list[bool]:
    """The `more_body` flag of each body message of the latest response."""
    sent = spy.sent[-1] if spy.sent else []
    bodies = [m for m in sent if isinstance(m, dict) and m.get("type") == "http.response.body"]
    return [bool(m.get("more_body", False)) for m in bodies]


def _explain(spy: RecordingApp, lines: list[str], expected: list[str]) -> str:
    """Why a countdown came out wrong, from what the app sent."""
    flags = _body_flags(spy)
    if spy.errors and "after response already completed" in spy.errors[0] and flags[:1] == [False]:
        return _(
            "Your response ended after its first line ({lines!r}): a body message without `more_body: True` "
            "completes the response, and the next one raised {error} Send every line except the last "
            'with `"more_body": True`.',
            lines=lines,
            error=spy.errors[0],
        )
    if flags and flags[-1]:
        return _(
            "Your app sent {count} body messages and the last one still had `more_body: True`, so "
            'the response never ended properly (uvicorn logs "ASGI callable returned without completing '
            'response." and cuts the connection). The last message must leave `more_body` out, or set it False.',
            count=len(flags),
        )
    if spy.errors:
        return _("Your app raised {error}.", error=spy.errors[0])
    return ""


async def _countdown(client: httpx.AsyncClient, url: str, spy: RecordingApp, on_line: Any = None) -> list[str]:
    """GET the countdown as a stream; return its lines. Every read has a deadline."""
    lines: list[str] = []
    path = url.split("127.0.0.1", 1)[-1].split("/", 1)[-1]
    try:
        async with client.stream("GET", url) as response:
            if response.status_code != 200:
                why = _explain(spy, [], [])
                if response.status_code == 501 and not why:
                    why = _("501 is the placeholder answer the exercise starts with: replace it with your stream.")
                fail(
                    _(
                        "GET /{path} answered {status}; expected 200. {why}",
                        path=path,
                        status=response.status_code,
                        why=why,
                    ).strip()
                )
            content_type = response.headers.get("content-type", "")
            if not content_type.startswith("text/plain"):
                fail(
                    _(
                        "GET /{path} has the content-type {content_type!r}; expected 'text/plain; charset=utf-8'.",
                        path=path,
                        content_type=content_type,
                    )
                )
            async with asyncio.timeout(3):
                async for line in response.aiter_lines():
                    lines.append(line.rstrip("\n"))
                    if on_line is not None:
                        on_line()
    except TimeoutError:
        fail(
            _(
                "GET /{path} was still open after 3 s, with the lines {lines!r}. The last body message must end the "
                "response: leave `more_body` out of it (or set it False).",
                path=path,
                lines=lines,
            )
        )
    except httpx.TimeoutException:
        fail(
            _(
                "GET /{path} stalled: no line came for 2 s after {lines!r}. Did you `await tick()` between lines?",
                path=path,
                lines=lines,
            )
        )
    except httpx.HTTPError as exc:
        fail(
            _(
                "GET /{path} broke off after {lines!r} ({error_type}). {why}",
                path=path,
                lines=lines,
                error_type=type(exc).__name__,
                why=_explain(spy, lines, []),
            )
        )
    return lines


def _client() -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(2.0), trust_env=False)


def _set_tick(monkeypatch: pytest.MonkeyPatch, tick: Any) -> None:
    module = load_exercise()
    if not hasattr(module, "tick"):
        fail(_("Keep the module-level `async def tick()` in your file: the check puts its own in its place."))
    monkeypatch.setattr(module, "tick", tick)


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_countdown_lines(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """GET /countdown?from=3 streams "3", "2", "1", "liftoff!"; ?from=1 and no ?from= work too"""
    spy = RecordingApp(require_asgi_app())
    _set_tick(monkeypatch, _instant_tick)
    server.app = spy

    async def scenario() -> None:
        async with _client() as client:
            for query, expected in (
                ("?from=3", ["3", "2", "1", "liftoff!"]),
                ("?from=1", ["1", "liftoff!"]),
                ("", ["3", "2", "1", "liftoff!"]),
            ):
                lines = await _countdown(client, f"{server.base}/countdown{query}", spy)
                if lines != expected:
                    # The client can see the response end before the app's next `send` fails on the server's
                    # thread: give the app a moment, so the explanation sees what it did.
                    await asyncio.sleep(0.3)
                    why = _explain(spy, lines, expected) if len(lines) < len(expected) else ""
                    if not query:
                        why = why or _("Without `from` in the query string, count down from 3.")
                    fail(
                        _(
                            "GET /countdown{query} streamed the lines {lines!r}; expected {expected!r}. {why}",
                            query=query,
                            lines=lines,
                            expected=expected,
                            why=why,
                        ).strip()
                    )

    run_async(scenario, within=8, what=_("Your countdown"))


def test_lines_are_streamed(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """each line reaches the client before the next one is made (streamed, not buffered)"""
    spy = RecordingApp(require_asgi_app())
    lock_step = _LockStep()
    _set_tick(monkeypatch, lock_step)
    server.app = spy

    def on_line() -> None:
        lock_step.seen += 1

    async def scenario() -> list[str]:
        async with _client() as client:
            return await _countdown(client, f"{server.base}/countdown?from=4", spy, on_line)

    lines = run_async(scenario, within=8, what=_("Your countdown"))
    if lock_step.calls < 3:
        fail(
            ngettext(
                "Your app called `tick()` {n} times for a countdown from 4; wait with `await tick()` "
                "between two lines (the check's `tick` tells when the line before it arrived).",
                "Your app called `tick()` {n} times for a countdown from 4; wait with `await tick()` "
                "between two lines (the check's `tick` tells when the line before it arrived).",
                lock_step.calls,
            )
        )
    if lock_step.buffered:
        fail(
            _(
                "The client had not received a single line while your app was already waiting between lines: the "
                "lines were buffered and sent together at the end. Send each line in its own `http.response.body` "
                'message with `"more_body": True` as soon as it is ready, before `await tick()`.'
            )
        )
    if lines != ["4", "3", "2", "1", "liftoff!"]:
        fail(
            _(
                "GET /countdown?from=4 streamed {lines!r}; expected ['4', '3', '2', '1', 'liftoff!'].",
                lines=lines,
            )
        )


def test_countdowns_at_once(server: AppSlot) -> None:
    """4 countdowns stream at the same time without blocking the server's loop"""
    module = load_exercise()
    spy = RecordingApp(require_asgi_app(), heartbeat=True)
    if not hasattr(module, "interval"):
        fail(_("Keep the module-level `interval` in your file: the check sets it to shorten the wait."))
    module.interval = 0.25  # the file's own `tick` waits this long
    server.app = spy

    async def scenario() -> float:
        async with _client() as client:
            await _countdown(client, f"{server.base}/countdown?from=0", spy)  # warm up: starts the heartbeat
            spy.reset_measures()
            started = time.perf_counter()
            results = await asyncio.gather(
                *(_countdown(client, f"{server.base}/countdown?from=2", spy) for _stream in range(4))
            )
            elapsed = time.perf_counter() - started
        for lines in results:
            if lines != ["2", "1", "liftoff!"]:
                fail(_("GET /countdown?from=2 streamed {lines!r}; expected ['2', '1', 'liftoff!'].", lines=lines))
        return elapsed

    elapsed = run_async(scenario, within=8, what=_("4 countdowns at once"))
    if spy.stalled() > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {gap_ms:.0f} ms while 4 countdowns ran "
                "({elapsed:.2f} s in all). A blocking call such as `time.sleep()` inside `async def` freezes every "
                "other stream; wait with `await tick()` (which uses `await asyncio.sleep(interval)`).",
                gap_ms=spy.stalled() * 1000,
                elapsed=elapsed,
            )
        )
    if elapsed >= 1.5:
        fail(
            _(
                "4 countdowns of 2 ticks (0.25 s each) took {elapsed:.2f} s together; streaming side by side they "
                "take about 0.5 s. Is something in your app waiting one stream after another?",
                elapsed=elapsed,
            )
        )


def test_other_paths_are_404(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """other paths (/, /countdown/3) answer 404"""
    server.app = RecordingApp(require_asgi_app())
    _set_tick(monkeypatch, _instant_tick)

    async def scenario() -> None:
        async with _client() as client:
            for path in ("/", "/countdown/3"):
                response = await client.get(server.base + path)
                if response.status_code != 404:
                    fail(
                        _(
                            "GET {path} answered {status}; only /countdown exists, so answer 404.",
                            path=path,
                            status=response.status_code,
                        )
                    )

    run_async(scenario, within=4, what=_("Your app (answering other paths)"))
