"""Checks for lesson 8, exercise `chat.py`: a websocket chat room that broadcasts to every member."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from tutor.checkkit import AppSlot, RecordingApp, fail, load_exercise, require_asgi_app, run_async

LEAVE_WITHIN = 2.0  # seconds the app gets to return after its client left


# --- helpers (local to this check) --------------------------------------------------------
@pytest.fixture(scope="module")
def server() -> Iterator[AppSlot]:
    """One uvicorn server for the whole check file, always stopped at the end."""
    with AppSlot(("http", "websocket")).serve() as slot:
        yield slot


def _ws(base: str) -> str:
    return base.replace("http://", "ws://", 1)


def _room(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The learner's module with an empty `room`."""
    module = load_exercise()
    room = getattr(module, "room", None)
    if room is None or not hasattr(room, "__len__"):
        fail(
            "Keep the module-level `room`, a set (or another collection) of the members connected now: "
            "the check reads `len(room)`."
        )
    with contextlib.suppress(AttributeError, TypeError):
        room.clear()
    return module


class _Member:
    """One chat client: a name, its websocket, and what it has received."""

    def __init__(self, name: str, ws: ClientConnection) -> None:
        self.name, self.ws = name, ws

    async def expect(self, text: str, spy: RecordingApp, sender: str) -> None:
        try:
            async with asyncio.timeout(1):
                got = await self.ws.recv()
        except TimeoutError:
            raise _Missed(self.name) from None
        except ConnectionClosed:
            why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy.errors else ""
            fail(f"{self.name}'s connection was closed while waiting for {sender}'s message.{why}")
        if got != text:
            fail(
                f"{self.name} received {got!r}; expected {text!r}: the sender's name (from `?name=`), a colon and a "
                f"space, then the text."
            )


