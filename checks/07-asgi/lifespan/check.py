"""Checks for lesson 7, exercise `lifespan.py`: open a shared resource at startup, close it at shutdown."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import httpx
import pytest
from asgiref.testing import ApplicationCommunicator

from tutor.checkkit import ServerNotStarted, _, fail, load_exercise, require_asgi_app, run_async, serve_asgi

ANSWER_WITHIN = 1.0  # seconds the app gets to answer a lifespan event


# --- helpers (local to this check) --------------------------------------------------------


class _FakePool:
    """Stands in for the database pool: records how it is used."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.closed = False
        self.queries = 0

    async def query(self) -> str:
        self.queries += 1
        return f"answer from check pool {self.number}"

    async def close(self) -> None:
        await asyncio.sleep(0.05)  # closing takes a moment, as with a real pool
        self.closed = True


class _Opener:
    """Replaces the learner's `open_pool`: counts the pools opened, or fails like a database that is down."""

    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.pools: list[_FakePool] = []

    async def __call__(self) -> _FakePool:
        await asyncio.sleep(0.02)
        if self.error is not None:
            raise self.error
        self.pools.append(_FakePool(len(self.pools) + 1))
        return self.pools[-1]


def _app(monkeypatch: pytest.MonkeyPatch, opener: _Opener) -> Any:
    """The learner's `app`, with the check's `open_pool` in place and `pool` reset."""
    app = require_asgi_app()
    module = load_exercise()
    if not hasattr(module, "open_pool"):
        fail(_("Keep the module-level `open_pool` in your file: the check puts its own pool opener in its place."))
    monkeypatch.setattr(module, "open_pool", opener)
    if hasattr(module, "pool"):
        monkeypatch.setattr(module, "pool", None)
    return app


def _lifespan_scope() -> dict[str, Any]:
    return {"type": "lifespan", "asgi": {"version": "3.0", "spec_version": "2.0"}, "state": {}}


async def _answer(talk: ApplicationCommunicator, event: str) -> dict[str, Any]:
    """Send `event` to the app and return its answer, failing with a teaching message instead of hanging."""
    try:
        await talk.send_input({"type": event})
        message = await talk.receive_output(timeout=ANSWER_WITHIN)
    except TimeoutError:
        fail(
            _(
                "Your app never answered `{event}` (waited {within:g} s). A server waits for the answer "
                'before it goes on: uvicorn would sit at "Waiting for application startup." for ever. After the '
                'work, send `{{"type": "{event}.complete"}}`.',
                event=event,
                within=ANSWER_WITHIN,
            )
        )
    except Exception as exc:
        fail(
            _(
                "Your app raised {error_type}: {exc} while handling `{event}`. With the default "
                '`lifespan="auto"`, uvicorn then logs "ASGI \'lifespan\' protocol appears unsupported." and '
                'serves without your pool. Handle `scope["type"] == "lifespan"` and answer each event.',
                error_type=type(exc).__name__,
                exc=exc,
                event=event,
            )
        )
    if talk.future.done() and message is None:
        fail(_("Your app returned without answering `{event}`.", event=event))
    if not isinstance(message, dict) or "type" not in message:
        fail(
            _(
                "Your app answered `{event}` with {message!r}; a lifespan answer is a dict with a `type`.",
                event=event,
                message=message,
            )
        )
    return message


async def _finish(talk: ApplicationCommunicator) -> None:
    """Stop the app's task whatever state it is in (the check's own cleanup)."""
    with contextlib.suppress(BaseException):
        await talk.wait(timeout=0.5)


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable(monkeypatch: pytest.MonkeyPatch) -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    _app(monkeypatch, _Opener())


def test_startup_opens_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """lifespan.startup opens the pool once and answers lifespan.startup.complete"""
    opener = _Opener()
    app = _app(monkeypatch, opener)

    async def scenario() -> None:
        talk = ApplicationCommunicator(app, _lifespan_scope())
        try:
            message = await _answer(talk, "lifespan.startup")
            if message["type"] != "lifespan.startup.complete":
                fail(
                    _(
                        "Your app answered `lifespan.startup` with {message!r}; when the pool opened fine, answer "
                        '`{{"type": "lifespan.startup.complete"}}`.',
                        message=message,
                    )
                )
            if not opener.pools:
                fail(
                    _(
                        "Your app answered `lifespan.startup.complete` without opening the pool: startup is where "
                        "`pool = await open_pool()` belongs (declare `global pool` first), so every request finds it "
                        "ready. Call `open_pool()` itself: the check replaces it with its own."
                    )
                )
            if len(opener.pools) > 1:
                fail(_("Startup opened {count} pools; open exactly one and share it.", count=len(opener.pools)))
        finally:
            await _finish(talk)

    run_async(scenario, within=4, what=_("Your lifespan startup"))


