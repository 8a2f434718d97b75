"""Helpers for writing exercise checks: load the learner's code, run it with deadlines, and prove
concurrency or a free event loop without flaky clocks.

Check files (`checks/<lesson>/<exercise>/check.py`) import from here. Every failure raised
through `fail` carries a message written for the learner: what was expected, what happened,
and the likely mistake. See docs/AUTHORING.md for the conventions.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import importlib.util
import inspect
import os
import re
import sys
import time
import warnings
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, NoReturn, TypeVar

from tutor._protocol import EXERCISE_FILES_ENV, LEARNER_DIR_ENV

T = TypeVar("T")


class CheckFailure(AssertionError):
    """A check failed; the message is shown to the learner as written."""


def fail(message: str) -> NoReturn:
    """Fail the current check with a message that teaches."""
    raise CheckFailure(message)


# --- the learner's code -------------------------------------------------------------------


def learner_dir() -> Path:
    """The folder holding the learner's files (the workspace's `exercises/`, or a solution tree)."""
    return Path(os.environ[LEARNER_DIR_ENV])


def learner_file(relative: str | None = None) -> Path:
    """Path of one of the exercise's files; by default the main file."""
    files = os.environ[EXERCISE_FILES_ENV].split(os.pathsep)
    return learner_dir() / (relative or files[0])


