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

from tutor.checkkit import AppSlot, RecordingApp, _, fail, load_exercise, require_asgi_app, run_async

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
            _(
                "Keep the module-level `room`, a set (or another collection) of the members connected now: "
                "the check reads `len(room)`."
            )
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
            why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy.errors else ""
            fail(
                _(
                    "{name}'s connection was closed while waiting for {sender}'s message.{why}",
                    name=self.name,
                    sender=sender,
                    why=why,
                )
            )
        if got != text:
            fail(
                _(
                    "{name} received {got!r}; expected {text!r}: the sender's name (from `?name=`), a colon and a "
                    "space, then the text.",
                    name=self.name,
                    got=got,
                    text=text,
                )
            )


class _Missed(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


async def _join(base: str, name: str | None, spy: RecordingApp) -> _Member:
    url = _ws(base) + "/chat" + (f"?name={name}" if name else "")
    try:
        ws = await connect(url, open_timeout=1, close_timeout=1, proxy=None)
    except InvalidStatus as exc:
        why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy.errors else ""
        fail(
            _(
                "The websocket on /chat was refused with HTTP {status}.{why} Answer "
                '`websocket.connect` with `{{"type": "websocket.accept"}}`.',
                status=exc.response.status_code,
                why=why,
            )
        )
    except (InvalidHandshake, OSError, TimeoutError) as exc:
        fail(
            _(
                "Joining /chat failed ({error_type}: {exc}). Accept the websocket on `websocket.connect`.",
                error_type=type(exc).__name__,
                exc=exc,
            )
        )
    return _Member(name or "anonymous", ws)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(" and ") + names[-1]


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
            _(
                "Only {sender}, the sender, got {line!r}; {missed} got nothing. Your app answers on the "
                "sender's own `send`, like an echo. Keep every member's `send` in `room` when it joins, and send each "
                "message to all of them (`broadcast`).",
                sender=sender.name,
                line=line,
                missed=_names(missed),
            )
        )
    if sender.name in missed and len(missed) == 1:
        fail(
            _(
                "Everyone but {sender} got {line!r}; in this room the sender sees its own message too.",
                sender=sender.name,
                line=line,
            )
        )
    if not got:
        why = _(" Your app raised {error}.", error=spy.errors[-1].rstrip(".")) if spy.errors else ""
        fail(
            _(
                "Nobody got {sender}'s message {text!r} within 1 s.{why} Send it to every member of `room`.",
                sender=sender.name,
                text=text,
                why=why,
            )
        )
    fail(
        _(
            "{sender}'s message reached {got} but not {missed}. `room` must hold every member "
            "connected now (add each one's `send` when it joins), and `broadcast` must send to all of them.",
            sender=sender.name,
            got=_names(got),
            missed=_names(missed),
        )
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

    run_async(scenario, within=8, what=_("Your chat room"))


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

    run_async(scenario, within=8, what=_("Your chat room"))


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
                    _(
                        "With Ada, Bob and Cy connected, `len(room)` is {count}; add each member when it joins.",
                        count=len(module.room),
                    )
                )
            await members[2].ws.close()
            if not await _settle(spy, 2, LEAVE_WITHIN):
                fail(
                    _(
                        "Cy disconnected, but Cy's connection was still running {within:g} s later. When "
                        '`receive()` gives `{{"type": "websocket.disconnect"}}`, leave the room and return.',
                        within=LEAVE_WITHIN,
                    )
                )
            if len(module.room) != 2:
                fail(
                    _(
                        "Cy disconnected, but `len(room)` is still {count}, not 2. Remove the member when it "
                        "leaves (`room.discard(send)`, in a `finally:` so it happens however the connection ends).",
                        count=len(module.room),
                    )
                )
            await _say(members[0], "still here?", members[:2], spy)
            await _say(members[1], "yes", members[:2], spy)
            if spy.errors:
                fail(
                    _(
                        "Your app raised {error} after Cy left; the others should chat on without errors.",
                        error=spy.errors[0],
                    )
                )
        finally:
            await _close_all(members)
            await _settle(spy, 0)

    run_async(scenario, within=8, what=_("Your chat room"))


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

    run_async(scenario, within=6, what=_("Your chat room"))


def test_other_paths_are_refused(server: AppSlot, monkeypatch: pytest.MonkeyPatch) -> None:
    """a websocket on another path (/echo) is refused in the handshake with 403"""
    spy = RecordingApp(require_asgi_app())
    module = _room(monkeypatch)
    server.app = spy

    async def scenario() -> None:
        try:
            async with connect(_ws(server.base) + "/echo", open_timeout=1, close_timeout=1, proxy=None):
                fail(
                    _(
                        "Your app accepted a websocket on /echo, but the room lives at /chat. Answer the "
                        "`websocket.connect` of other paths with `{'type': 'websocket.close'}` instead of "
                        "accepting (the client gets 403)."
                    )
                )
        except InvalidStatus as exc:
            if exc.response.status_code != 403:
                fail(
                    _(
                        "A websocket on /echo was refused with HTTP {status}; expected 403.",
                        status=exc.response.status_code,
                    )
                )
        await _settle(spy, 0)
        if len(module.room):
            fail(_("After a refused websocket on /echo, `room` is not empty: join the room only after accepting."))

    run_async(scenario, within=5, what=_("Your app (refusing /echo)"))
