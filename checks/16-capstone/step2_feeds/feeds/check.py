"""Checks for lesson 16, step 2 `step2_feeds/feeds.py`: `refresh_feeds` fetches the feeds concurrently
through the shared client, with a timeout per feed, survives dead feeds and stores each item once.

The feeds are a fake upstream served by uvicorn on 127.0.0.1 (real sockets, real timeouts)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    CheckFailure,
    LoopHeartbeat,
    Stopwatch,
    _,
    describe_error,
    django_project,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    require_function,
    run_django,
    serve_asgi,
)

DELAY = 0.2  # each good feed takes this long to answer
MARK = "x-board-client"  # a header only the check's shared client sends


class FakeFeeds:
    """The upstream: GET /<name>.json; counts requests in flight and who sent them."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.peak = 0
        self.requests: list[tuple[str, bool]] = []  # (path, came through the shared client)
        self.extra: list[dict[str, str]] = []  # items added to "alpha" later

    def reset(self) -> None:
        self.peak = self.in_flight
        self.requests.clear()
        self.extra.clear()

    def items(self, name: str) -> list[dict[str, str]]:
        made = [{"id": f"{name}-{n}", "title": f"{name.title()} news {n}", "body": f"from {name}"} for n in (1, 2)]
        return made + (self.extra if name == "alpha" else [])

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        path = scope["path"]
        shared = any(key == MARK.encode() for key, _value in scope["headers"])
        self.requests.append((path, shared))
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            if path == "/hang.json":  # never answers: wait until the client gives up and disconnects
                while (await receive())["type"] != "http.disconnect":
                    pass
                return
            status, body = await self.answer(path.strip("/").removesuffix(".json"))
        finally:
            self.in_flight -= 1
        await send(
            {"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json")]}
        )
        await send({"type": "http.response.body", "body": body})

    async def answer(self, name: str) -> tuple[int, bytes]:
        await asyncio.sleep(DELAY)
        if name == "dead":
            return 503, b'{"error": "down"}'
        if name == "garbage":
            return 200, b"<html>not a feed</html>"
        return 200, json.dumps({"source": name, "items": self.items(name)}).encode()


FEEDS = FakeFeeds()


@pytest.fixture(scope="module", autouse=True)
def upstream() -> Iterator[str]:
    with serve_asgi(FEEDS, log_level="critical") as base:
        yield base


def _refresh() -> Any:
    django_project()
    return require_function(load_exercise(), "refresh_feeds", is_async=True)


def _wipe() -> None:
    from notices.models import Notice

    Notice.objects.all().delete()
    FEEDS.reset()


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:  # bound, never listening: connecting is refused at once
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(refresh: Any, urls: list[str], *, limit: float = 2.5) -> tuple[Any, float, float, list[str]]:
    """(result or the exception raised, seconds taken, largest loop stall, warnings logged)."""
    logged: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record.getMessage())

    async def main() -> tuple[Any, float, float]:
        headers = {MARK: "shared"}
        async with (
            httpx.AsyncClient(headers=headers, timeout=None, trust_env=False) as client,
            LoopHeartbeat() as beat,
        ):
            with Stopwatch() as watch:
                try:
                    async with asyncio.timeout(limit):
                        result: Any = await refresh(client, urls)
                except TimeoutError:
                    result = TimeoutError()
                except CheckFailure:
                    raise
                except Exception as exc:
                    result = exc
        return result, watch.elapsed, beat.max_gap

    handler = Collect(logging.WARNING)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with no_unawaited_coroutines():
            result, took, gap = run_django(main, within=limit + 2, what="refresh_feeds")
    finally:
        root.removeHandler(handler)
    if isinstance(result, Exception) and not isinstance(result, TimeoutError):
        from django.core.exceptions import SynchronousOnlyOperation

        if isinstance(result, SynchronousOnlyOperation):
            fail(
                _(
                    "refresh_feeds ran a synchronous database query inside async code ({error}). "
                    "Django refuses that on the event loop. Store the items with the async ORM: "
                    "`await Notice.objects.aget_or_create(external_id=..., defaults={{...}})`.",
                    error=describe_error(result),
                )
            )
        if isinstance(result, TypeError) and "coroutine" in str(result):
            fail(
                _(
                    "refresh_feeds failed with {error}: a coroutine turned up where a result was "
                    "expected. `aget_or_create`, `acreate`, `client.get` all give coroutines that "
                    "run only when awaited. Did you forget `await`?",
                    error=describe_error(result),
                )
            )
    if any(not shared for _path, shared in FEEDS.requests):
        _check_through_shared_client(result)
    if gap > 0.15:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while refresh_feeds ran. In a "
                "server that freezes every other request (and every open event stream). No "
                "`time.sleep`, no sync HTTP client (`httpx.get`, `requests`): await the async client "
                "you are given.",
                ms=gap * 1000,
            )
        )
    return result, took, gap, logged