@functools.cache
def load_exercise(relative: str | None = None) -> ModuleType:
    """Import the learner's file as a module (once per check process).

    The file's folder goes first on `sys.path` so the exercise can import its sibling files.
    Errors in the learner's file propagate; the check plugin shows them at the learner's line.
    """
    path = learner_file(relative)
    folder = str(path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    name = path.stem
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - only for non-.py paths
        fail(f"Could not load {path.name} as Python code.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def require_function(module: ModuleType, name: str, *, is_async: bool | None = None) -> Callable[..., Any]:
    """Return `module.name`, failing with a teaching message if it is missing or of the wrong kind."""
    func = getattr(module, name, None)
    if func is None:
        fail(f"Your file has no `{name}`. Keep the name the exercise asks for: the check calls `{name}`.")
    if not callable(func):
        fail(f"`{name}` should be a function, but it is a {type(func).__name__}.")
    if is_async is True and not inspect.iscoroutinefunction(func):
        fail(
            f"`{name}` must be a coroutine function: define it with `async def {name}(...)`, "
            f"not plain `def`. Only an `async def` function can use `await`."
        )
    if is_async is False and inspect.iscoroutinefunction(func):
        fail(
            f"`{name}` must be a plain function (`def {name}(...)`), not `async def`: it is called "
            f"from ordinary synchronous code, which cannot await it."
        )
    return func  # type: ignore[no-any-return]


def reject_coroutine(value: T, what: str) -> T:
    """Fail if `value` is an un-awaited coroutine object (the classic missing `await`)."""
    if inspect.iscoroutine(value):
        name = getattr(value, "__qualname__", "a coroutine")
        value.close()
        fail(
            f"{what} gave back a coroutine object (`{name}`) instead of a result. Calling an "
            f"`async def` function only creates a coroutine; it runs when you `await` it "
            f"(or hand it to `asyncio.run`). Did you forget `await`?"
        )
    return value


# --- running with deadlines ---------------------------------------------------------------


def run_async(
    main: Callable[[], Awaitable[T]] | Awaitable[T],
    *,
    within: float = 5.0,
    what: str = "Your code",
) -> T:
    """Run a coroutine (or a function making one) in a fresh event loop, with a hard deadline.

    On timeout the learner is told their code never finished, with the usual causes.
    """

    async def guarded() -> T:
        awaitable = main() if callable(main) else main
        deadline = asyncio.timeout(within)
        try:
            async with deadline:
                return await awaitable
        except TimeoutError:
            if deadline.expired():
                fail(
                    f"{what} did not finish within {within:g} s. Did you await something that never "
                    f"completes (a Future nobody resolves, an Event nobody sets), loop forever, or "
                    f"swallow a cancellation?"
                )
            raise

    return asyncio.run(guarded())


@contextlib.contextmanager
def no_unawaited_coroutines() -> Iterator[None]:
    """Fail if code in the block created a coroutine and dropped it without awaiting it."""
    previous_depth = sys.get_coroutine_origin_tracking_depth()
    sys.set_coroutine_origin_tracking_depth(16)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", RuntimeWarning)
            yield
            gc.collect()
    finally:
        sys.set_coroutine_origin_tracking_depth(previous_depth)
    for warning in caught:
        text = str(warning.message)
        match = re.search(r"coroutine '([^']+)' was never awaited", text)
        if match:
            where = _learner_origin(text)
            fail(
                f"You called `{match.group(1)}(...)`{where} but never awaited it, so it never ran "
                f"(Python warns: \"coroutine '{match.group(1)}' was never awaited\"). "
                f"Put `await` in front of the call."
            )


def _learner_origin(warning_text: str) -> str:
    """' on line N' when the warning's creation traceback passes through the learner's file."""
    try:
        learner = str(learner_file())
    except KeyError:
        return ""
    lines = re.findall(r'File "([^"]+)", line (\d+)', warning_text)
    for filename, line in reversed(lines):
        if filename == learner:
            return f" on line {line}"
    return ""


# --- measuring without flakes -------------------------------------------------------------


class Stopwatch:
    """`with Stopwatch() as sw: ...` then `sw.elapsed` in seconds (monotonic clock)."""

    def __init__(self) -> None:
        self.started = 0.0
        self.elapsed = 0.0

    def __enter__(self) -> Stopwatch:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.perf_counter() - self.started


class InFlight:
    """Counts how many callers are inside at once; `peak` proves (or disproves) concurrency.

    Use as `async with in_flight:` inside a fake dependency. Sequential code gives `peak == 1`
    however fast the machine is, so this needs no clock.
    """

    def __init__(self) -> None:
        self.current = 0
        self.peak = 0
        self.entered = 0

    async def __aenter__(self) -> InFlight:
        self.current += 1
        self.entered += 1
        self.peak = max(self.peak, self.current)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.current -= 1


def fake_job(result: T, *, delay: float, in_flight: InFlight | None = None) -> Callable[[], Awaitable[T]]:
    """A zero-argument async function that waits `delay` seconds (without blocking) and returns `result`."""

    async def job() -> T:
        if in_flight is None:
            await asyncio.sleep(delay)
        else:
            async with in_flight:
                await asyncio.sleep(delay)
        return result

    job.__name__ = job.__qualname__ = f"job_{result}"
    return job


class LoopHeartbeat:
    """Detects a blocked event loop: a background task ticks every `interval` s and records the
    largest extra delay between ticks. `asyncio.sleep` in the code under test keeps it near 0.01 s;
    a blocking `time.sleep(0.4)` shows as about 0.4 s.

    Use as `async with LoopHeartbeat() as beat: await learner_code()`, then `beat.max_gap`.
    """

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.max_gap = 0.0
        self._last_tick = 0.0
        self._task: asyncio.Task[None] | None = None

    def _record(self, now: float) -> None:
        self.max_gap = max(self.max_gap, now - self._last_tick - self.interval)
        self._last_tick = now

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.interval)
            self._record(loop.time())

    async def __aenter__(self) -> LoopHeartbeat:
        self._last_tick = asyncio.get_running_loop().time()
        self._task = asyncio.create_task(self._beat())
        await asyncio.sleep(0)  # let the first tick start before the code under test runs
        return self

    async def __aexit__(self, *exc: object) -> None:
        # A stall right at the end of the block has not been seen by a tick yet: measure it now.
        self._record(asyncio.get_running_loop().time())
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def assert_not_blocked(self, limit: float = 0.15, what: str = "your code") -> None:
        """Fail with a teaching message when the loop was stalled longer than `limit` seconds."""
        if self.max_gap > limit:
            fail(
                f"Something blocked the event loop for {self.max_gap * 1000:.0f} ms while {what} ran. "
                f"A blocking call such as `time.sleep()` inside `async def` freezes every other "
                f"coroutine; use `await asyncio.sleep(...)` instead."
            )


# --- local servers ------------------------------------------------------------------------


@contextlib.contextmanager
def serve_asgi(app: Any, *, ready_within: float = 5.0) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 (a free port) in a thread; yield its base URL.

    The server always stops when the block ends, even when the code under test failed.
    """
    import socket
    import threading

    import uvicorn

    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only then; without it
    # every request on a kept-alive connection waits ~40 ms for Nagle's algorithm.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="off", log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + ready_within
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                fail(f"The local test server did not start within {ready_within:g} s.")
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        sock.close()
