"""Checks for lesson 6, exercise `retry_backoff.py`: retry 5xx and transport errors with exponential backoff."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
)

GetWithRetry = Callable[..., Awaitable[Any]]
URL = "http://upstream.test/report"
# One step of the fake upstream's script: a status code to answer, or a transport error to raise.
Step = int | type[httpx.TransportError]


@dataclass
class FlakyUpstream:
    """An `httpx.MockTransport` handler that follows a script, then answers `then`; it logs each try's time."""

    script: list[Step]
    then: Step = 200
    times: list[float] = field(default_factory=list)

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.times.append(asyncio.get_running_loop().time())
        index = len(self.times) - 1
        step = self.script[index] if index < len(self.script) else self.then
        await asyncio.sleep(0)
        if isinstance(step, type):
            raise step(_("simulated {kind} on try {n}", kind=step.__name__, n=index + 1), request=request)
        return httpx.Response(step, json={"try": index + 1, "status": step})

    @property
    def tries(self) -> int:
        return len(self.times)

    def gaps(self) -> list[float]:
        return [later - earlier for earlier, later in zip(self.times, self.times[1:], strict=False)]


@dataclass
class Outcome:
    """What one call did: its return value or its exception, and when it ended (on the loop's clock)."""

    value: Any = None
    error: BaseException | None = None
    ended: float = 0.0
    beat: LoopHeartbeat | None = None


@pytest.fixture(autouse=True)
def no_real_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A request that does not go through the check's fake upstream fails with a teaching message."""

    message = _(
        "Your code sent a request through an HTTP client of its own instead of the `client` it was given. "
        "Use `await client.get(url)`: the caller's client carries the pool, the timeouts and, here, the fake "
        "server of the check."
    )

    async def refuse_async(self: Any, request: httpx.Request) -> httpx.Response:
        fail(message)

    def refuse(self: Any, request: httpx.Request) -> httpx.Response:
        fail(message)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", refuse_async)
    monkeypatch.setattr(httpx.HTTPTransport, "handle_request", refuse)
    yield


def _get_with_retry() -> GetWithRetry:
    return require_function(load_exercise(), "get_with_retry", is_async=True)


def _call(upstream: FlakyUpstream, *, within: float = 3.0, heartbeat: bool = False, **kwargs: Any) -> Outcome:
    """Call `get_with_retry(client, URL, **kwargs)` against `upstream`; never raises the learner's error."""
    get_with_retry = _get_with_retry()

    async def scenario() -> Outcome:
        outcome = Outcome(beat=LoopHeartbeat() if heartbeat else None)
        async with httpx.AsyncClient(transport=httpx.MockTransport(upstream)) as client:
            try:
                if outcome.beat is None:
                    outcome.value = await get_with_retry(client, URL, **kwargs)
                else:
                    async with outcome.beat:
                        outcome.value = await get_with_retry(client, URL, **kwargs)
            except (httpx.HTTPError, AttributeError, AssertionError) as exc:
                # HTTP errors are part of the exercise; anything else reaches the learner as it is.
                outcome.error = exc
            outcome.ended = asyncio.get_running_loop().time()
        return outcome

    with no_unawaited_coroutines():
        outcome = run_async(scenario, within=within, what="`await get_with_retry(client, url, ...)`")
    if isinstance(outcome.error, AttributeError) and "'coroutine' object" in str(outcome.error):
        fail(
            _(
                "Your code used a coroutine object as if it were a response ({error}). `client.get(url)` "
                "runs only when awaited: did you forget `await` before `client.get(...)`?",
                error=outcome.error,
            )
        )
    if isinstance(outcome.error, AssertionError):
        raise outcome.error  # a teaching failure of the check itself (such as the network guard)
    reject_coroutine(outcome.value, "`await get_with_retry(client, url)`")
    if upstream.tries == 0 and outcome.error is None:
        fail(_("`get_with_retry` returned without sending a single request. GET the url: `await client.get(url)`."))
    return outcome


def _describe(outcome: Outcome) -> str:
    if outcome.error is not None:
        return _("raised {kind}: {text}", kind=type(outcome.error).__name__, text=str(outcome.error).splitlines()[0])
    return _("returned {value!r}", value=outcome.value)


