"""Checks for lesson 5, exercise `find_the_blocker.py`: find the blocking calls in a service and fix them."""

from __future__ import annotations

import asyncio
import inspect
import json
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pytest

from tutor.checkkit import (
    LoopHeartbeat,
    Stopwatch,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
    serve_asgi,
)

DELAY = 0.3  # the profile service's answer time, and make_token's blocking time, in the timed check
USERS = [3, 1, 2]

# Problems found by earlier checks (helpers on the loop's thread, cards one at a time): the slow
# checks after them would only wait to report the same thing, so they stop at once.
_on_loop: list[str] = []
_one_at_a_time: list[bool] = []


def _skip_if_found() -> None:
    if _on_loop:
        fail(
            ngettext(
                "Not measured yet: {names} still run(s) on the event loop's thread (see above). "
                "Fix that first; this check then measures the whole dashboard.",
                "Not measured yet: {names} still run(s) on the event loop's thread (see above). "
                "Fix that first; this check then measures the whole dashboard.",
                len(_on_loop),
                names=_(" and ").join(_on_loop),
            )
        )
    if _one_at_a_time:
        fail(_("Not measured yet: the cards are still built one at a time (see above). Fix that first."))


@dataclass
class ProfileService:
    """A fake profile service (an ASGI app served on 127.0.0.1) that counts the requests it serves.

    With `meet`, each request waits until `meet` requests have arrived: proof, without a clock, that
    the client sent them together.
    """

    delay: float = 0.0
    meet: int = 0
    requests: int = 0
    gave_up: bool = False
    _barrier: asyncio.Barrier | None = field(default=None, repr=False)

    def reset(self, *, delay: float = 0.0, meet: int = 0) -> None:
        self.delay, self.meet, self.requests, self.gave_up = delay, meet, 0, False
        self._barrier = None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        self.requests += 1
        if self.meet:
            if self._barrier is None:
                self._barrier = asyncio.Barrier(self.meet)  # created in the server's own event loop
            try:
                async with asyncio.timeout(1.0):
                    await self._barrier.wait()
            except (TimeoutError, asyncio.BrokenBarrierError):
                self.gave_up = True
                await self._barrier.abort()
        if self.delay:
            await asyncio.sleep(self.delay)
        user_id = scope["path"].rstrip("/").rsplit("/", 1)[-1]
        body = json.dumps({"id": user_id, "name": f"User {user_id}"}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[str, ProfileService]]:
    app = ProfileService()
    with serve_asgi(app) as url:
        yield url, app


class OnLoopRecorder:
    """Counts the calls of one of the exercise's sync helpers, and those made on the event loop's thread."""

    def __init__(self) -> None:
        self.loop_thread = threading.get_ident()  # checks run the event loop in this thread
        self.calls = 0
        self.on_loop = 0

    def record(self) -> None:
        self.calls += 1
        if threading.get_ident() == self.loop_thread:
            self.on_loop += 1


def _install(monkeypatch: pytest.MonkeyPatch, token_delay: float) -> tuple[ModuleType, OnLoopRecorder, OnLoopRecorder]:
    module = load_exercise()
    for name in ("get_json", "make_token"):
        if not callable(getattr(module, name, None)):
            fail(
                _(
                    "Your file has no `{name}` function any more. Keep it as it was given: fix the callers instead.",
                    name=name,
                )
            )
    real_get_json = module.get_json
    http, token = OnLoopRecorder(), OnLoopRecorder()

    def get_json(url: str) -> Any:
        http.record()
        return real_get_json(url)  # the real HTTP call, to the check's local profile service

    def make_token(user_id: int) -> str:
        # Stands in for the real key stretching: blocks its thread for a known time, on any machine.
        token.record()
        if token_delay:
            time.sleep(token_delay)
        return f"token-{user_id}"

    monkeypatch.setattr(module, "get_json", get_json)
    monkeypatch.setattr(module, "make_token", make_token)
    return module, http, token


def _dashboard(module: ModuleType) -> Callable[[str, list[int]], Awaitable[Any]]:
    return require_function(module, "dashboard", is_async=True)


