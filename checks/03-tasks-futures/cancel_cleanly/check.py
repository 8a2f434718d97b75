"""Checks for lesson 3, exercise `cancel_cleanly.py`: clean up in `finally` and let the cancellation through."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from tutor.checkkit import (
    LoopHeartbeat,
    _,
    fail,
    load_exercise,
    ngettext,
    no_unawaited_coroutines,
    require_function,
    run_async,
)

Worker = Callable[[asyncio.Queue[str], Callable[[], Awaitable[Any]]], Awaitable[Any]]

# After `task.cancel()`, a worker that cleans up and stops needs a few loop turns; this is plenty.
STOP_WITHIN = 0.4
CALL = "`worker(inbox, connect)`"


def _worker() -> Worker:
    return require_function(load_exercise(), "worker", is_async=True)


class Connection:
    """A fake connection: records what was sent and whether (and when) it was closed."""

    def __init__(self, send_gate: asyncio.Event | None = None) -> None:
        self.sent: list[str] = []
        self.sending = asyncio.Event()  # set once a send has begun
        self.all_sent = asyncio.Event()
        self.expected = 0
        self.close_calls = 0
        self.closed = False
        self._gate = send_gate

    async def send(self, message: str) -> None:
        if self.closed:
            raise ConnectionError(_("send() on a closed connection"))
        self.sending.set()
        if self._gate is not None:
            await self._gate.wait()  # a send that takes as long as the check wants
        else:
            await asyncio.sleep(0.005)
        self.sent.append(message)
        if len(self.sent) >= self.expected:
            self.all_sent.set()

    async def close(self) -> None:
        self.close_calls += 1
        await asyncio.sleep(0.01)  # closing takes a moment: it has to be awaited
        self.closed = True


class _Stopped(BaseException):
    """Raised by the check's inbox to end a worker that ignores cancellation, so the check never hangs."""


class _Inbox(asyncio.Queue[str]):
    stopped = False

    async def get(self) -> str:
        if self.stopped:
            raise _Stopped(_("the check stopped a worker that would not stop"))
        return await super().get()


@dataclass
class _Outcome:
    """What the worker did, and how its task ended after `task.cancel()`."""

    connects: int = 0
    sent: list[str] = field(default_factory=list)
    sent_all: bool = False
    send_began: bool = False
    still_running: bool = False
    cancelled: bool = False
    returned: Any = None
    error: BaseException | None = None
    close_calls_at_end: int = 0
    closed_at_end: bool = False


def _run_worker(messages: list[str], *, cancel_during_send: bool = False, watch: bool = False) -> _Outcome:
    """Start the worker, feed it `messages`, cancel it (while idle or mid-send) and record how it ended."""
    worker = _worker()
    outcome = _Outcome()
    beats: list[LoopHeartbeat] = []

    async def scenario() -> None:
        loop = asyncio.get_running_loop()
        gate = asyncio.Event() if cancel_during_send else None
        conn = Connection(send_gate=gate)
        conn.expected = len(messages)
        inbox = _Inbox()
        for message in messages:
            inbox.put_nowait(message)

        async def connect() -> Connection:
            outcome.connects += 1
            return conn

        async with LoopHeartbeat() as beat:
            task = asyncio.ensure_future(worker(inbox, connect))
            progress = asyncio.ensure_future((conn.sending if cancel_during_send else conn.all_sent).wait())
            await asyncio.wait({task, progress}, timeout=1, return_when=asyncio.FIRST_COMPLETED)
            progress.cancel()
        if watch:
            beats.append(beat)
        outcome.sent = list(conn.sent)
        outcome.sent_all = conn.all_sent.is_set()
        outcome.send_began = conn.sending.is_set()
        if task.done():  # it ended before anyone cancelled it
            _record_end(task, outcome)
            return

        def at_end(_task: asyncio.Task[Any]) -> None:
            # What the connection looked like at the very moment the worker's task ended.
            outcome.close_calls_at_end = conn.close_calls
            outcome.closed_at_end = conn.closed

        task.add_done_callback(at_end)
        task.cancel()
        await asyncio.wait({task}, timeout=STOP_WITHIN)
        if not task.done():
            outcome.still_running = True
            inbox.stopped = True  # make the stubborn worker's next `inbox.get()` raise, then cancel again
            if gate is not None:
                gate.set()
            task.cancel()
            await asyncio.wait({task}, timeout=STOP_WITHIN)
        if task.done():
            _record_end(task, outcome)
        loop.set_exception_handler(lambda _loop, _context: None)  # a worker that refused to stop is reported below

    with no_unawaited_coroutines():
        run_async(scenario, within=4, what=CALL)
    if watch:
        beats[0].assert_not_blocked(what=_("the worker"))
    return outcome


def _record_end(task: asyncio.Task[Any], outcome: _Outcome) -> None:
    if task.cancelled():
        outcome.cancelled = True
    elif task.exception() is not None:
        outcome.error = task.exception()
    else:
        outcome.returned = task.result()