def _urls(base: str, *names: str) -> list[str]:
    return [f"{base}/{name}.json" for name in names]


def _check_through_shared_client(result: Any) -> None:
    own = [path for path, shared in FEEDS.requests if not shared]
    if own or (not FEEDS.requests and result == 0):
        detail = (
            ngettext("{n} requests came from another client", "{n} requests came from another client", len(own))
            if own
            else _("none reached the feeds")
        )
        fail(
            _(
                "The feeds were not fetched through the `client` refresh_feeds was given ({detail}). Do not make "
                "an httpx.AsyncClient per refresh or per feed: each new client opens new "
                "connections (and TLS handshakes) and throws them away, and building one loads the TLS certificates, "
                "which blocks the event loop for some 50 ms each time. The app holds ONE shared client "
                "(upstream.shared_client()); use the one passed in: `await client.get(url, timeout=...)`.",
                detail=detail,
            )
        )


def _raised(result: Any, what: str) -> None:
    if isinstance(result, TimeoutError):
        fail(
            _(
                "refresh_feeds did not finish within 2.5 s {what}: one feed never answered, and your "
                "refresh waited for it. Give each fetch a time limit: `await client.get(url, "
                "timeout=settings.BOARD_FEED_TIMEOUT)` (httpx raises httpx.TimeoutException), or "
                "`async with asyncio.timeout(settings.BOARD_FEED_TIMEOUT):` around it; then skip "
                "that feed.",
                what=what,
            )
        )
    if isinstance(result, BaseException):
        fail(
            _(
                "refresh_feeds raised {error} {what}. One bad feed must not fail the whole refresh: "
                "catch the errors of each fetch (`httpx.HTTPError`, `ValueError` for bad JSON, and "
                "`TimeoutError` if you use asyncio.timeout) inside the function that fetches ONE "
                "feed, log them with `logger.warning(...)` and return no items for that feed.",
                error=describe_error(result),
                what=what,
            )
        )


def test_is_async() -> None:
    """refresh_feeds is an `async def` function"""
    _refresh()


def test_concurrent_fetch_and_store(upstream: str) -> None:
    """three feeds are fetched at the same time, through the shared client, and every item is stored"""
    refresh = _refresh()
    from notices.models import Notice

    _wipe()
    result, took, _gap, _logged = _run(refresh, _urls(upstream, "alpha", "beta", "gamma"))
    _check_through_shared_client(result)
    _raised(result, _("with three working feeds"))
    if FEEDS.peak < 3:
        fail(
            _(
                "The three feeds were fetched one after another (at most {peak} in flight at once; "
                "{took:.2f} s in all). Start every fetch before awaiting any: `await "
                "asyncio.gather(*(fetch(client, url) for url in urls))`, or an asyncio.TaskGroup.",
                peak=FEEDS.peak,
                took=took,
            )
        )
    stored = {n.external_id: (n.title, n.source) for n in Notice.objects.all()}
    expected = {f"{f}-{n}": (f"{f.title()} news {n}", f) for f in ("alpha", "beta", "gamma") for n in (1, 2)}
    if stored != expected:
        fail(
            _(
                "After one refresh the database holds {stored!r}; expected every item of the three "
                "feeds, {expected!r} (external_id = the item's \"id\", title, and source = the feed's "
                '"source").',
                stored=stored,
                expected=expected,
            )
        )
    if result != 6:
        fail(
            _(
                "refresh_feeds returned {result!r} after storing 6 new notices; return how many were new: 6.",
                result=result,
            )
        )
    if took > 1.5:
        fail(
            _(
                "Three feeds of {delay} s each took {took:.2f} s together; concurrently they take about {delay} s.",
                delay=DELAY,
                took=took,
            )
        )