def _cards(value: Any, what: str) -> list[Any]:
    reject_coroutine(value, what)
    if not isinstance(value, list | tuple):
        fail(
            _(
                "{what} gave back a {kind} ({value!r}); it should return a list of cards.",
                what=what,
                kind=type(value).__name__,
                value=value,
            )
        )
    cards = list(value)
    for card in cards:
        if inspect.iscoroutine(card):
            card.close()
            fail(
                _(
                    "{what} returned coroutine objects instead of cards: a call to `asyncio.to_thread(...)` "
                    "or to one of your coroutines was not awaited. Put `await` in front of it.",
                    what=what,
                )
            )
        reject_coroutine(card, what)
        for key, item in card.items() if isinstance(card, dict) else ():
            if inspect.iscoroutine(item):
                item.close()  # closed on purpose, so Python does not also warn about it
                fail(
                    _(
                        "A card's `{key}` is a coroutine object instead of a value: a call to "
                        "`asyncio.to_thread(...)` was not awaited, so it never ran. Write "
                        "`{key} = await asyncio.to_thread(...)`.",
                        key=key,
                    )
                )
    return cards


def _call(dashboard: Callable[[str, list[int]], Awaitable[Any]], url: str, *, within: float) -> list[Any]:
    what = f"`await dashboard(url, {USERS})`"
    with no_unawaited_coroutines():
        value = run_async(lambda: dashboard(url, USERS), within=within, what=what)
    return _cards(value, what)


def test_dashboard_is_a_coroutine_function(monkeypatch: pytest.MonkeyPatch) -> None:
    """dashboard is a coroutine function (`async def`)"""
    module, _http, _token = _install(monkeypatch, 0.0)
    _dashboard(module)


def test_cards_in_order(monkeypatch: pytest.MonkeyPatch, service: tuple[str, ProfileService]) -> None:
    """dashboard returns each user's card (name and token), in the order of `user_ids`"""
    url, app = service
    app.reset()
    module, _http, _token = _install(monkeypatch, 0.0)
    cards = _call(_dashboard(module), url, within=4)
    expected = [{"name": f"User {user_id}", "token": f"token-{user_id}"} for user_id in USERS]
    if app.requests == 0:
        fail(
            _(
                "`dashboard` never asked the profile service for a profile. Keep fetching each profile from "
                "`base_url` (with `get_json` in a worker thread, or an async HTTP client)."
            )
        )
    assert cards == expected, _(
        "`await dashboard(url, {users})` gave {cards!r}; expected {expected!r}: the same cards as before "
        "your fix, one per user, in the order of `user_ids`.",
        users=USERS,
        cards=cards,
        expected=expected,
    )


def test_http_call_off_the_loop(monkeypatch: pytest.MonkeyPatch, service: tuple[str, ProfileService]) -> None:
    """the HTTP call to the profile service does not run on the event loop's thread"""
    url, app = service
    app.reset()
    module, http, _token = _install(monkeypatch, 0.0)
    _call(_dashboard(module), url, within=4)
    if http.on_loop:
        _on_loop.append("`get_json`")
        fail(
            ngettext(
                "`get_json` ran {n} time(s) on the event loop's own thread. It is a synchronous "
                "HTTP call (urllib): it sits waiting for the server's answer while holding the thread, so "
                "no other coroutine runs meanwhile, however `async` its caller is. Let a worker thread wait "
                "for it, `await asyncio.to_thread(get_json, url)`, or use an async HTTP client such as "
                "`httpx.AsyncClient`.",
                "`get_json` ran {n} time(s) on the event loop's own thread. It is a synchronous "
                "HTTP call (urllib): it sits waiting for the server's answer while holding the thread, so "
                "no other coroutine runs meanwhile, however `async` its caller is. Let a worker thread wait "
                "for it, `await asyncio.to_thread(get_json, url)`, or use an async HTTP client such as "
                "`httpx.AsyncClient`.",
                http.on_loop,
            )
        )


