"""Checks for lesson 10, exercise `geo_lookup/views.py`: call a blocking sync library from an async
view with `sync_to_async(..., thread_sensitive=False)`, several lookups at once."""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
import traceback
from typing import Any

import httpx

from tutor.checkkit import (
    LoopHeartbeat,
    RecordingApp,
    Stopwatch,
    _,
    django_project,
    fail,
    load_exercise,
    no_unawaited_coroutines,
    require_async_view,
    run_async,
    run_django,
    serve_django,
)

PAUSE = 0.2  # how long the check's stand-in for legacy_geo.lookup blocks its thread
SERVER_PAUSE = 0.3  # the same, for the 5 requests sent at once through uvicorn
BLOCKED = 0.15  # a stall of the event loop longer than this means something blocked it


class _Probe:
    """The check's stand-in for `legacy_geo.lookup`: it really blocks its thread (time.sleep), and
    records how many calls are inside at once, on which thread each ran, and whether that thread
    was running an event loop (the sign of a direct call from async code)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.current = 0
        self.peak = 0
        self.threads: list[int] = []
        self.on_loop = 0
        self.pause = PAUSE
        self.__name__ = self.__qualname__ = "lookup"

    def reset(self, pause: float = PAUSE) -> None:
        with self.lock:
            self.current = self.peak = self.on_loop = 0
            self.threads = []
            self.pause = pause

    def __call__(self, ip: str) -> dict[str, str]:
        try:
            asyncio.get_running_loop()
            on_loop = True
        except RuntimeError:
            on_loop = False
        with self.lock:
            self.current += 1
            self.peak = max(self.peak, self.current)
            self.threads.append(threading.get_ident())
            self.on_loop += on_loop
        try:
            time.sleep(self.pause)
            return _location(ip)
        finally:
            with self.lock:
                self.current -= 1


def _location(ip: str) -> dict[str, str]:
    return {"ip": ip, "city": f"City of {ip}", "country": "ZZ"}


_PROBE = _Probe()


def _views() -> Any:
    """Set the project up (once), put the probe in place of legacy_geo.lookup, load views.py."""
    django_project()
    import legacy_geo

    if legacy_geo.lookup is not _PROBE:
        legacy_geo.lookup = _PROBE  # before views.py is imported, so `from legacy_geo import lookup` sees it too
    views = load_exercise()
    if not hasattr(views, "locate"):
        fail(_("views.py has no `locate`: keep the view's name, urls.py routes /locate to `views.locate`."))
    _PROBE.reset()
    return views


def _direct() -> str:
    """The message for legacy_geo.lookup called straight from the event loop's thread."""
    return _(
        "legacy_geo.lookup ran on the event loop's own thread: your async view called it directly, so each "
        "call froze the whole server for its full duration (no other request, not even other coroutines of "
        "this one, moved meanwhile). Run it in a worker thread instead: "
        "`await sync_to_async(legacy_geo.lookup, thread_sensitive=False)(ip)`."
    )


def _close_coroutines(error: BaseException) -> None:
    """Close the never-run coroutines the learner's frames still hold, so Python's "never awaited" warning
    does not surface later, in another check (the message already told the learner)."""
    for frame, _lineno in traceback.walk_tb(error.__traceback__):
        for value in list(frame.f_locals.values()):
            for item in value if isinstance(value, (list, tuple)) else [value]:
                if inspect.iscoroutine(item):
                    item.close()


def _get(ips: list[str], *, heartbeat: bool = False) -> tuple[Any, float]:
    """GET /locate with these addresses through Django's AsyncClient; the response and the loop's largest stall."""
    from django.test import AsyncClient

    async def request() -> tuple[Any, float]:
        client = AsyncClient()
        if not heartbeat:
            return await client.get("/locate", {"ip": ips}), 0.0
        async with LoopHeartbeat() as beat:
            response = await client.get("/locate", {"ip": ips})
        return response, beat.max_gap

    error: TypeError | None = None
    result: tuple[Any, float] = (None, 0.0)
    with no_unawaited_coroutines():
        try:
            result = run_django(request, within=5, what=_("Your view"))
        except (TypeError, RuntimeError) as exc:
            text = str(exc)
            if "coroutine" not in text and "Future" not in text and "await wasn't used" not in text:
                raise
            error = exc
    if error is not None:
        _close_coroutines(error)
        fail(
            _(
                "Your view put a coroutine where a result belongs ({error}). `sync_to_async(func)` gives back an "
                "async function: calling it only creates a coroutine, which runs when awaited. Did you forget "
                "`await` (on `asyncio.gather(...)`, or on each call)?",
                error=error,
            )
        )
    if _PROBE.on_loop:
        fail(_direct())
    return result