def _check_started(outcome: _Outcome, messages: list[str]) -> None:
    """The worker connected once and got going; errors of its own are shown as they are."""
    if outcome.error is not None and not isinstance(outcome.error, _Stopped | ConnectionError):
        raise outcome.error
    if outcome.connects == 0:
        fail(_("The worker never called `connect()`. Start with `conn = await connect()`, before the loop."))
    if outcome.connects > 1:
        fail(
            ngettext(
                "The worker called `connect()` {n} time. Connect once, before the `while True:` "
                "loop, and reuse `conn` for every message.",
                "The worker called `connect()` {n} times. Connect once, before the `while True:` "
                "loop, and reuse `conn` for every message.",
                outcome.connects,
            )
        )
    if not outcome.send_began:
        fail(
            _(
                "The worker did not send anything within 1 s, although {message!r} was waiting in the inbox. "
                "Loop forever: `message = await inbox.get()`, then `await conn.send(message)`.",
                message=messages[0],
            )
        )


def _check_stopped_cleanly(outcome: _Outcome, during: str) -> None:
    """After `task.cancel()`: the task ended as cancelled, and the connection was closed before it ended."""
    if outcome.still_running:
        fail(
            _(
                "After `task.cancel()` {during}, the worker was still running {secs} s later: it caught the "
                "CancelledError and carried on. Catch it only to clean up, then re-raise it (`raise`); better, clean "
                "up in a `finally:` block and let the CancelledError pass.",
                during=during,
                secs=STOP_WITHIN,
            )
        )
    if isinstance(outcome.error, ConnectionError):
        fail(
            _(
                "After `task.cancel()` {during}, the worker tried to send on the connection it had closed "
                "({error}). Once cancelled, the worker must stop: close the connection and let the "
                "CancelledError end the task.",
                during=during,
                error=outcome.error,
            )
        )
    if not outcome.cancelled:
        if outcome.error is not None:
            ended = _("raised {error!r}", error=outcome.error)
        else:
            ended = _("returned {value!r}", value=outcome.returned)
        fail(
            _(
                "The worker swallowed the cancellation: after `task.cancel()` {during}, its task ended normally "
                "({ended}) instead of being cancelled. The code that cancelled it cannot tell that it stopped on "
                "request, and `asyncio.timeout()` or a TaskGroup around it would misbehave. After cleaning up, "
                "re-raise: `except asyncio.CancelledError: ...; raise`, or clean up in `finally:`.",
                during=during,
                ended=ended,
            )
        )
    if outcome.close_calls_at_end == 0:
        fail(
            _(
                "The worker was cancelled {during} and never closed its connection. Put the loop inside `try:` and "
                "`await conn.close()` in `finally:`, which runs however the loop ends. (An `except Exception:` does "
                "not catch CancelledError: it is a BaseException since Python 3.8.)",
                during=during,
            )
        )
    if not outcome.closed_at_end:
        fail(
            _(
                "The worker started closing the connection when it was cancelled {during}, but its task ended "
                "before the close had finished. Wait for it: `await conn.close()` (not a task nobody awaits).",
                during=during,
            )
        )


def test_worker_is_a_coroutine_function() -> None:
    """worker is a coroutine function (`async def`)"""
    _worker()


def test_sends_every_message_in_order() -> None:
    """worker connects once and sends each message from the inbox, in order"""
    messages = ["hello", "from", "the inbox"]
    outcome = _run_worker(messages)
    _check_started(outcome, messages)
    if not outcome.sent_all:
        fail(
            _(
                "The worker sent {sent!r} within 1 s; it should send every message from the inbox, "
                "{messages!r}. Keep going: `while True:` take the next message and send it.",
                sent=outcome.sent,
                messages=messages,
            )
        )
    assert outcome.sent == messages, _(
        "The worker sent {sent!r}; expected {messages!r}, each message once, in the order they arrived.",
        sent=outcome.sent,
        messages=messages,
    )


def test_cancelled_while_waiting_for_a_message() -> None:
    """cancelled while waiting for a message: it closes the connection and ends cancelled"""
    outcome = _run_worker(["hello"])
    _check_started(outcome, ["hello"])
    _check_stopped_cleanly(outcome, _("while it waited for a message"))


def test_cancelled_in_the_middle_of_a_send() -> None:
    """cancelled in the middle of a send: it closes the connection and ends cancelled"""
    outcome = _run_worker(["hello"], cancel_during_send=True)
    _check_started(outcome, ["hello"])
    _check_stopped_cleanly(outcome, _("in the middle of `await conn.send(...)`"))


def test_does_not_block_the_loop() -> None:
    """worker keeps the event loop free while it sends"""
    messages = ["one", "two", "three"]
    outcome = _run_worker(messages, watch=True)
    _check_started(outcome, messages)
