"""Checks for lesson 7, exercise `hello_asgi.py`: a raw ASGI app, served by uvicorn and by Daphne."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tutor.checkkit import Stopwatch, fail, learner_file, load_exercise, run_async, serve_asgi

GREETING = b"Hello, ASGI!"
DELAY = 0.3
CONCURRENT = 5
BLOCKED = 0.2  # a gap in the server's loop above this means something blocked it


# --- helpers (local to this check) --------------------------------------------------------
def _where(exc: BaseException) -> str:
    """Where the learner's file appears last in the traceback: ' (line N of file.py: `code`)'."""
    path = str(learner_file())
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == path:
            return f" (line {frame.lineno} of {Path(path).name}: `{(frame.line or '').strip()}`)"
    return ""


def _asgi_app() -> Any:
    """The learner's `app`, failing with a teaching message when it is not an ASGI callable."""
    app = getattr(load_exercise(), "app", None)
    if app is None:
        fail(
            "Your file has no module-level `app`. A server imports `app` from your file and calls it "
            "for every connection: keep `async def app(scope, receive, send):`."
        )
    if inspect.isclass(app):
        fail(
            "`app` is a class. The server calls `app(scope, receive, send)` and awaits the result, so "
            "give it an instance: `app = YourApp()`, with `async def __call__(self, scope, receive, send)`."
        )
    if not callable(app):
        fail(f"`app` should be an ASGI application (a callable), but it is a {type(app).__name__}.")
    target = app if inspect.isroutine(app) else app.__call__
    try:
        positional = [
            p
            for p in inspect.signature(app).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        positional = []
    if len(positional) == 2 and not inspect.iscoroutinefunction(target):
        fail(
            "`app` takes two arguments, like a WSGI application `(environ, start_response)`. An ASGI "
            "application takes three, `(scope, receive, send)`, and is `async def`: it awaits `receive()` "
            "and `send(...)` instead of returning the body."
        )
    if not inspect.iscoroutinefunction(target):
        fail(
            "`app` must be a coroutine function: `async def app(scope, receive, send):`. The server "
            "awaits it, and only `async def` code can `await send(...)`."
        )
    if positional and len(positional) != 3:
        fail(f"`app` takes {len(positional)} arguments; an ASGI application takes three: `(scope, receive, send)`.")
    return app


def _problem_in(message: Any, started: bool) -> str:
    """What is wrong with one message an HTTP app sends ('' when nothing is)."""
    if not isinstance(message, dict):
        return f"Your app called `send` with a {type(message).__name__}; every ASGI message is a dict with a `type`."
    kind = message.get("type")
    if not started:
        if kind != "http.response.start":
            return (
                f"Your app's first message was {kind!r}, but a response must begin with "
                f"`http.response.start` (the status and headers); only then may `http.response.body` "
                f"messages follow. Send the start first."
            )
        for pair in message.get("headers", []):
            if not (isinstance(pair, (tuple, list)) and len(pair) == 2 and all(isinstance(x, bytes) for x in pair)):
                return (
                    f"In `http.response.start`, the header {pair!r} is not a pair of bytes: ASGI header "
                    f'names and values must be bytes, `(b"content-type", b"text/plain; charset=utf-8")`. '
                    f"uvicorn happens to accept text here, but Daphne answers 500."
                )
        if not isinstance(message.get("status"), int):
            return f"`status` in `http.response.start` must be an int such as 200, not {message.get('status')!r}."
    elif kind == "http.response.body" and not isinstance(message.get("body", b""), bytes):
        body = message.get("body")
        return (
            f"The `body` of `http.response.body` must be bytes, but it was a {type(body).__name__} ({body!r}). "
            f'Write `b"Hello, ASGI!"`, or encode text: `"Hello, ASGI!".encode()`.'
        )
    return ""


class _Spy:
    """Wraps the learner's app inside the server: records protocol mistakes and errors, counts the
    requests inside the app at once, and keeps a heartbeat in the server's event loop."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.problems: list[str] = []
        self.errors: list[str] = []
        self.active = 0
        self.peak = 0
        self.max_gap = 0.0
        self.last_beat = 0.0
        self._beat: asyncio.Task[None] | None = None

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            self.max_gap = max(self.max_gap, now - self.last_beat - 0.01)
            self.last_beat = now

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if self._beat is None:
            self.last_beat = time.monotonic()  # from now on, any stall of the loop counts
            self._beat = asyncio.create_task(self._heartbeat())
        started = False

        async def checked_send(message: Any) -> None:
            nonlocal started
            problem = _problem_in(message, started)
            if problem and not self.problems:
                self.problems.append(problem)
            if isinstance(message, dict) and message.get("type") == "http.response.start":
                started = True
            await send(message)

        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            await self.app(scope, receive, checked_send)
        except Exception as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}{_where(exc)}")
            raise
        finally:
            self.active -= 1

    def explain(self, what: str) -> str:
        """The most useful explanation of a broken response, for a failure message."""
        if self.problems:
            return self.problems[0]
        if self.errors:
            return f"Your app raised {self.errors[0]} while answering {what}."
        return ""


class _Slot:
    """The app the check's one uvicorn server serves: each check puts its own (wrapped) app in."""

    def __init__(self) -> None:
        self.app: Any = None
        self.base = ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def server() -> Iterator[_Slot]:
    """One uvicorn server on 127.0.0.1 for the whole check file, always stopped at the end."""
    slot = _Slot()
    with serve_asgi(slot) as base:
        # The spy reports the app's errors with the learner's line; uvicorn's traceback would only repeat it.
        logging.getLogger("uvicorn.error").setLevel(logging.CRITICAL)
        slot.base = base
        yield slot


def _client(timeout: float = 3.0) -> httpx.AsyncClient:
    # trust_env=False: never send the check's loopback requests through a proxy from the environment.
    return httpx.AsyncClient(timeout=httpx.Timeout(timeout), trust_env=False)


def _set_delay(module: Any, value: float) -> None:
    if not hasattr(module, "delay"):
        fail("Keep the module-level `delay = 0.3` in your file: the check sets it to shorten or lengthen the wait.")
    module.delay = value


def _check_hello(response: httpx.Response, spy: _Spy | None, server: str, log: str = "") -> None:
    what = f"GET {response.request.url.path}"
    if response.status_code != 200:
        why = spy.explain(what) if spy else ""
        if response.status_code == 501 and not why:
            why = "501 is the placeholder answer the exercise starts with: replace it with your response."
        if not why and ("Error" in log or "Traceback" in log):
            why = f"Daphne's log ends with:\n{log}"
        if not why and server == "Daphne" and response.status_code == 500:
            why = (
                "Daphne is stricter than uvicorn about types: header names and values, and the body, must all "
                'be bytes (`b"..."`).'
            )
        fail(f"{server} answered {what} with status {response.status_code}, expected 200. {why}".strip())
    if spy is not None and spy.problems:
        fail(spy.problems[0])
    if response.content != GREETING:
        fail(
            f"{server} answered {what} with the body {response.content!r}; expected {GREETING!r}, exactly "
            f"(no newline or extra text). Put it in `http.response.body` as bytes."
        )
    content_type = response.headers.get("content-type", "")
    if content_type.replace(" ", "").lower() != "text/plain;charset=utf-8":
        fail(
            f"The response's content-type is {content_type!r}; expected 'text/plain; charset=utf-8'. Send it in "
            f'`http.response.start`: `"headers": [(b"content-type", b"text/plain; charset=utf-8")]`.'
        )


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    _asgi_app()


def test_says_hello_under_uvicorn(server: _Slot) -> None:
    """uvicorn serves it: GET / and GET /any/path answer 200 "Hello, ASGI!" as text/plain"""
    app = _asgi_app()
    _set_delay(load_exercise(), 0.01)
    spy = _Spy(app)

    async def scenario(base: str) -> None:
        async with _client() as client:
            for path in ("/", "/any/path?x=1"):
                try:
                    response = await client.get(base + path)
                except httpx.HTTPError as exc:
                    why = spy.explain(f"GET {path}") or "Did your app send a complete response?"
                    fail(f"GET {path} failed on the client side ({type(exc).__name__}: {exc}). {why}")
                _check_hello(response, spy, "uvicorn")

    server.app = spy
    run_async(scenario(server.base), within=4, what="Your app (serving GET /)")


def test_waits_without_blocking(server: _Slot) -> None:
    """5 requests at once, each waiting 0.3 s, are served together in well under 1 s"""
    app = _asgi_app()
    _set_delay(load_exercise(), DELAY)
    spy = _Spy(app)

    async def one(client: httpx.AsyncClient, base: str, index: int) -> float:
        with Stopwatch() as watch:
            response = await client.get(f"{base}/request/{index}")
        _check_hello(response, spy, "uvicorn")
        return watch.elapsed

    async def scenario(base: str) -> tuple[list[float], float]:
        async with _client() as client:
            await one(client, base, 0)  # warm up: the first request pays for connecting
            spy.max_gap, spy.peak = 0.0, 0
            with Stopwatch() as watch:
                times = await asyncio.gather(*(one(client, base, i) for i in range(1, CONCURRENT + 1)))
            return list(times), watch.elapsed

    server.app = spy
    times, total = run_async(scenario(server.base), within=6, what=f"{CONCURRENT} requests at once")
    if min(times) < DELAY * 0.9:
        fail(
            f"A request was answered after {min(times):.2f} s, but with `delay = {DELAY}` your app should wait "
            f"{DELAY} s before answering. Read the module-level `delay` when a request arrives: "
            f"`await asyncio.sleep(delay)`."
        )
    if spy.max_gap > BLOCKED:
        fail(
            f"Something blocked the server's event loop for {spy.max_gap * 1000:.0f} ms while your app "
            f"answered. A blocking call such as `time.sleep(delay)` inside `async def app` freezes every "
            f"other request on that loop (the {CONCURRENT} requests were served one after another, "
            f"{total:.2f} s in all). Wait with `await asyncio.sleep(delay)`."
        )
    if spy.peak < 2:
        fail(
            f"The {CONCURRENT} requests sent at once were handled one at a time by your app ({total:.2f} s in "
            f"all). While one request waits, the others should be inside `app` too: wait with "
            f"`await asyncio.sleep(delay)`, not with a lock or a blocking call."
        )
    if total >= 1.0:
        fail(
            f"{CONCURRENT} requests of {DELAY} s each took {total:.2f} s together; waiting concurrently they "
            f"take about {DELAY} s. Is something else in `app` waiting or blocking?"
        )


@contextlib.contextmanager
def _daphne(within: float = 8.0) -> Iterator[tuple[str, Any]]:
    """Run `daphne <module>:app` on 127.0.0.1 (a free port) in a child process; always kill it."""
    path = learner_file()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path.parent), env.get("PYTHONPATH")]))
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), f"{path.stem}:app"]
    process = subprocess.Popen(command, cwd=path.parent, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log)

    def tail() -> str:
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
        return "\n".join(lines[-6:])

    try:
        deadline = time.monotonic() + within
        while True:
            if process.poll() is not None:
                fail(f"Daphne stopped before serving your app (exit code {process.returncode}). Its log:\n{tail()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail(f"Daphne did not start within {within:g} s. Its log:\n{tail()}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", tail
    finally:
        process.kill()
        process.wait(timeout=5)
        log.close()


def test_says_hello_under_daphne() -> None:
    """Daphne serves the same app: GET / answers 200 "Hello, ASGI!" as text/plain"""
    _asgi_app()  # a broken app fails above with a better message than Daphne's log

    async def scenario(base: str, tail: Any) -> None:
        async with _client(timeout=2.0) as client:
            try:
                response = await client.get(base + "/")
            except httpx.HTTPError as exc:
                fail(
                    f"GET / under Daphne failed on the client side ({type(exc).__name__}). Daphne waits for a "
                    f"body of bytes that never came; is `body` bytes? Daphne's log ends with:\n{tail()}"
                )
            _check_hello(response, None, "Daphne", tail())

    with _daphne() as (base, tail):
        run_async(scenario(base, tail), within=5, what="Your app under Daphne")
