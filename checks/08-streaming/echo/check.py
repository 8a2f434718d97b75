"""Checks for lesson 8, exercise `echo.py`: a websocket echo, under uvicorn and under Daphne."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from tutor.checkkit import AppSlot, RecordingApp, _, fail, require_asgi_app, run_async, serve_daphne

LEAVE_WITHIN = 2.0  # seconds the app gets to return after its client left


# --- helpers (local to this check) --------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server for the whole check file, always stopped at the end."""
    with AppSlot(("http", "websocket")).serve() as slot:
        yield slot


def _ws(base: str) -> str:
    return base.replace("http://", "ws://", 1)


async def _open(url: str, spy: RecordingApp | None, server: str = "uvicorn") -> ClientConnection:
    """Open a websocket (never through a proxy), failing with what went wrong in the handshake."""
    path = "/" + url.split("/", 3)[-1]
    try:
        return await connect(url, open_timeout=1, close_timeout=1, proxy=None)
    except InvalidStatus as exc:
        status = exc.response.status_code
        why = ""
        firsts = [sent[0] for sent in spy.sent if sent] if spy is not None else []  # per connection that sent
        first = str(firsts[-1].get("type")) if firsts and isinstance(firsts[-1], dict) else None
        if first is not None and first != "websocket.accept":
            why = _(" Your app's first message was {first!r}, before any `websocket.accept`.", first=first)
        elif spy is not None and spy.errors:
            why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip("."))
        fail(
            _(
                "{server} refused the websocket on {path} with HTTP {status}.{why} Answer the `websocket.connect` "
                'message with `{{"type": "websocket.accept"}}` before sending anything else.',
                server=server,
                path=path,
                status=status,
                why=why,
            )
        )
    except (InvalidHandshake, OSError, TimeoutError) as exc:
        why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy is not None and spy.errors else ""
        fail(
            _(
                "The websocket handshake on {path} did not complete ({error_type}: {exc}).{why} Await "
                '`receive()` for `websocket.connect`, then send `{{"type": "websocket.accept"}}`.',
                path=path,
                error_type=type(exc).__name__,
                exc=exc,
                why=why,
            )
        )