def test_no_duplicates(upstream: str) -> None:
    """a second refresh stores nothing twice and returns 0; a new item counts as 1"""
    refresh = _refresh()
    from notices.models import Notice

    _wipe()
    urls = _urls(upstream, "alpha", "beta")
    first, *_rest = _run(refresh, urls)
    _raised(first, _("the first time"))
    second, *_rest = _run(refresh, urls)
    if isinstance(second, Exception) and "UNIQUE" in str(second).upper():
        fail(
            _(
                "The second refresh raised {error}. The feeds answered the same items again, and "
                "your code inserted them again: external_id is unique, so the database refused. "
                "Store an item only when it is new: `await "
                'Notice.objects.aget_or_create(external_id=item["id"], defaults={{...}})` (its '
                "second value says whether it created one), or skip the known ids before "
                "`abulk_create`.",
                error=describe_error(second),
            )
        )
    _raised(second, _("the second time"))
    if Notice.objects.count() != 4:
        fail(
            ngettext(
                ("After two refreshes of the same two feeds the board holds {n} notices; expected 4."),
                ("After two refreshes of the same two feeds the board holds {n} notices; expected 4."),
                Notice.objects.count(),
            )
        )
    if second != 0:
        fail(
            _(
                "A second refresh of unchanged feeds returned {second!r}; nothing was new, so it must return 0.",
                second=second,
            )
        )
    FEEDS.extra.append({"id": "alpha-3", "title": "Alpha news 3", "body": "fresh"})
    third, *_rest = _run(refresh, urls)
    _raised(third, _("the third time"))
    if third != 1 or not Notice.objects.filter(external_id="alpha-3").exists():
        fail(
            _(
                "After one new item appeared in a feed, refresh_feeds returned {third!r}; expected 1 "
                "(and the item saved).",
                third=third,
            )
        )


def test_dead_feeds_are_skipped(upstream: str) -> None:
    """a feed that answers 503, refuses connections or sends bad JSON is logged and skipped"""
    refresh = _refresh()
    from notices.models import Notice

    _wipe()
    refused = f"http://127.0.0.1:{_closed_port()}/feed.json"
    urls = [*_urls(upstream, "dead", "alpha"), refused, *_urls(upstream, "garbage")]
    result, _took, _gap, logged = _run(refresh, urls)
    _raised(result, _("given a feed answering 503, one refusing connections and one sending HTML"))
    if result != 2 or Notice.objects.count() != 2:
        fail(
            ngettext(
                (
                    "With one good feed (2 items) among three broken ones, refresh_feeds returned "
                    "{result!r} and stored {n} notices; expected 2 and 2. Skip the broken feeds, keep "
                    "the good one. (An error status is no exception by itself in httpx: call "
                    "`response.raise_for_status()`.)"
                ),
                (
                    "With one good feed (2 items) among three broken ones, refresh_feeds returned "
                    "{result!r} and stored {n} notices; expected 2 and 2. Skip the broken feeds, keep "
                    "the good one. (An error status is no exception by itself in httpx: call "
                    "`response.raise_for_status()`.)"
                ),
                Notice.objects.count(),
                result=result,
            )
        )
    if len(logged) < 3:
        fail(
            ngettext(
                (
                    "Three feeds failed, but only {n} warnings were logged ({logged!r}). Log each "
                    'skipped feed with `logger.warning("feed %s skipped: %s", url, error)`: a feed that '
                    "dies silently is never fixed."
                ),
                (
                    "Three feeds failed, but only {n} warnings were logged ({logged!r}). Log each "
                    'skipped feed with `logger.warning("feed %s skipped: %s", url, error)`: a feed that '
                    "dies silently is never fixed."
                ),
                len(logged),
                logged=logged,
            )
        )


def test_timeout_per_feed(upstream: str) -> None:
    """a feed that never answers is given up after BOARD_FEED_TIMEOUT; the others are stored"""
    refresh = _refresh()
    from django.test import override_settings
    from notices.models import Notice

    _wipe()
    with override_settings(BOARD_FEED_TIMEOUT=0.3):
        result, took, _gap, logged = _run(refresh, _urls(upstream, "alpha", "hang", "beta"))
    _raised(result, _("while one feed never answered"))
    if result != 4 or Notice.objects.count() != 4:
        fail(
            ngettext(
                (
                    "With one feed hanging, refresh_feeds returned {result!r} and stored {n} notices; "
                    "expected the 4 items of the two working feeds."
                ),
                (
                    "With one feed hanging, refresh_feeds returned {result!r} and stored {n} notices; "
                    "expected the 4 items of the two working feeds."
                ),
                Notice.objects.count(),
                result=result,
            )
        )
    if took > 1.2:
        fail(
            _(
                "With settings.BOARD_FEED_TIMEOUT = 0.3, the refresh took {took:.2f} s. Use the "
                "setting as the limit of each fetch, read when the refresh runs "
                "(`settings.BOARD_FEED_TIMEOUT`, not a constant).",
                took=took,
            )
        )
    if not logged:
        fail(_("The hanging feed was skipped, but nothing was logged. Log it: `logger.warning(...)`."))