def test_token_off_the_loop(monkeypatch: pytest.MonkeyPatch, service: tuple[str, ProfileService]) -> None:
    """make_token (CPU-heavy key stretching) does not run on the event loop's thread"""
    url, app = service
    app.reset()
    module, _http, token = _install(monkeypatch, 0.0)
    _call(_dashboard(module), url, within=4)
    if token.calls == 0:
        fail(_("`dashboard` never called `make_token`. Each card still needs its token from `make_token(user_id)`."))
    if token.on_loop:
        _on_loop.append("`make_token`")
        fail(
            ngettext(
                "`make_token` ran {n} time(s) on the event loop's own thread. It never waits for "
                "anything, but it computes for a long time, and that blocks the loop just the same. Move it to "
                "a worker thread: `await asyncio.to_thread(make_token, user_id)`. A thread is enough here: "
                "hashlib releases the GIL while it hashes, so threads really run these in parallel "
                "(pure-Python loops would need a process pool).",
                "`make_token` ran {n} time(s) on the event loop's own thread. It never waits for "
                "anything, but it computes for a long time, and that blocks the loop just the same. Move it to "
                "a worker thread: `await asyncio.to_thread(make_token, user_id)`. A thread is enough here: "
                "hashlib releases the GIL while it hashes, so threads really run these in parallel "
                "(pure-Python loops would need a process pool).",
                token.on_loop,
            )
        )


def test_requests_sent_together(monkeypatch: pytest.MonkeyPatch, service: tuple[str, ProfileService]) -> None:
    """the profile requests reach the service at the same time"""
    _skip_if_found()
    url, app = service
    app.reset(meet=len(USERS))
    module, _http, _token = _install(monkeypatch, 0.0)
    _call(_dashboard(module), url, within=6)
    if app.gave_up:
        _one_at_a_time.append(True)
        fail(
            ngettext(
                "The {n} profile request reached the service one at a time: each one waited for "
                "the previous card to finish. Keep "
                "`dashboard` starting every `user_card` together (`asyncio.gather`), and make sure each "
                "HTTP call is awaited in a worker thread or through an async client.",
                "The {n} profile requests reached the service one at a time: each one waited for "
                "the previous card to finish. Keep "
                "`dashboard` starting every `user_card` together (`asyncio.gather`), and make sure each "
                "HTTP call is awaited in a worker thread or through an async client.",
                len(USERS),
            )
        )


def test_dashboard_keeps_the_loop_free(monkeypatch: pytest.MonkeyPatch, service: tuple[str, ProfileService]) -> None:
    """with a 0.3 s service and a 0.3 s token, 3 cards take about 0.6 s and the loop stays free"""
    _skip_if_found()
    url, app = service
    app.reset(delay=DELAY)
    module, _http, _token = _install(monkeypatch, DELAY)
    dashboard = _dashboard(module)

    async def watched() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            value = await dashboard(url, USERS)
        return value, beat

    with no_unawaited_coroutines(), Stopwatch() as watch:
        value, beat = run_async(watched, within=6, what=f"`await dashboard(url, {USERS})`")
    _cards(value, f"`await dashboard(url, {USERS})`")
    if beat.max_gap > 0.15:
        fail(
            _(
                "Something still blocked the event loop for {ms:.0f} ms while `dashboard` ran. "
                "Look for every synchronous call in the path of a card: each one that waits or computes for "
                "long must run in a worker thread (`await asyncio.to_thread(func, *args)`).",
                ms=beat.max_gap * 1000,
            )
        )
    if watch.elapsed > 4 * DELAY:
        fail(
            ngettext(
                "{n} card took {secs:.2f} s; each card needs a {delay} s request and a {delay} s "
                "token, so built at the same time they take about {both:g} s. Are the cards still built "
                "one after another?",
                "{n} cards took {secs:.2f} s; each card needs a {delay} s request and a {delay} s "
                "token, so built at the same time they take about {both:g} s. Are the cards still built "
                "one after another?",
                len(USERS),
                secs=watch.elapsed,
                delay=DELAY,
                both=2 * DELAY,
            )
        )