async def _echo(
    socket_: ClientConnection, sent: str | bytes, spy: RecordingApp | None, server: str = "uvicorn"
) -> None:
    """Send one message and expect it back unchanged, within 1 s."""
    await socket_.send(sent)
    try:
        async with asyncio.timeout(1):
            got = await socket_.recv()
    except TimeoutError:
        fail(
            _(
                "{server}: nothing came back within 1 s after sending {sent!r}. For each `websocket.receive`, send "
                'the same data back: `{{"type": "websocket.send", "text": message["text"]}}`.',
                server=server,
                sent=sent,
            )
        )
    except ConnectionClosed as exc:
        why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy is not None and spy.errors else ""
        if isinstance(sent, bytes):
            hint = _(
                " A binary message has its data under `bytes` (and `text` is None or missing): send bytes back with "
                '`"bytes": message["bytes"]`.'
            )
            fail(
                _(
                    "{server} closed the connection after the binary message {sent!r} ({exc}).{why}{hint}",
                    server=server,
                    sent=sent,
                    exc=exc,
                    why=why,
                    hint=hint,
                )
            )
        fail(
            _(
                "{server} closed the connection after the text message {sent!r} ({exc}).{why}",
                server=server,
                sent=sent,
                exc=exc,
                why=why,
            )
        )
    if got != sent:
        if isinstance(sent, bytes) and isinstance(got, str):
            fail(
                _(
                    "The binary message {sent!r} came back as text ({got!r}). Echo bytes as bytes: "
                    '`{{"type": "websocket.send", "bytes": message["bytes"]}}`.',
                    sent=sent,
                    got=got,
                )
            )
        fail(
            _(
                "{server}: sent {sent!r}, got back {got!r}; an echo sends back exactly what it received.",
                server=server,
                sent=sent,
                got=got,
            )
        )


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_echoes_text(server: AppSlot) -> None:
    """a client on /echo gets every text message back, in order"""
    spy = RecordingApp(require_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            for text in ("hello", "ASGI", "héllo wörld ✓"):
                await _echo(ws, text, spy)
            for text in ("one", "two", "three"):
                await ws.send(text)
            try:
                async with asyncio.timeout(1):
                    got = [await ws.recv() for _message in range(3)]
            except (TimeoutError, ConnectionClosed):
                fail(_("Three messages sent quickly did not all come back within 1 s: echo each one as it arrives."))
            if got != ["one", "two", "three"]:
                fail(_("Three messages sent quickly came back as {got!r}; expected ['one', 'two', 'three'].", got=got))

    run_async(scenario, within=6, what=_("Your websocket echo"))


def test_echoes_bytes(server: AppSlot) -> None:
    """binary messages come back as binary"""
    spy = RecordingApp(require_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            await _echo(ws, b"\x00\x01binary\xff", spy)
            await _echo(ws, "text again", spy)

    run_async(scenario, within=5, what=_("Your websocket echo"))


def test_returns_when_the_client_leaves(server: AppSlot) -> None:
    """when the client disconnects, the app returns within 2 s"""
    spy = RecordingApp(require_asgi_app())
    server.app = spy

    async def scenario() -> None:
        async with await _open(_ws(server.base) + "/echo", spy) as ws:
            await _echo(ws, "bye soon", spy)
        deadline = time.monotonic() + LEAVE_WITHIN
        while spy.active and time.monotonic() < deadline:
            await asyncio.sleep(0.02)

    run_async(scenario, within=6, what=_("Your websocket echo"))
    if spy.active:
        fail(
            _(
                "Your app was still running {within:g} s after its client disconnected. When `receive()` gives "
                '`{{"type": "websocket.disconnect"}}`, the connection is over: return from `app`.',
                within=LEAVE_WITHIN,
            )
        )
    if spy.errors:
        fail(
            _(
                "Your app raised {error} when its client left; on `websocket.disconnect`, simply return.",
                error=spy.errors[0],
            )
        )


def test_other_paths_are_refused(server: AppSlot) -> None:
    """a websocket on another path (/chat) is refused in the handshake with 403"""
    spy = RecordingApp(require_asgi_app())
    server.app = spy

    async def scenario() -> None:
        try:
            async with connect(_ws(server.base) + "/chat", open_timeout=1, close_timeout=1, proxy=None):
                fail(
                    _(
                        "Your app accepted a websocket on /chat, but only /echo exists. Refuse the others: answer "
                        'their `websocket.connect` with `{"type": "websocket.close"}` instead of accepting; the server '
                        "then answers the handshake with 403."
                    )
                )
        except InvalidStatus as exc:
            status = exc.response.status_code
            if status != 403:
                why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy.errors else ""
                fail(
                    _(
                        "A websocket on /chat was refused with HTTP {status}, expected 403.{why} Send "
                        '`{{"type": "websocket.close"}}` in answer to `websocket.connect`.',
                        status=status,
                        why=why,
                    )
                )
        except (InvalidHandshake, OSError, TimeoutError) as exc:
            fail(
                _(
                    "The handshake on /chat went wrong ({error_type}: {exc}); refuse it with `websocket.close`.",
                    error_type=type(exc).__name__,
                    exc=exc,
                )
            )

    run_async(scenario, within=5, what=_("Your app (refusing /chat)"))


def test_echo_under_daphne() -> None:
    """Daphne serves the same echo: text and bytes come back"""
    require_asgi_app()  # a broken app fails above with a better message than Daphne's log

    async def scenario(base: str, tail: Any) -> None:
        try:
            async with await _open(base + "/echo", None, "Daphne") as ws:
                await _echo(ws, "hello Daphne", None, "Daphne")
                await _echo(ws, b"\x01\x02", None, "Daphne")
        except AssertionError as exc:
            fail(_("{failure}\nDaphne's log ends with:\n{log}", failure=exc, log=tail()))

    with serve_daphne() as (base, tail):
        run_async(scenario(_ws(base), tail), within=6, what=_("Your echo under Daphne"))