def _expect_response(outcome: Outcome, upstream: FlakyUpstream, what: str) -> None:
    if outcome.error is not None:
        fail(
            ngettext(
                "{what}, but `get_with_retry` {did} after {n} tries.",
                "{what}, but `get_with_retry` {did} after {n} tries.",
                upstream.tries,
                what=what,
                did=_describe(outcome),
            )
        )
    if not isinstance(outcome.value, httpx.Response):
        fail(
            _(
                "{what}, and `get_with_retry` {did}. Return the successful `httpx.Response` itself; "
                "the caller reads `.json()` from it.",
                what=what,
                did=_describe(outcome),
            )
        )
    assert outcome.value.status_code == 200, _(
        "{what}; `get_with_retry` returned a {status} response instead of the final 200.",
        what=what,
        status=outcome.value.status_code,
    )


def test_get_with_retry_is_a_coroutine_function() -> None:
    """get_with_retry is a coroutine function (`async def`)"""
    _get_with_retry()


def test_success_needs_one_try() -> None:
    """a 200 on the first try is returned at once, after one request"""
    upstream = FlakyUpstream([])
    outcome = _call(upstream)
    _expect_response(outcome, upstream, _("The server answered 200 at once"))
    assert upstream.tries == 1, ngettext(
        "The server answered 200 on the first try, yet `get_with_retry` sent {n} request. Return "
        "as soon as a try succeeds.",
        "The server answered 200 on the first try, yet `get_with_retry` sent {n} requests. Return "
        "as soon as a try succeeds.",
        upstream.tries,
    )


def test_retries_server_errors() -> None:
    """503 then 502 then 200: three tries, and the 200 response comes back"""
    upstream = FlakyUpstream([503, 502])
    outcome = _call(upstream)  # the defaults: attempts=3, base_delay=0.05
    if upstream.tries == 1:
        fail(
            _(
                "The server answered 503 Service Unavailable and `get_with_retry` {did} without "
                "trying again. A 5xx means the server failed, often for a moment: wait, then retry (up to "
                "`attempts` tries).",
                did=_describe(outcome),
            )
        )
    _expect_response(outcome, upstream, _("The server answered 503, then 502, then 200"))
    assert upstream.tries == 3, _(
        "503, 502, 200 takes exactly 3 tries; `get_with_retry` sent {tries}.", tries=upstream.tries
    )


def test_retries_transport_errors() -> None:
    """a connection error, then a read timeout, then 200: three tries"""
    upstream = FlakyUpstream([httpx.ConnectError, httpx.ReadTimeout])
    outcome = _call(upstream, attempts=3, base_delay=0.02)
    if upstream.tries == 1:
        fail(
            _(
                "The first try failed with `httpx.ConnectError` and `get_with_retry` {did} without "
                "trying again. Connection failures and timeouts are worth retrying too: catch "
                "`httpx.TransportError`, the parent of `ConnectError`, `ReadTimeout` and the other network errors.",
                did=_describe(outcome),
            )
        )
    _expect_response(outcome, upstream, _("The tries failed with ConnectError, then ReadTimeout, then got 200"))
    assert upstream.tries == 3, _(
        "ConnectError, ReadTimeout, 200 takes 3 tries; `get_with_retry` sent {tries}.", tries=upstream.tries
    )


def test_never_retries_a_client_error() -> None:
    """a 404 is raised at once as httpx.HTTPStatusError, never retried"""
    upstream = FlakyUpstream([404] * 5)
    outcome = _call(upstream, attempts=3, base_delay=0.02)
    if upstream.tries > 1:
        fail(
            _(
                "The server answered 404 Not Found, and `get_with_retry` retried it: {tries} tries. A 4xx "
                "says the request itself is wrong (bad URL, no permission, bad data); asking again gets the same "
                "answer and only adds load. Retry 5xx statuses and transport errors, and raise a 4xx at once.",
                tries=upstream.tries,
            )
        )
    if outcome.error is None:
        fail(
            _(
                "The server answered 404 Not Found, and `get_with_retry` {did}. Raise it: "
                "`response.raise_for_status()` raises `httpx.HTTPStatusError` for a 4xx.",
                did=_describe(outcome),
            )
        )
    if not isinstance(outcome.error, httpx.HTTPStatusError):
        fail(
            _(
                "For a 404, `get_with_retry` {did}; raise `httpx.HTTPStatusError` (raise_for_status).",
                did=_describe(outcome),
            )
        )