def test_shutdown_closes_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """lifespan.shutdown closes the pool, then answers lifespan.shutdown.complete"""
    opener = _Opener()
    app = _app(monkeypatch, opener)

    async def scenario() -> None:
        talk = ApplicationCommunicator(app, _lifespan_scope())
        try:
            message = await _answer(talk, "lifespan.startup")
            if message["type"] != "lifespan.startup.complete" or not opener.pools:
                fail(_("Startup must open the pool and answer `lifespan.startup.complete` (see the check above)."))
            if talk.future.done():
                fail(
                    _(
                        "Your lifespan handler returned right after answering startup. It must keep waiting: the same "
                        "call later receives `lifespan.shutdown`, which is when the pool gets closed. Loop on "
                        "`await receive()` until the shutdown is done."
                    )
                )
            message = await _answer(talk, "lifespan.shutdown")
            pool = opener.pools[0]
            if message["type"] != "lifespan.shutdown.complete":
                fail(
                    _(
                        "Your app answered `lifespan.shutdown` with {message!r}; "
                        "expected `lifespan.shutdown.complete`.",
                        message=message,
                    )
                )
            if not pool.closed:
                await asyncio.sleep(0.2)
                if pool.closed:
                    fail(
                        _(
                            "Your app answered `lifespan.shutdown.complete` before the pool had closed. The server may "
                            "exit as soon as it reads that answer, cutting the close short: answer only after "
                            "`await pool.close()` has finished."
                        )
                    )
                fail(
                    _(
                        "Your app answered `lifespan.shutdown.complete` but did not close the pool: call "
                        "`await pool.close()` on shutdown, then answer."
                    )
                )
            try:
                await talk.wait(timeout=ANSWER_WITHIN)
            except TimeoutError:
                fail(
                    _(
                        "After answering `lifespan.shutdown.complete`, your lifespan handler kept running. That was "
                        "the last event: return from it."
                    )
                )
        finally:
            await _finish(talk)

    run_async(scenario, within=5, what=_("Your lifespan shutdown"))


def test_failed_startup_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """when open_pool raises, the app answers lifespan.startup.failed with the error's text"""
    opener = _Opener(ConnectionError("database is down"))
    app = _app(monkeypatch, opener)

    async def scenario() -> None:
        talk = ApplicationCommunicator(app, _lifespan_scope())
        try:
            try:
                await talk.send_input({"type": "lifespan.startup"})
                message = await talk.receive_output(timeout=ANSWER_WITHIN)
            except TimeoutError:
                fail(
                    _(
                        "When `open_pool()` raised, your app never answered `lifespan.startup` (waited "
                        "{within:g} s), so a server would hang at startup. Catch the error and answer "
                        '`{{"type": "lifespan.startup.failed", "message": str(exc)}}`.',
                        within=ANSWER_WITHIN,
                    )
                )
            except ConnectionError:
                fail(
                    _(
                        "When `open_pool()` raised ConnectionError, your app let the exception escape. With the "
                        'default `lifespan="auto"`, uvicorn then decides your app does not support lifespan and '
                        "starts serving without a pool. Catch the error and answer "
                        '`{"type": "lifespan.startup.failed", "message": str(exc)}`: the server logs it and stops.'
                    )
                )
            if not isinstance(message, dict) or message.get("type") != "lifespan.startup.failed":
                fail(
                    _(
                        "When `open_pool()` raised, your app answered {message!r}; answer "
                        '`{{"type": "lifespan.startup.failed", "message": str(exc)}}` so the server does not start.',
                        message=message,
                    )
                )
            if "database is down" not in str(message.get("message", "")):
                fail(
                    _(
                        "Your `lifespan.startup.failed` carries the message {message!r}; put the error's "
                        "text in it (`str(exc)`, here 'database is down'): the server prints it for whoever reads "
                        "the log.",
                        message=message.get("message"),
                    )
                )
        finally:
            await _finish(talk)

    run_async(scenario, within=4, what=_("Your lifespan startup"))


def test_uvicorn_shares_one_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """under uvicorn (lifespan on), 3 requests share one pool, closed when the server stops"""
    opener = _Opener()
    app = _app(monkeypatch, opener)

    async def requests(base: str) -> list[Any]:
        async with httpx.AsyncClient(timeout=httpx.Timeout(2.0), trust_env=False) as client:
            return [await client.get(base + "/") for _attempt in range(3)]

    try:
        # Leaving the block stops the server gracefully, which runs the app's lifespan shutdown.
        with serve_asgi(app, ready_within=2.0, lifespan="on", log_level="critical") as base:
            responses = run_async(requests(base), within=4, what=_("Your app (3 requests)"))
    except ServerNotStarted as exc:
        fail(
            _(
                "uvicorn (lifespan on) never started serving your app: {reason}. It waits for "
                "`lifespan.startup.complete` before it accepts a single request; make sure startup answers it.",
                reason=exc.reason,
            )
        )
    for response in responses:
        if response.status_code != 200 or "answer from check pool 1" not in response.text:
            fail(
                _(
                    "GET / answered {status} {text!r}; expected 200 and an answer from the "
                    "pool opened at startup. Did startup store it in the global `pool` (with `global pool`)?",
                    status=response.status_code,
                    text=response.text[:150],
                )
            )
    if len(opener.pools) != 1:
        fail(_("Serving 3 requests opened {count} pools; open one at startup and share it.", count=len(opener.pools)))
    if not opener.pools[0].closed:
        fail(_("uvicorn stopped, but the pool was never closed: close it when `lifespan.shutdown` arrives."))