class _Missed(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


async def _join(base: str, name: str | None, spy: RecordingApp) -> _Member:
    url = _ws(base) + "/chat" + (f"?name={name}" if name else "")
    try:
        ws = await connect(url, open_timeout=1, close_timeout=1, proxy=None)
    except InvalidStatus as exc:
        why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy.errors else ""
        fail(
            f"The websocket on /chat was refused with HTTP {exc.response.status_code}.{why} Answer "
            f'`websocket.connect` with `{{"type": "websocket.accept"}}`.'
        )
    except (InvalidHandshake, OSError, TimeoutError) as exc:
        fail(f"Joining /chat failed ({type(exc).__name__}: {exc}). Accept the websocket on `websocket.connect`.")
    return _Member(name or "anonymous", ws)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


async def _say(sender: _Member, text: str, members: list[_Member], spy: RecordingApp) -> None:
    """`sender` says `text`; every one of `members` must receive it, within 1 s each."""
    await sender.ws.send(text)
    line = f"{sender.name}: {text}"
    outcomes = await asyncio.gather(*(m.expect(line, spy, sender.name) for m in members), return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, _Missed):
            raise outcome
    missed = [outcome.name for outcome in outcomes if isinstance(outcome, _Missed)]
    if not missed:
        return
    got = [m.name for m in members if m.name not in missed]
    if got == [sender.name]:
        fail(
            f"Only {sender.name}, the sender, got {line!r}; {_names(missed)} got nothing. Your app answers on the "
            f"sender's own `send`, like an echo. Keep every member's `send` in `room` when it joins, and send each "
            f"message to all of them (`broadcast`)."
        )
    if sender.name in missed and len(missed) == 1:
        fail(f"Everyone but {sender.name} got {line!r}; in this room the sender sees its own message too.")
    if not got:
        why = f" Your app raised {spy.errors[-1].rstrip('.')}." if spy.errors else ""
        fail(f"Nobody got {sender.name}'s message {text!r} within 1 s.{why} Send it to every member of `room`.")
    fail(
        f"{sender.name}'s message reached {_names(got)} but not {_names(missed)}. `room` must hold every member "
        f"connected now (add each one's `send` when it joins), and `broadcast` must send to all of them."
    )


async def _close_all(members: list[_Member]) -> None:
    for member in members:
        with contextlib.suppress(Exception):
            await member.ws.close()


async def _settle(spy: RecordingApp, active: int, within: float = 0.5) -> bool:
    """Wait (up to `within` s) until only `active` connections' apps are still running."""
    deadline = time.monotonic() + within
    while spy.active > active and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    return spy.active <= active


# --- the checks -----------------------------------------------------------------------------


def test_app_is_an_asgi_callable() -> None:
    """app is an ASGI application: `async def app(scope, receive, send)`"""
    require_asgi_app()


def test_message_reaches_everyone(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """a message from Ada reaches Ada, Bob and Cy as "Ada: hello\""""
    spy = RecordingApp(require_asgi_app())
    _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        members: list[_Member] = []
        try:
            for name in ("Ada", "Bob", "Cy"):
                members.append(await _join(server.base, name, spy))
            await asyncio.sleep(0.05)  # let the last one settle into the room
            await _say(members[0], "hello", members, spy)
        finally:
            await _close_all(members)
            await _settle(spy, 0)

    run_async(scenario, within=8, what="Your chat room")


def test_everyone_can_talk(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bob and Cy talk too; each member sees every message, in order"""
    spy = RecordingApp(require_asgi_app())
    _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        members: list[_Member] = []
        try:
            for name in ("Ada", "Bob", "Cy"):
                members.append(await _join(server.base, name, spy))
            await asyncio.sleep(0.05)
            await _say(members[1], "hi all", members, spy)
            await _say(members[2], "hey Bob", members, spy)
            await _say(members[2], "how are you?", members, spy)
        finally:
            await _close_all(members)
            await _settle(spy, 0)

    run_async(scenario, within=8, what="Your chat room")


def test_leaving_member(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """when Cy leaves, the room shrinks to 2 and Ada and Bob chat on"""
    spy = RecordingApp(require_asgi_app())
    module = _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        members: list[_Member] = []
        try:
            for name in ("Ada", "Bob", "Cy"):
                members.append(await _join(server.base, name, spy))
            await asyncio.sleep(0.05)
            if len(module.room) != 3:
                fail(
                    f"With Ada, Bob and Cy connected, `len(room)` is {len(module.room)}; add each member when it joins."
                )
            await members[2].ws.close()
            if not await _settle(spy, 2, LEAVE_WITHIN):
                fail(
                    f"Cy disconnected, but Cy's connection was still running {LEAVE_WITHIN:g} s later. When "
                    f'`receive()` gives `{{"type": "websocket.disconnect"}}`, leave the room and return.'
                )
            if len(module.room) != 2:
                fail(
                    f"Cy disconnected, but `len(room)` is still {len(module.room)}, not 2. Remove the member when it "
                    f"leaves (`room.discard(send)`, in a `finally:` so it happens however the connection ends)."
                )
            await _say(members[0], "still here?", members[:2], spy)
            await _say(members[1], "yes", members[:2], spy)
            if spy.errors:
                fail(f"Your app raised {spy.errors[0]} after Cy left; the others should chat on without errors.")
        finally:
            await _close_all(members)
            await _settle(spy, 0)

    run_async(scenario, within=8, what="Your chat room")


def test_anonymous(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """a member without ?name= is called "anonymous\""""
    spy = RecordingApp(require_asgi_app())
    _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        members: list[_Member] = []
        try:
            members.append(await _join(server.base, "Ada", spy))
            members.append(await _join(server.base, None, spy))
            await asyncio.sleep(0.05)
            await _say(members[1], "psst", members, spy)
        finally:
            await _close_all(members)
            await _settle(spy, 0)

    run_async(scenario, within=6, what="Your chat room")


def test_other_paths_are_refused(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """a websocket on another path (/echo) is refused in the handshake with 403"""
    spy = RecordingApp(require_asgi_app())
    module = _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        try:
            async with connect(_ws(server.base) + "/echo", open_timeout=1, close_timeout=1, proxy=None):
                fail(
                    "Your app accepted a websocket on /echo, but the room lives at /chat. Answer the "
                    "`websocket.connect` of other paths with `{'type': 'websocket.close'}` instead of "
                    "accepting (the client gets 403)."
                )
        except InvalidStatus as exc:
            if exc.response.status_code != 403:
                fail(f"A websocket on /echo was refused with HTTP {exc.response.status_code}; expected 403.")
        await _settle(spy, 0)
        if len(module.room):
            fail("After a refused websocket on /echo, `room` is not empty: join the room only after accepting.")

    run_async(scenario, within=5, what="Your app (refusing /echo)")