def test_gives_up_after_attempts_on_server_errors() -> None:
    """always 500 with attempts=4: exactly 4 tries, then HTTPStatusError"""
    upstream = FlakyUpstream([], then=500)
    outcome = _call(upstream, attempts=4, base_delay=0.01)
    if outcome.error is None:
        fail(
            _(
                "All 4 tries answered 500, and `get_with_retry` {did} instead of raising: it "
                "swallowed the final error, so the caller cannot tell it failed. After the last try, raise: "
                "`response.raise_for_status()` (or a bare `raise` in the `except` block).",
                did=_describe(outcome),
            )
        )
    assert upstream.tries == 4, _(
        "With attempts=4, a server that always fails should get exactly 4 tries; `get_with_retry` sent "
        "{tries}. `attempts` counts every try, the first one included.",
        tries=upstream.tries,
    )
    if not isinstance(outcome.error, httpx.HTTPStatusError):
        fail(
            _(
                "After 4 tries answered 500, `get_with_retry` {did}; raise the last error itself, "
                "an `httpx.HTTPStatusError` for status 500, so the caller sees what really went wrong.",
                did=_describe(outcome),
            )
        )
    status = outcome.error.response.status_code
    assert status == 500, _(
        "`get_with_retry` raised the error of a {status} response; the server answered 500.", status=status
    )


def test_gives_up_after_attempts_on_transport_errors() -> None:
    """always a connection error with attempts=2: exactly 2 tries, then the ConnectError"""
    upstream = FlakyUpstream([], then=httpx.ConnectError)
    outcome = _call(upstream, attempts=2, base_delay=0.01)
    if outcome.error is None:
        fail(
            _(
                "Both tries failed to connect, and `get_with_retry` {did} instead of raising: it "
                "swallowed the final error. After the last try, re-raise it (a bare `raise` in the `except` block).",
                did=_describe(outcome),
            )
        )
    assert upstream.tries == 2, _(
        "With attempts=2, expected exactly 2 tries; `get_with_retry` sent {tries}.", tries=upstream.tries
    )
    if not isinstance(outcome.error, httpx.ConnectError):
        fail(
            _(
                "After 2 failed connections, `get_with_retry` {did}; re-raise the last "
                "`httpx.ConnectError` itself, so the caller sees what really went wrong.",
                did=_describe(outcome),
            )
        )


def test_waits_grow_exponentially() -> None:
    """with base_delay=0.05 the waits are about 0.05, 0.1 and 0.2 s, and none follows the last try"""
    upstream = FlakyUpstream([], then=503)
    outcome = _call(upstream, attempts=4, base_delay=0.05)
    assert upstream.tries == 4, _(
        "With attempts=4, expected exactly 4 tries; `get_with_retry` sent {tries}.", tries=upstream.tries
    )
    gaps = upstream.gaps()
    expected = [0.05, 0.1, 0.2]
    shown = ", ".join(f"{gap:.3f}" for gap in gaps)
    for index, (gap, want) in enumerate(zip(gaps, expected, strict=True)):
        if gap < want * 0.9 and index == 0:
            fail(
                _(
                    "`get_with_retry` tried again after only {gap:.3f} s. Wait before each retry, "
                    "`await asyncio.sleep(...)`, starting with `base_delay` (0.05 s here): retrying at once hits a "
                    "struggling server again while it is still down.",
                    gap=gap,
                )
            )
        if gap < want * 0.9:
            fail(
                _(
                    "The waits between tries were {shown} s; they should double each time: 0.050, 0.100, 0.200 s "
                    "(exponential backoff, `base_delay * 2 ** attempt`). A fixed wait keeps hammering a server "
                    "that needs room to recover.",
                    shown=shown,
                )
            )
        if gap > want * 2 + 0.3:
            fail(
                _(
                    "The waits between tries were {shown} s; with base_delay=0.05 they should be about 0.05, 0.1 "
                    "and 0.2 s. Wait `base_delay * 2 ** attempt` seconds before retry number `attempt + 1`.",
                    shown=shown,
                )
            )
    after_last = outcome.ended - upstream.times[-1]
    if after_last > 0.3:
        fail(
            _(
                "After the last try failed, `get_with_retry` waited another {secs:.2f} s before raising. "
                "Nothing follows the last try: raise at once (only wait when another try is coming).",
                secs=after_last,
            )
        )


def test_waiting_does_not_block_the_loop() -> None:
    """the wait between tries keeps the event loop free"""
    upstream = FlakyUpstream([503])
    outcome = _call(upstream, attempts=2, base_delay=0.25, heartbeat=True)
    _expect_response(outcome, upstream, _("The server answered 503, then 200"))
    assert outcome.beat is not None
    outcome.beat.assert_not_blocked(what="`get_with_retry`")
