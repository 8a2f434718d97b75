"""Checks for lesson 7, exercise `hello_asgi.py`: a raw ASGI app, served by uvicorn and by Daphne."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tutor.checkkit import (
    AppSlot,
    RecordingApp,
    Stopwatch,
    _,
    fail,
    load_exercise,
    require_asgi_app,
    run_async,
    serve_daphne,
)

GREETING = b"Hello, ASGI!"
DELAY = 0.3
CONCURRENT = 5
BLOCKED = 0.2  # a gap in the server's loop above this means something blocked it


# --- helpers (local to this check) --------------------------------------------------------


def _problem_in(message: Any, started: bool) -> str:
    """What is wrong with one message an HTTP app sends ('' when nothing is)."""
    if not isinstance(message, dict):
        return _(
            "Your app called `send` with a {type_name}; every ASGI message is a dict with a `type`.",
            type_name=type(message).__name__,
        )
    kind = message.get("type")
    if not started:
        if kind != "http.response.start":
            return _(
                "Your app's first message was {kind!r}, but a response must begin with "
                "`http.response.start` (the status and headers); only then may `http.response.body` "
                "messages follow. Send the start first.",
                kind=kind,
            )
        for pair in message.get("headers", []):
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(x, bytes) for x in pair)):
                return _(
                    "In `http.response.start`, the header {pair!r} is not a pair of bytes: ASGI header "
                    'names and values must be bytes, `(b"content-type", b"text/plain; charset=utf-8")`. '
                    "uvicorn happens to accept text here, but Daphne answers 500.",
                    pair=pair,
                )
        if not isinstance(message.get("status"), int):
            return _(
                "`status` in `http.response.start` must be an int such as 200, not {status!r}.",
                status=message.get("status"),
            )
    elif kind == "http.response.body" and not isinstance(message.get("body", b""), bytes):
        body = message.get("body")
        return _(
            "The `body` of `http.response.body` must be bytes, but it was a {type_name} ({body!r}). "
            'Write `b"Hello, ASGI!"`, or encode text: `"Hello, ASGI!".encode()`.',
            type_name=type(body).__name__,
            body=body,
        )
    return ""


def _problem(spy: RecordingApp) -> str:
    """The first protocol mistake in the messages the app sent ('' when there is none)."""
    for messages in spy.sent:
        started = False
        for message in messages:
            problem = _problem_in(message, started)
            if problem:
                return problem
            started = started or (isinstance(message, dict) and message.get("type") == "http.response.start")
    return ""


def _explain(spy: RecordingApp, what: str) -> str:
    """The most useful explanation of a broken response, for a failure message."""
    raised = _("Your app raised {error} while answering {what}.", error=spy.errors[0], what=what) if spy.errors else ""
    return _problem(spy) or raised


@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server on 127.0.0.1 for the whole check file, always stopped at the end."""
    with AppSlot().serve() as slot:
        yield slot


def _client(timeout: float = 3.0) -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout), trust_env=False)


def _set_delay(module: Any, value: float) -> None:
    if not hasattr(module, "delay"):
        fail(_("Keep the module-level `delay = 0.3` in your file: the check sets it to shorten or lengthen the wait."))
    module.delay = value


