"""Checks for lesson 8, exercise `echo.py`: a websocket echo, under uvicorn and under Daphne."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from tutor.checkkit import fail, learner_file, load_exercise, run_async

LEAVE_WITHIN = 2.0  # seconds the app gets to return after its client left


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
        fail("Your file has no module-level `app`: keep `async def app(scope, receive, send):`.")
    target = app if inspect.isroutine(app) else type(app).__call__
    if inspect.isclass(app) or not inspect.iscoroutinefunction(target):
        fail(
            "`app` must be an ASGI application: `async def app(scope, receive, send):` (or an instance of a class "
            "with `async def __call__`)."
        )
    return app


class _Spy:
    """Wraps the learner's app inside the server: records the errors it raises and the order of the
    messages it sends, and counts the connections whose app is still running."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.errors: list[str] = []
        self.sent_first: list[str] = []  # per connection: the type of the first message the app sent
        self.active = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        first: list[str] = []

        async def recording_send(message: dict[str, Any]) -> None:
            if not first:
                first.append(str(message.get("type")))
                self.sent_first.append(first[0])
            await send(message)

        self.active += 1
        try:
            await self.app(scope, receive, recording_send)
        except Exception as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}{_where(exc)}")
            raise
        finally:
            self.active -= 1


class _Slot:
    """The app the check's one uvicorn server serves: each check puts its own (wrapped) app in."""

    def __init__(self) -> None:
        self.app: Any = None
        self.base = ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            await self.app(scope, receive, send)