def _results(response: Any, ips: list[str]) -> None:
    """The response must be 200 and {"results": [...]} with one location per address, in order."""
    asked = "&".join(f"ip={ip}" for ip in ips)
    if response.status_code != 200:
        fail(
            _(
                "GET /locate?{asked} answered {status}; expected 200 with the locations as JSON.",
                asked=asked,
                status=response.status_code,
            )
        )
    try:
        data = response.json()
    except ValueError:
        fail(
            _(
                "GET /locate?{asked} answered {body!r}, which is not JSON. Return a JsonResponse.",
                asked=asked,
                body=response.content[:80],
            )
        )
    expected = {"results": [_location(ip) for ip in ips]}
    if data != expected:
        fail(
            _(
                "GET /locate?{asked} answered {data!r}; expected {expected!r}: one dict from legacy_geo.lookup per "
                "address, in the order asked. `asyncio.gather` returns results in the order of its arguments, "
                "whichever finishes first.",
                asked=asked,
                data=data,
                expected=expected,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_locate_is_an_async_view() -> None:
    """`locate` is an async view (`async def locate(request)`)"""
    require_async_view(_views().locate, "locate")


def test_answers_every_address_in_order() -> None:
    """GET /locate?ip=A&ip=B answers {"results": [lookup(A), lookup(B)]}, in order"""
    _views()
    _results(_get(["8.8.8.8", "193.0.6.139"])[0], ["8.8.8.8", "193.0.6.139"])
    _results(_get([])[0], [])


def test_event_loop_keeps_running() -> None:
    """the event loop keeps running while the blocking lookups happen (they run in threads)"""
    _views()
    response, gap = _get(["1.1.1.1", "8.8.8.8"], heartbeat=True)
    if gap > BLOCKED:
        fail(
            _(
                "Something blocked the event loop for {ms:.0f} ms while your view answered (legacy_geo.lookup "
                "itself ran in a thread, so it was something else). A blocking call such as `time.sleep()` inside "
                "`async def` stops every request on the server: use `await asyncio.sleep(...)`, or move the blocking "
                "work into `sync_to_async(..., thread_sensitive=False)`.",
                ms=gap * 1000,
            )
        )
    _results(response, ["1.1.1.1", "8.8.8.8"])


def test_lookups_of_one_request_overlap() -> None:
    """the 4 lookups of one request run at the same time, in 4 threads"""
    views = _views()
    ips = ["1.1.1.1", "8.8.8.8", "81.2.69.142", "193.0.6.139"]
    with Stopwatch() as watch:
        response, _gap = _get(ips)
    _results(response, ips)
    peak, threads = _PROBE.peak, set(_PROBE.threads)
    if peak < len(ips):
        if not inspect.iscoroutinefunction(views.locate):
            why = _(
                "Your view is a plain `def`, so Django runs it in one thread and the loop in it calls "
                "lookup one at a time. Make it `async def` and gather the calls."
            )
        elif threads == {threading.get_ident()}:
            why = _(
                "They all ran on one thread, the one the request's thread-sensitive calls share: `sync_to_async` "
                "is `thread_sensitive=True` by default, and every thread-sensitive call of one request waits for "
                "that single thread, so gathered calls queue up. That is what the ORM needs (a connection belongs "
                "to one thread), but legacy_geo.lookup shares nothing: pass `thread_sensitive=False`."
            )
        elif peak == 1:
            why = _(
                "They ran in worker threads, but one after the other: each lookup finished before the next one "
                "started. Start them all, then wait for all: `await asyncio.gather(*(lookup(ip) for ip in ips))`."
            )
        else:
            why = _(
                "Is your thread pool smaller than the number of addresses? The default pool has at least 5 threads."
            )
        fail(
            _(
                "One request asked for {count} addresses, but at most {peak} lookup(s) ran at once (each blocks for "
                "{pause:g} s, so the request took {took:.2f} s instead of about {pause:g} s). {why}",
                count=len(ips),
                peak=peak,
                pause=PAUSE,
                took=watch.elapsed,
                why=why,
            )
        )
    if watch.elapsed > 3 * PAUSE:
        fail(
            _(
                "The {count} lookups overlapped, yet the request took {took:.2f} s (one lookup blocks "
                "{pause:g} s). Is something else in the view waiting or sleeping?",
                count=len(ips),
                took=watch.elapsed,
                pause=PAUSE,
            )
        )


def test_concurrent_requests_through_uvicorn() -> None:
    """through a real uvicorn server: 3 addresses in one request overlap, 5 requests at once overlap"""
    _views()
    from django.core.asgi import get_asgi_application

    watch = RecordingApp(get_asgi_application(), heartbeat=True)

    async def scenario(base: str) -> tuple[int, int, float, float]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(4.0), trust_env=False) as client:
            await client.get(f"{base}/locate", params={"ip": "1.1.1.1"})  # warm up: URLconf, first thread
            _PROBE.reset()
            response = await client.get(f"{base}/locate", params={"ip": ["1.1.1.1", "8.8.8.8", "81.2.69.142"]})
            if response.status_code != 200:
                fail(
                    _(
                        "uvicorn answered GET /locate with {status}; expected 200. Your view raised "
                        "an error: the checks above, which call it directly, show which.",
                        status=response.status_code,
                    )
                )
            one_request = _PROBE.peak
            if _PROBE.on_loop or watch.max_gap > BLOCKED:
                return one_request, 0, 0.0, watch.max_gap  # blocked already: no need to block 5 more requests
            watch.reset_measures()
            _PROBE.reset(pause=SERVER_PAUSE)  # longer: 5 requests must all be inside at once, even on a busy machine
            with Stopwatch() as clock:
                urls = [f"{base}/locate?ip=8.8.8.{n}" for n in range(5)]
                responses = await asyncio.gather(*(client.get(url) for url in urls))
            for response in responses:
                if response.status_code != 200:
                    fail(
                        _(
                            "uvicorn answered GET {path} with {status}; expected 200.",
                            path=response.request.url.path,
                            status=response.status_code,
                        )
                    )
            return one_request, _PROBE.peak, clock.elapsed, watch.max_gap

    with serve_django(watch) as base:
        one_request, five_requests, elapsed, gap = run_async(scenario(base), within=8, what=_("Your server"))
    if _PROBE.on_loop:
        fail(
            _(
                "uvicorn's event loop stalled for {ms:.0f} ms: every request on the server waited. {direct}",
                ms=gap * 1000,
                direct=_direct(),
            )
        )
    if gap > BLOCKED:
        fail(
            _(
                "uvicorn's event loop stalled for {ms:.0f} ms while it served your view: every request on the "
                "server waited for one blocking call (legacy_geo.lookup itself ran in a thread, so it was something "
                "else, such as `time.sleep()` in `async def`). Await instead, or move blocking work into a thread.",
                ms=gap * 1000,
            )
        )
    if one_request < 3:
        fail(
            _(
                "Served by uvicorn, one request for 3 addresses ran at most {peak} lookup(s) at once: they "
                "were awaited one by one, or they queued for one thread. Under ASGI, Django gives each request one "
                "thread for all its thread-sensitive calls, so with `sync_to_async`'s default `thread_sensitive=True` "
                "gathered calls take turns on it. Use `sync_to_async(legacy_geo.lookup, thread_sensitive=False)` and "
                "`asyncio.gather`.",
                peak=one_request,
            )
        )
    if five_requests < 5:
        fail(
            _(
                "5 requests sent at once ran at most {peak} lookup(s) at the same time; each should get a "
                "worker thread of its own while the event loop serves the others.",
                peak=five_requests,
            )
        )
    if elapsed > 3 * SERVER_PAUSE:
        fail(
            _(
                "5 concurrent requests, each with one {pause:g} s lookup, took {took:.2f} s; concurrently "
                "they take about {pause:g} s (one after the other, {total:g} s).",
                pause=SERVER_PAUSE,
                took=elapsed,
                total=5 * SERVER_PAUSE,
            )
        )