def _check_hello(response: httpx.Response, spy: RecordingApp | None, server: str, log: str = "") -> None:
    what = f"GET {response.request.url.path}"
    if response.status_code != 200:
        why = _explain(spy, what) if spy else ""
        if response.status_code == 501 and not why:
            why = _("501 is the placeholder answer the exercise starts with: replace it with your response.")
        if not why and ("Error" in log or "Traceback" in log):
            why = _("Daphne's log ends with:\n{log}", log=log)
        if not why and server == "Daphne" and response.status_code == 500:
            why = _(
                "Daphne is stricter than uvicorn about types: header names and values, and the body, must all "
                'be bytes (`b"..."`).'
            )
        fail(
            _(
                "{server} answered {what} with status {status}, expected 200. {why}",
                server=server,
                what=what,
                status=response.status_code,
                why=why,
            ).strip()
        )
    if spy is not None and _problem(spy):
        fail(_problem(spy))
    if response.content != GREETING:
        fail(
            _(
                "{server} answered {what} with the body {body!r}; expected {greeting!r}, exactly "
                "(no newline or extra text). Put it in `http.response.body` as bytes.",
                server=server,
                what=what,
                body=response.content,
                greeting=GREETING,
            )
        )
    content_type = response.headers.get("content-type", "")
    if content_type.replace(" ", "").lower() != "text/plain;charset=utf-8":
        fail(
            _(
                "The response's content-type is {content_type!r}; expected 'text/plain; charset=utf-8'. Send it in "
                '`http.response.start`: `"headers": [(b"content-type", b"text/plain; charset=utf-8")]`.',
                content_type=content_type,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_says_hello_under_uvicorn(server: AppSlot) -> None:
    """uvicorn serves it: GET / and GET /any/path answer 200 "Hello, ASGI!" as text/plain"""
    app = require_asgi_app()
    _set_delay(load_exercise(), 0.01)
    spy = RecordingApp(app)

    async def scenario(base: str) -> None:
        async with _client() as client:
            for path in ("/", "/any/path?x=1"):
                try:
                    response = await client.get(base + path)
                except httpx.HTTPError as exc:
                    why = _explain(spy, f"GET {path}") or _("Did your app send a complete response?")
                    fail(
                        _(
                            "GET {path} failed on the client side ({error_type}: {exc}). {why}",
                            path=path,
                            error_type=type(exc).__name__,
                            exc=exc,
                            why=why,
                        )
                    )
                _check_hello(response, spy, "uvicorn")

    server.app = spy
    run_async(scenario(server.base), within=4, what=_("Your app (serving GET /)"))


def test_waits_without_blocking(server: AppSlot) -> None:
    """5 requests at once, each waiting 0.3 s, are served together in well under 1 s"""
    app = require_asgi_app()
    _set_delay(load_exercise(), DELAY)
    spy = RecordingApp(app, heartbeat=True)

    async def one(client: httpx.AsyncClient, base: str, index: int) -> float:
        with Stopwatch() as watch:
            response = await client.get(f"{base}/request/{index}")
        _check_hello(response, spy, "uvicorn")
        return watch.elapsed

    async def scenario(base: str) -> tuple[list[float], float]:
        async with _client() as client:
            await one(client, base, 0)  # warm up: the first request pays for connecting
            spy.reset_measures()
            with Stopwatch() as watch:
                times = await asyncio.gather(*(one(client, base, i) for i in range(1, CONCURRENT + 1)))
            return list(times), watch.elapsed

    server.app = spy
    times, total = run_async(scenario(server.base), within=6, what=_("{count} requests at once", count=CONCURRENT))
    if min(times) < DELAY * 0.9:
        fail(
            _(
                "A request was answered after {fastest:.2f} s, but with `delay = {delay}` your app should wait "
                "{delay} s before answering. Read the module-level `delay` when a request arrives: "
                "`await asyncio.sleep(delay)`.",
                fastest=min(times),
                delay=DELAY,
            )
        )
    if spy.max_gap > BLOCKED:
        fail(
            _(
                "Something blocked the server's event loop for {gap_ms:.0f} ms while your app "
                "answered. A blocking call such as `time.sleep(delay)` inside `async def app` freezes every "
                "other request on that loop (the {count} requests were served one after another, "
                "{total:.2f} s in all). Wait with `await asyncio.sleep(delay)`.",
                gap_ms=spy.max_gap * 1000,
                count=CONCURRENT,
                total=total,
            )
        )
    if spy.peak < 2:
        fail(
            _(
                "The {count} requests sent at once were handled one at a time by your app ({total:.2f} s in "
                "all). While one request waits, the others should be inside `app` too: wait with "
                "`await asyncio.sleep(delay)`, not with a lock or a blocking call.",
                count=CONCURRENT,
                total=total,
            )
        )
    if total >= 1.0:
        fail(
            _(
                "{count} requests of {delay} s each took {total:.2f} s together; waiting concurrently they "
                "take about {delay} s. Is something else in `app` waiting or blocking?",
                count=CONCURRENT,
                delay=DELAY,
                total=total,
            )
        )


def test_says_hello_under_daphne() -> None:
    """Daphne serves the same app: GET / answers 200 "Hello, ASGI!" as text/plain"""
    require_asgi_app()  # a broken app fails above with a better message than Daphne's log

    async def scenario(base: str, tail: Any) -> None:
        async with _client(timeout=2.0) as client:
            try:
                response = await client.get(base + "/")
            except httpx.HTTPError as exc:
                fail(
                    _(
                        "GET / under Daphne failed on the client side ({error_type}). Daphne waits for a "
                        "body of bytes that never came; is `body` bytes? Daphne's log ends with:\n{log}",
                        error_type=type(exc).__name__,
                        log=tail(),
                    )
                )
            _check_hello(response, None, "Daphne", tail())

    with serve_daphne() as (base, tail):
        run_async(scenario(base, tail), within=5, what=_("Your app under Daphne"))