@contextlib.contextmanager
def _uvicorn(app: Any) -> Iterator[str]:
    """uvicorn on 127.0.0.1 (a free port) in a thread; stopped at the end even if a response never ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, lifespan="off", log_level="critical", timeout_graceful_shutdown=0.5)
    server = uvicorn.Server(config)
    loop = asyncio.new_event_loop()
    task = loop.create_task(server.serve(sockets=[sock]))

    def run() -> None:
        asyncio.set_event_loop(loop)
        with contextlib.suppress(BaseException):
            loop.run_until_complete(task)
        leftovers = asyncio.all_tasks(loop)
        for leftover in leftovers:
            leftover.cancel()
        if leftovers:
            with contextlib.suppress(BaseException):
                loop.run_until_complete(asyncio.wait(leftovers, timeout=1))
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 5
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                fail("The check's uvicorn server did not start within 5 s.")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=2)
        if thread.is_alive():  # stuck: cancel the server outright (a loop frozen by a blocking call stays stuck)
            loop.call_soon_threadsafe(task.cancel)
            thread.join(timeout=1)
        sock.close()


@pytest.fixture(scope="module")
def server() -> Iterator[_Slot]:
    """One uvicorn server for the whole check file, always stopped at the end."""
    slot = _Slot()
    with _uvicorn(slot) as base:
        slot.base = base
        yield slot


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
        yield f"ws://127.0.0.1:{port}", tail
    finally:
        process.kill()
        process.wait(timeout=5)
        log.close()


def _ws(base: str) -> str:
    return base.replace("http://", "ws://", 1)


async def _open(url: str, spy: _Spy | None, server: str = "uvicorn") -> ClientConnection:
    """Open a websocket (never through a proxy), failing with what went wrong in the handshake."""
    path = "/" + url.split("/", 3)[-1]
    try:
        return await connect(url, open_timeout=1, close_timeout=1, proxy=None)
    except InvalidStatus as exc:
        status = exc.response.status_code
        why = ""
        if spy is not None and spy.sent_first and spy.sent_first[-1] != "websocket.accept":
            why = f" Your app's first message was {spy.sent_first[-1]!r}, before any `websocket.accept`."
        elif spy is not None and spy.errors:
            why = f" Your app raised {spy.errors[-1].rstrip('.')}."
        fail(
            f"{server} refused the websocket on {path} with HTTP {status}.{why} Answer the `websocket.connect` "
            f'message with `{{"type": "websocket.accept"}}` before sending anything else.'
        )
    except (InvalidHandshake, OSError, TimeoutError) as exc:
        why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy is not None and spy.errors else ""
        fail(
            f"The websocket handshake on {path} did not complete ({type(exc).__name__}: {exc}).{why} Await "
            f'`receive()` for `websocket.connect`, then send `{{"type": "websocket.accept"}}`.'
        )


async def _echo(socket_: ClientConnection, sent: str | bytes, spy: _Spy | None, server: str = "uvicorn") -> None:
    """Send one message and expect it back unchanged, within 1 s."""
    await socket_.send(sent)
    try:
        async with asyncio.timeout(1):
            got = await socket_.recv()
    except TimeoutError:
        fail(
            f"{server}: nothing came back within 1 s after sending {sent!r}. For each `websocket.receive`, send "
            f'the same data back: `{{"type": "websocket.send", "text": message["text"]}}`.'
        )
    except ConnectionClosed as exc:
        why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy is not None and spy.errors else ""
        kind = "binary" if isinstance(sent, bytes) else "text"
        hint = (
            " A binary message has its data under `bytes` (and `text` is None or missing): send bytes back with "
            '`"bytes": message["bytes"]`.'
            if kind == "binary"
            else ""
        )
        fail(f"{server} closed the connection after the {kind} message {sent!r} ({exc}).{why}{hint}")
    if got != sent:
        if isinstance(sent, bytes) and isinstance(got, str):
            fail(
                f"The binary message {sent!r} came back as text ({got!r}). Echo bytes as bytes: "
                f'`{{"type": "websocket.send", "bytes": message["bytes"]}}`.'
            )
        fail(f"{server}: sent {sent!r}, got back {got!r}; an echo sends back exactly what it received.")


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    _asgi_app()


def test_echoes_text(server: _Slot) -> None:
    """a client on /echo gets every text message back, in order"""
    spy = _Spy(_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            for text in ("hello", "ASGI", "héllo wörld ✓"):
                await _echo(ws, text, spy)
            for text in ("one", "two", "three"):
                await ws.send(text)
            try:
                async with asyncio.timeout(1):
                    got = [await ws.recv() for _ in range(3)]
            except (TimeoutError, ConnectionClosed):
                fail("Three messages sent quickly did not all come back within 1 s: echo each one as it arrives.")
            if got != ["one", "two", "three"]:
                fail(f"Three messages sent quickly came back as {got!r}; expected ['one', 'two', 'three'].")

    run_async(scenario, within=6, what="Your websocket echo")


def test_echoes_bytes(server: _Slot) -> None:
    """binary messages come back as binary"""
    spy = _Spy(_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            await _echo(ws, b"\x00\x01binary\xff", spy)
            await _echo(ws, "text again", spy)

    run_async(scenario, within=5, what="Your websocket echo")


def test_returns_when_the_client_leaves(server: _Slot) -> None:
    """when the client disconnects, the app returns within 2 s"""
    spy = _Spy(_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            await _echo(ws, "bye soon", spy)
        deadline = time.monotonic() + LEAVE_WITHIN
        while spy.active and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    run_async(scenario, within=6, what="Your websocket echo")
    if spy.active:
        fail(
            f"Your app was still running {LEAVE_WITHIN:g} s after its client disconnected. When `receive()` gives "
            f'`{{"type": "websocket.disconnect"}}`, the connection is over: return from `app`.'
        )
    if spy.errors:
        fail(f"Your app raised {spy.errors[0]} when its client left; on `websocket.disconnect`, simply return.")


def test_other_paths_are_refused(server: _Slot) -> None:
    """a websocket on another path (/chat) is refused in the handshake with 403"""
    spy = _Spy(_asgi_app())
    server.app = spy

    async def scenario() -> None:
        try:
            async with connect(_ws(server.base) + "/chat", open_timeout=1, close_timeout=1, proxy=None):
                fail(
                    "Your app accepted a websocket on /chat, but only /echo exists. Refuse the others: answer their "
                    '`websocket.connect` with `{"type": "websocket.close"}` instead of accepting; the server '
                    "then answers the handshake with 403."
                )
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status != 403:
                why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy.errors else ""
                fail(
                    f"A websocket on /chat was refused with HTTP {status}, expected 403.{why} Send "
                    f'`{{"type": "websocket.close"}}` in answer to `websocket.connect`.'
                )
        except (InvalidHandshake, OSError, TimeoutError) as exc:
            fail(f"The handshake on /chat went wrong ({type(exc).__name__}: {exc}); refuse it with `websocket.close`.")

    run_async(scenario, within=5, what="Your app (refusing /chat)")


def test_echo_under_daphne() -> None:
    """Daphne serves the same echo: text and bytes come back"""
    _asgi_app()  # a broken app fails above with a better message than Daphne's log

    async def scenario(base: str, tail: Any) -> None:
        try:
            async with await _open(base + "/echo", None, "Daphne") as ws:
                await _echo(ws, "hello Daphne", None, "Daphne")
                await _echo(ws, b"\x01\x02", None, "Daphne")
        except AssertionError as exc:
            fail(f"{exc}\nDaphne's log ends with:\n{tail()}")

    with _daphne() as (base, tail):
        run_async(scenario(base, tail), within=6, what="Your echo under Daphne")
