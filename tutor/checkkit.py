"""Helpers for writing exercise checks: load the learner's code, run it with deadlines, and prove
concurrency or a free event loop without flaky clocks.

Check files (`checks/<lesson>/<exercise>/check.py`) import from here. Every failure raised
through `fail` carries a message written for the learner: what was expected, what happened,
and the likely mistake. See docs/AUTHORING.md for the conventions.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import hashlib
import importlib.util
import inspect
import json
import os
import re
import sys
import time
import warnings
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, TracebackType
from typing import Any, Literal, NoReturn, TypeVar

from tutor._protocol import CLEANUP_FILE, EXERCISE_FILES_ENV, LEARNER_DIR_ENV, RESULTS_ENV
from tutor.i18n import _, ngettext  # also re-exported for checks

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
        fail(_("Could not load {name} as Python code.", name=path.name))
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
        fail(
            _(
                "Your file has no `{name}`. Keep the name the exercise asks for: the check calls `{name}`.",
                name=name,
            )
        )
    if not callable(func):
        fail(_("`{name}` should be a function, but it is a {kind}.", name=name, kind=type(func).__name__))
    if is_async is True and not inspect.iscoroutinefunction(func):
        fail(
            _(
                "`{name}` must be a coroutine function: define it with `async def {name}(...)`, "
                "not plain `def`. Only an `async def` function can use `await`.",
                name=name,
            )
        )
    if is_async is False and inspect.iscoroutinefunction(func):
        fail(
            _(
                "`{name}` must be a plain function (`def {name}(...)`), not `async def`: it is called "
                "from ordinary synchronous code, which cannot await it.",
                name=name,
            )
        )
    return func  # type: ignore[no-any-return]


def reject_coroutine(value: T, what: str) -> T:
    """Fail if `value` is an un-awaited coroutine object (the classic missing `await`)."""
    if inspect.iscoroutine(value):
        name = getattr(value, "__qualname__", None) or _("a coroutine")
        value.close()
        fail(
            _(
                "{what} gave back a coroutine object (`{name}`) instead of a result. Calling an "
                "`async def` function only creates a coroutine; it runs when you `await` it "
                "(or hand it to `asyncio.run`). Did you forget `await`?",
                what=what,
                name=name,
            )
        )
    return value


# --- running with deadlines ---------------------------------------------------------------


def run_async(
    main: Callable[[], Awaitable[T]] | Awaitable[T],
    *,
    within: float = 5.0,
    what: str | None = None,
) -> T:
    """Run a coroutine (or a function making one) in a fresh event loop, with a hard deadline.

    On timeout the learner is told their code never finished, with the usual causes. `what` names the
    code in that message ("Your code" by default, in the learner's language).
    """

    return asyncio.run(_with_deadline(main, within, what if what is not None else _("Your code")))


async def _with_deadline(main: Callable[[], Awaitable[T]] | Awaitable[T], within: float, what: str) -> T:
    awaitable = main() if callable(main) else main
    deadline = asyncio.timeout(within)
    try:
        async with deadline:
            return await awaitable
    except TimeoutError:
        if deadline.expired():
            fail(
                _(
                    "{what} did not finish within {within:g} s. Did you await something that never "
                    "completes (a Future nobody resolves, an Event nobody sets), loop forever, or "
                    "swallow a cancellation?",
                    what=what,
                    within=within,
                )
            )
        raise


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
            fail(
                _(
                    "You called `{name}(...)`{where} but never awaited it, so it never ran "
                    "(Python warns: \"coroutine '{name}' was never awaited\"). "
                    "Put `await` in front of the call.",
                    name=match.group(1),
                    where=_learner_origin(text),
                )
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
            return _(" on line {line}", line=line)
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
        self._loop: asyncio.AbstractEventLoop | None = None

    def _record(self, now: float) -> None:
        self.max_gap = max(self.max_gap, now - self._last_tick - self.interval)
        self._last_tick = now

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(self.interval)
            self._record(loop.time())

    def start(self) -> None:
        """Start ticking in the running loop until that loop ends (no-op when ticking already): for a loop
        whose end you do not control, such as a server's. Otherwise prefer `async with`."""
        if self._task is not None and not self._task.done():
            return
        self._loop = asyncio.get_running_loop()
        self._last_tick = self._loop.time()
        self._task = asyncio.create_task(self._beat())

    def stalled(self) -> float:
        """The longest stall so far, counting one still going on now; safe to call from another thread."""
        if self._loop is None:  # not ticking (yet, or any more)
            return self.max_gap
        return max(self.max_gap, self._loop.time() - self._last_tick - self.interval)

    async def __aenter__(self) -> LoopHeartbeat:
        self.start()
        await asyncio.sleep(0)  # let the first tick start before the code under test runs
        return self

    async def __aexit__(self, *exc: object) -> None:
        # A stall right at the end of the block has not been seen by a tick yet: measure it now.
        self._record(asyncio.get_running_loop().time())
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = self._loop = None

    def assert_not_blocked(self, limit: float = 0.15, what: str | None = None) -> None:
        """Fail with a teaching message when the loop was stalled longer than `limit` seconds; `what` names
        the code that ran ("your code" by default, in the learner's language)."""
        if self.max_gap > limit:
            fail(
                _(
                    "Something blocked the event loop for {ms:.0f} ms while {what} ran. "
                    "A blocking call such as `time.sleep()` inside `async def` freezes every other "
                    "coroutine; use `await asyncio.sleep(...)` instead.",
                    ms=self.max_gap * 1000,
                    what=what if what is not None else _("your code"),
                )
            )


# --- ASGI apps and servers ----------------------------------------------------------------


def require_asgi_app(name: str = "app") -> Any:
    """The learner's module-level ASGI application `name`, failing with a teaching message when it is
    missing, a class instead of an instance, a WSGI-style `(environ, start_response)` or not `async def`."""
    app = getattr(load_exercise(), name, None)
    if app is None:
        fail(
            _(
                "Your file has no module-level `{name}`. A server imports `{name}` from your file and calls it "
                "for every connection: keep `async def {name}(scope, receive, send):`.",
                name=name,
            )
        )
    if inspect.isclass(app):
        fail(
            _(
                "`{name}` is a class. The server calls `{name}(scope, receive, send)` and awaits the result, so "
                "give it an instance: `{name} = YourApp()`, with `async def __call__(self, scope, receive, send)`.",
                name=name,
            )
        )
    if not callable(app):
        fail(
            _(
                "`{name}` should be an ASGI application (a callable), but it is a {kind}.",
                name=name,
                kind=type(app).__name__,
            )
        )
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
            _(
                "`{name}` takes two arguments, like a WSGI application `(environ, start_response)`. An ASGI "
                "application takes three, `(scope, receive, send)`, and is `async def`: it awaits `receive()` "
                "and `send(...)` instead of returning the body.",
                name=name,
            )
        )
    if not inspect.iscoroutinefunction(target):
        fail(
            _(
                "`{name}` must be a coroutine function: `async def {name}(scope, receive, send):`. The server "
                "awaits it, and only `async def` code can `await send(...)`.",
                name=name,
            )
        )
    if positional and len(positional) != 3:
        fail(
            ngettext(
                "`{name}` takes {n} argument; an ASGI application takes three: `(scope, receive, send)`.",
                "`{name}` takes {n} arguments; an ASGI application takes three: `(scope, receive, send)`.",
                len(positional),
                name=name,
            )
        )
    return app


def learner_line(exc: BaseException) -> str:
    """' (line N of file.py: `code`)' for the learner's last line in the traceback of `exc`, or ''."""
    import traceback

    return _learner_line(traceback.extract_tb(exc.__traceback__))


def describe_error(exc: BaseException) -> str:
    """'Type: message (line N of file.py: `code`)', naming the learner's last line in the traceback."""
    import traceback

    return f"{type(exc).__name__}: {exc}{_learner_line(traceback.extract_tb(exc.__traceback__))}"


class RecordingApp:
    """Wraps an ASGI app inside a server: records every message it sends (a list per connection), its errors
    ("Type: message (line N of file.py: `code`)") and the connections in it now (`active`) and at most (`peak`).
    With `heartbeat=True` a `LoopHeartbeat` watches the server's loop from the first connection on."""

    def __init__(self, app: Any, *, heartbeat: bool = False) -> None:
        self.app = app
        self.sent: list[list[Any]] = []  # one list per connection, in the order they began (dicts, unless broken)
        self.errors: list[str] = []
        self.active = 0
        self.peak = 0
        self.heartbeat = LoopHeartbeat() if heartbeat else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if self.heartbeat is not None:
            self.heartbeat.start()  # from now on, any stall of the server's loop counts
        messages: list[Any] = []
        self.sent.append(messages)

        async def recording_send(message: Any) -> None:
            messages.append(dict(message) if isinstance(message, dict) else message)  # as it was when sent
            await send(message)

        self.active += 1
        self.peak = max(self.peak, self.active)
        try:
            await self.app(scope, receive, recording_send)
        except Exception as exc:
            self.errors.append(describe_error(exc))
            raise
        finally:
            self.active -= 1

    @property
    def max_gap(self) -> float:
        """The longest stall of the server's loop that a tick has seen (0 without a heartbeat)."""
        return self.heartbeat.max_gap if self.heartbeat is not None else 0.0

    def stalled(self) -> float:
        """The longest stall of the server's loop so far, counting one still going on now."""
        return self.heartbeat.stalled() if self.heartbeat is not None else 0.0

    def reset_measures(self) -> None:
        """Measure `peak` and the loop's stalls from now on (after a warm-up request, say)."""
        self.peak = self.active
        if self.heartbeat is not None:
            self.heartbeat.max_gap = 0.0


class AppSlot:
    """The app one shared server passes each connection of the `scopes` types to (others are ignored):
    tests swap `slot.app`. `with AppSlot().serve() as slot:` serves it; `slot.base` is the base URL."""

    def __init__(self, scopes: Iterable[str] = ("http",)) -> None:
        self.scopes = tuple(scopes)
        self.app: Any = None
        self.base = ""

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in self.scopes:
            if self.app is None:
                raise RuntimeError("AppSlot: no app in the slot yet; set `slot.app` before connecting")
            await self.app(scope, receive, send)

    @contextlib.contextmanager
    def serve(self, *, ready_within: float = 5.0) -> Iterator[AppSlot]:
        """Serve the slot with `serve_asgi`, uvicorn's own log silenced: wrap the apps in `RecordingApp`,
        which reports their errors at the learner's line."""
        with serve_asgi(self, ready_within=ready_within, log_level="critical") as base:
            self.base = base
            try:
                yield self
            finally:
                self.base = ""


class ServerNotStarted(CheckFailure):
    """`serve_asgi`'s server did not start; `reason` says why, in a few words for a failure message."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@contextlib.contextmanager
def serve_asgi(
    app: Any,
    *,
    ready_within: float = 5.0,
    lifespan: Literal["auto", "on", "off"] = "off",
    log_level: str = "warning",
) -> Iterator[str]:
    """Serve an ASGI app with uvicorn on 127.0.0.1 (a free port) in a thread; yield its base URL.

    The server always stops when the block ends, even when the code under test failed: gracefully
    (open responses get 0.5 s), else it is cancelled, so an app that never ends cannot hang the check.
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
    config = uvicorn.Config(
        app,
        lifespan=lifespan,
        log_level=log_level,
        access_log=False,
        timeout_graceful_shutdown=0.5,  # type: ignore[arg-type]  # annotated int; asyncio.wait_for takes a float
    )
    server = uvicorn.Server(config)
    loop = asyncio.new_event_loop()  # the thread's own loop: the check can cancel the server in it
    task = loop.create_task(server.serve(sockets=[sock]))
    thread = threading.Thread(target=_run_server_loop, args=(loop, task), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + ready_within
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                reason = (
                    _("the server stopped during startup")
                    if not thread.is_alive()
                    else _("the startup did not complete within {within:g} s", within=ready_within)
                )
                raise ServerNotStarted(
                    _("The local test server did not start within {within:g} s.", within=ready_within), reason
                )
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        if server.started:  # a graceful stop (it runs the app's lifespan shutdown, if any)
            thread.join(timeout=2)
        if thread.is_alive():  # stuck in the startup, the shutdown or an endless response: cancel the server
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(task.cancel)
            thread.join(timeout=1)  # a loop frozen by a blocking call stays stuck: the thread is a daemon
        sock.close()


def _run_server_loop(loop: asyncio.AbstractEventLoop, task: asyncio.Task[None]) -> None:
    """Run the server's task to its end, cancel the tasks it leaves behind and close the loop."""
    asyncio.set_event_loop(loop)
    with contextlib.suppress(BaseException):  # a cancelled server, or uvicorn's sys.exit on a failed startup
        loop.run_until_complete(task)
    leftovers = asyncio.all_tasks(loop)
    for leftover in leftovers:
        leftover.cancel()
    with contextlib.suppress(BaseException):
        if leftovers:
            loop.run_until_complete(asyncio.wait(leftovers, timeout=1))
        loop.run_until_complete(loop.shutdown_asyncgens())
    loop.close()


@contextlib.contextmanager
def serve_daphne(
    name: str = "app", *, ready_within: float = 8.0, env: dict[str, str] | None = None
) -> Iterator[tuple[str, Callable[[], str]]]:
    """Run `daphne <main module>:<name>` on 127.0.0.1 (a free port) in a child process; always kill it.

    `env` adds environment variables (its PYTHONPATH goes after the learner's folder). Yields the base
    URL ("http://127.0.0.1:PORT") and a function giving the last lines of Daphne's log.
    """
    import socket
    import subprocess
    import tempfile

    path = learner_file()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    extra = env or {}
    child_env = {**os.environ, **extra}
    paths = [str(path.parent), extra.get("PYTHONPATH"), os.environ.get("PYTHONPATH")]
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, paths))
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), f"{path.stem}:{name}"]
    process = subprocess.Popen(
        command, cwd=path.parent, env=child_env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
    )

    def tail() -> str:
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
        return "\n".join(lines[-6:])

    try:
        deadline = time.monotonic() + ready_within
        while True:
            if process.poll() is not None:
                fail(
                    _(
                        "Daphne stopped before serving your app (exit code {code}). Its log:\n{log}",
                        code=process.returncode,
                        log=tail(),
                    )
                )
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    fail(
                        _("Daphne did not start within {within:g} s. Its log:\n{log}", within=ready_within, log=tail())
                    )
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", tail
    finally:
        process.kill()
        process.wait(timeout=5)
        log.close()


# --- Django -------------------------------------------------------------------------------
#
# An exercise of the Django lessons is a small project: the main file sits in the project root next to
# `settings.py` (or deeper, e.g. a management command), and the check drives it in-process. The helpers
# below set the project up once per check process with a database of its own, and translate Django's
# async errors into messages that say what the learner's line did wrong.


@dataclass(frozen=True, slots=True)
class DjangoProject:
    """The learner's Django project as a check sees it."""

    root: Path
    database: Path


@functools.cache
def django_project(settings: str = "settings") -> DjangoProject:
    """Set up the learner's project once per check process, on a fresh SQLite database of its own.

    The project root (the nearest folder above the main file that holds the settings module) goes
    first on `sys.path`. The database is a new file in a temporary folder, migrated (with
    `--run-syncdb`) before any check runs and deleted when the process ends.
    """
    import atexit
    import shutil
    import tempfile

    root = _project_root(settings)
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    from django.conf import settings as conf

    databases = conf.DATABASES  # imports the learner's settings: an error there shows at their line
    default = databases.get("default")
    if not isinstance(default, dict):
        fail(_("settings.py has no DATABASES['default']: the project needs its default database."))
    # Beside the check's results file when run by the tutor, so the runner's clean-up removes it too.
    results = os.environ.get(RESULTS_ENV)
    parent = Path(results).parent if results else None
    folder = Path(tempfile.mkdtemp(prefix="tutor-db-", dir=parent if parent and parent.is_dir() else None))
    atexit.register(shutil.rmtree, folder, True)
    database = folder / "db.sqlite3"
    if default.get("ENGINE") == "django.db.backends.sqlite3":
        default["NAME"] = str(database)
        # A scratch database need not survive a power cut: without a disk sync per commit, a check's
        # writes cost microseconds instead of milliseconds (init_command: Django 5.1+).
        options = default.setdefault("OPTIONS", {})
        options["init_command"] = ";".join(filter(None, [options.get("init_command"), "PRAGMA synchronous=OFF"]))

    import logging

    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()  # keeps DEBUG as the project sets it; allows the test client's "testserver"
    # Django logs a crashed request's traceback ("Internal Server Error: ...") to stderr, which would
    # show as the learner's own output; the check explains the crash at the learner's line instead.
    logging.getLogger("django.request").addFilter(_drop_server_error_log)
    template = _migrated_template(root, conf.INSTALLED_APPS) if default["NAME"] == str(database) else None
    if template is not None and template.is_file():
        shutil.copyfile(template, database)
    else:
        call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
        if template is not None:
            _save_template(database, template)
    return DjangoProject(root, database)


def _migrated_template(root: Path, installed_apps: Any) -> Path | None:
    """Where a migrated copy of this project's database is cached, named by everything that shapes its
    schema and seed data: Django's version, the installed apps, and every model and migration file.

    Copying it costs a millisecond; migrating costs 0.1-0.3 s of CPU in every Django check.
    """
    import sqlite3

    import django

    digest = hashlib.sha256(f"{django.__version__}|{sqlite3.sqlite_version}|{list(installed_apps)!r}".encode())
    shaping = sorted(p for p in root.rglob("*.py") if p.name == "models.py" or p.parent.name == "migrations")
    for path in shaping:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "async-django-tutor" / "databases"
    return cache / f"{digest.hexdigest()[:32]}.sqlite3"


def _save_template(database: Path, template: Path) -> None:
    """Keep a copy of the freshly migrated database for the next check (atomically; best effort)."""
    import tempfile

    from django.db import connections

    connections.close_all()  # everything on disk, no journal left behind
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=template.parent, suffix=".part", delete=False) as part:
            part.write(database.read_bytes())
        os.replace(part.name, template)
    except OSError:
        pass  # a read-only home: every check migrates, which is only slower


def _drop_server_error_log(record: Any) -> bool:
    return not record.getMessage().startswith("Internal Server Error")


def _project_root(settings: str) -> Path:
    """The nearest folder at or above the main file's folder that holds the settings module."""
    relative = Path(*settings.split(".")).with_suffix(".py")
    top = learner_dir().resolve()
    folder = learner_file().resolve().parent
    while True:
        if (folder / relative).is_file():
            return folder
        if folder == top or folder.parent == folder:
            fail(
                _(
                    "No {relative} found next to (or above) your file: the exercise's project is incomplete.",
                    relative=relative,
                )
            )
        folder = folder.parent


def run_django(main: Callable[[], Awaitable[T]] | Awaitable[T], *, within: float = 5.0, what: str | None = None) -> T:
    """Run async code the way Django's test client expects, with a deadline and Django-aware failures.

    Drives the coroutine with asgiref's `async_to_sync`, so thread-sensitive calls (the async ORM
    methods, `sync_to_async`) run on the check's own thread and share its database connection.
    `what` names the code in failure messages ("Your view" by default, in the learner's language).
    """
    from asgiref.sync import async_to_sync

    what = what if what is not None else _("Your view")

    async def traced() -> T:
        # Coroutine origins are tracked per thread, and this runs in async_to_sync's loop thread: turn
        # tracking on here so `no_unawaited_coroutines` can name the learner's line.
        previous = sys.get_coroutine_origin_tracking_depth()
        sys.set_coroutine_origin_tracking_depth(max(previous, 16))
        try:
            return await _with_deadline(main, within, what)
        finally:
            sys.set_coroutine_origin_tracking_depth(previous)

    with explain_django_errors(what):
        return async_to_sync(traced)()


@contextlib.contextmanager
def explain_django_errors(what: str | None = None) -> Iterator[None]:
    """Turn Django's async errors raised in the block into teaching failures at the learner's line
    (`what` names the code: "your view" by default, in the learner's language)."""
    from django.core.exceptions import ImproperlyConfigured, SynchronousOnlyOperation

    try:
        yield
    except SynchronousOnlyOperation as exc:
        raise CheckFailure(explain_sync_only(exc, what)) from exc
    except ImproperlyConfigured as exc:
        if "all sync or all async" not in str(exc):
            raise
        raise CheckFailure(_mixed_handlers_message(str(exc))) from exc


def explain_sync_only(exc: BaseException, what: str | None = None) -> str:
    """Why Django raised SynchronousOnlyOperation here, and the fix, for the learner (`what` names the code:
    "your view" by default, in the learner's language)."""
    import traceback

    what = what if what is not None else _("your view")
    frames = traceback.extract_tb(exc.__traceback__)
    files = [frame.filename.replace(os.sep, "/") for frame in frames]
    where = _learner_line(frames)
    if any(name.endswith("django/db/transaction.py") for name in files):
        return _(
            "`transaction.atomic()` was used in async code{where}. Django's transactions are still "
            "synchronous (there is no async `atomic` in Django 5.2 or 6.x), so it raised "
            "SynchronousOnlyOperation. Put the whole atomic block in a plain `def` function decorated "
            "with `@transaction.atomic`, and call it from async code with "
            "`await sync_to_async(that_function)(...)`.",
            where=where,
        )
    if any(name.endswith("contrib/auth/middleware.py") for name in files):
        return _(
            "`request.user` was read in async code{where}. It loads the user from the session with "
            "a synchronous database query, so Django raised SynchronousOnlyOperation (only when "
            "someone is logged in, which is why it can slip through testing). In async code use "
            "`user = await request.auser()` (Django 5.0+).",
            where=where,
        )
    if any(name.endswith("contrib/auth/__init__.py") for name in files):
        return _(
            "A synchronous auth function ran in async code{where} and queried the database, so Django "
            "raised SynchronousOnlyOperation. Use the async versions (Django 5.0+): `await "
            "aauthenticate(request, ...)`, `await alogin(request, user)`, `await alogout(request)`, "
            "and `await request.auser()` for the current user.",
            where=where,
        )
    if any(name.endswith("fields/related_descriptors.py") for name in files):
        return _(
            "{what} followed a relation that was not loaded yet (like `book.author`)"
            "{where}. Touching it makes Django run a query synchronously, which it refuses "
            "inside async code (SynchronousOnlyOperation). Load the related rows in the same query: "
            '`.select_related("author")` for a ForeignKey, `.prefetch_related(...)` for many.',
            what=_sentence(what),
            where=where,
        )
    return _(
        "{what} ran a synchronous database query inside async code{where}, so Django "
        "raised SynchronousOnlyOperation: a blocking query on the event loop would freeze everything "
        "else the loop runs (in a server: every other request). Use the async ORM (`await "
        "Model.objects.aget(...)`, `acreate`, `acount`, `afirst`, `async for obj in queryset`), or "
        "move sync code into a function called with "
        "`await sync_to_async(function)(...)`. (DJANGO_ALLOW_ASYNC_UNSAFE only hides the error.)",
        what=_sentence(what),
        where=where,
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _learner_line(frames: Any) -> str:
    """' (line N of views.py: `code`)' for the learner's last frame in a traceback, or ''."""
    for frame in reversed(list(frames)):
        if _is_learner_path(frame.filename):
            code = f": `{frame.line.strip()}`" if frame.line else ""
            return _(" (line {line} of {file}{code})", line=frame.lineno, file=Path(frame.filename).name, code=code)
    return ""


def _is_learner_path(filename: str) -> bool:
    try:
        return Path(filename).resolve().is_relative_to(learner_dir().resolve())
    except (KeyError, OSError, ValueError):
        return False


def _mixed_handlers_message(django_says: str) -> str:
    return _(
        "{django_says} A class-based view is either all sync or all async: Django picks one "
        "calling convention for the whole class (`View.view_is_async`). Make every handler "
        "(`get`, `post`, ...) `async def`.",
        django_says=django_says,
    )


def require_async_view(view: Any, name: str) -> None:
    """Fail unless `view` (a function view, an `as_view()` result or a View class) is really async."""
    from asgiref.sync import iscoroutinefunction
    from django.core.exceptions import ImproperlyConfigured
    from django.views import View

    view_class: Any = view if isinstance(view, type) else getattr(view, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, View):
        view_class_any: Any = view_class
        try:
            is_async = view_class_any.view_is_async
        except ImproperlyConfigured as exc:
            fail(_mixed_handlers_message(str(exc)))
        if not is_async:
            fail(
                _(
                    "`{name}` handles requests with plain `def` methods, so Django runs it in a worker "
                    "thread, not on the event loop. Define its handlers with `async def get(self, request, ...)`.",
                    name=name,
                )
            )
        return
    if isinstance(view, type):
        fail(_("`{name}` is a class but not a Django View: subclass `django.views.View`.", name=name))
    if not callable(view):
        fail(_("`{name}` should be a view function, but it is a {kind}.", name=name, kind=type(view).__name__))
    if not iscoroutinefunction(view):
        fail(
            _(
                "`{name}` is a plain `def` view. Under ASGI Django runs sync views in a worker thread "
                "(through sync_to_async), so it never awaits anything. Define it with "
                "`async def {function}(request, ...)`.",
                name=name,
                function=getattr(view, "__name__", name),
            )
        )


class SyncToAsyncSpy:
    """Records the `sync_to_async(...)` wrappers the learner's own files create, and whether the
    wrapped code ran database queries: the evidence for "use the native async ORM method".

    `with SyncToAsyncSpy() as spy: run_django(...)`, then `spy.assert_native_orm("your list view")`.
    """

    def __init__(self) -> None:
        self.learner_calls: list[tuple[str, str, int]] = []  # (what was wrapped, file name, line)
        self.orm_wrappers: list[tuple[str, str, int]] = []
        self._restore: list[Callable[[], None]] = []

    def __enter__(self) -> SyncToAsyncSpy:
        import threading

        from asgiref.sync import SyncToAsync
        from django.db.backends.utils import CursorWrapper

        spy = self
        inside = threading.local()
        original_init = SyncToAsync.__init__
        original_execute = CursorWrapper._execute_with_wrappers

        def recording_init(self: Any, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
            creator = _first_frame_outside("asgiref")
            if creator is not None and _is_learner_path(creator.f_code.co_filename):
                site = (_callable_name(func), Path(creator.f_code.co_filename).name, creator.f_lineno)
                spy.learner_calls.append(site)
                if _is_orm_method(func):
                    spy.orm_wrappers.append(site)
                func = _marking_queries(func, inside, spy, site)
            original_init(self, func, *args, **kwargs)

        def recording_execute(self: Any, *args: Any, **kwargs: Any) -> Any:
            site = getattr(inside, "site", None)
            if site is not None and site not in spy.orm_wrappers:
                spy.orm_wrappers.append(site)
            return original_execute(self, *args, **kwargs)

        SyncToAsync.__init__ = recording_init  # type: ignore[method-assign]
        CursorWrapper._execute_with_wrappers = recording_execute
        self._restore = [
            lambda: setattr(SyncToAsync, "__init__", original_init),
            lambda: setattr(CursorWrapper, "_execute_with_wrappers", original_execute),
        ]
        return self

    def __exit__(self, *exc: object) -> None:
        for restore in self._restore:
            restore()

    def assert_native_orm(self, what: str | None = None) -> None:
        """Fail when the learner reached the database through their own `sync_to_async` wrapper (`what` names
        the code: "your view" by default, in the learner's language)."""
        if self.orm_wrappers:
            name, file, line = self.orm_wrappers[0]
            fail(
                _(
                    "{what} reaches the database through `sync_to_async({name})` (line {line} "
                    "of {file}). It works, but this exercise asks for the native async ORM: Django has an "
                    "`a`-prefixed method for it (`aget`, `acreate`, `acount`, `aexists`, `afirst`, "
                    "`asave`, `adelete`, `async for` over a queryset). Await that instead.",
                    what=_sentence(what if what is not None else _("your view")),
                    name=name,
                    line=line,
                    file=file,
                )
            )


def _first_frame_outside(package: str) -> Any:
    frame = sys._getframe(2)
    marker = f"{os.sep}{package}{os.sep}"
    while frame is not None and marker in frame.f_code.co_filename:
        frame = frame.f_back  # type: ignore[assignment]
    return frame


def _callable_name(func: Any) -> str:
    return str(getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or type(func).__name__)


def _is_orm_method(func: Any) -> bool:
    from django.db.models import Manager, QuerySet

    owner = getattr(func, "__self__", None)
    return isinstance(owner, (QuerySet, Manager))


def _marking_queries(func: Callable[..., Any], inside: Any, spy: SyncToAsyncSpy, site: Any) -> Callable[..., Any]:
    """`func`, flagging (per thread) that queries run now come from the learner's wrapper at `site`."""

    @functools.wraps(func)
    def marked(*args: Any, **kwargs: Any) -> Any:
        outer = getattr(inside, "site", None)
        inside.site = site
        try:
            return func(*args, **kwargs)
        finally:
            inside.site = outer

    return marked


def django_request(
    method: str,
    path: str,
    *,
    data: Any = None,
    json_body: Any = None,
    client: Any = None,
    what: str | None = None,
    within: float = 5.0,
    blocked: float = 0.25,
    native_orm: bool = False,
    read_stream: bool = False,
    explain: Callable[[BaseException, str, str], str | None] | None = None,
) -> Any:
    """Send one request through Django's AsyncClient in `run_django` and return the response; fail with a
    teaching message when the view raised, dropped a coroutine, blocked the loop over `blocked` s or (`native_orm`)
    queried through its own `sync_to_async`. See docs/AUTHORING.md for `explain` and `read_stream`."""
    from django.test import AsyncClient

    what = what or f"{method} {path}"
    sender = getattr(client or AsyncClient(), method.lower())
    args: tuple[Any, ...] = (path,) if data is None else (path, data)
    options = {}
    if json_body is not None:
        args, options = (path, json.dumps(json_body)), {"content_type": "application/json"}

    async def send() -> tuple[Any, LoopHeartbeat]:
        async with LoopHeartbeat() as beat:
            response = await sender(*args, **options)
            if read_stream:  # in the same run: producing the body is the view's work too
                streams = getattr(response, "streaming", False) and response.is_async
                response.streamed = b"".join([part async for part in response.streaming_content]) if streams else b""
        return response, beat

    spy = SyncToAsyncSpy()
    problem = ""
    result: tuple[Any, LoopHeartbeat] | None = None
    with contextlib.ExitStack() as stack:
        if native_orm:  # only then: a spy inside the caller's own spy would blind it
            stack.enter_context(spy)
        stack.enter_context(no_unawaited_coroutines())
        stack.enter_context(_quiet_response_log())
        try:
            result = run_django(send, within=within, what=what)
        except CheckFailure as failure:  # a deadline, or a Django async error run_django explained (its cause)
            cause = failure.__cause__
            problem = (_lesson_words(explain, cause, what) if cause is not None else None) or str(failure)
        except Exception as exc:
            problem = _lesson_words(explain, exc, what) or _request_error(exc, what)
    # A missing `await` (no_unawaited_coroutines failed above) explains an error better than the error.
    if problem or result is None:
        fail(problem)
    response, beat = result
    beat.assert_not_blocked(blocked, what)
    if native_orm:
        spy.assert_native_orm(what)
    return response


def response_json(response: Any, what: str, status: int = 200) -> Any:
    """The response's JSON body, failing with a teaching message unless it has `status` and is JSON."""
    if response.status_code != status:
        fail(
            _(
                "{what} answered {got}; expected {status}. Body: {body!r}",
                what=what,
                got=response.status_code,
                status=status,
                body=response.content[:200],
            )
        )
    try:
        return json.loads(response.content)
    except ValueError:
        fail(
            _(
                "{what} answered {body!r}, which is not JSON. Keep the `JsonResponse`.",
                what=what,
                body=response.content[:200],
            )
        )


def _raised_at(exc: BaseException) -> str:
    """' (line N of views.py: `code`)' for the learner's last line in the exception's traceback, or ''."""
    import traceback

    return _learner_line(traceback.extract_tb(exc.__traceback__))


def _lesson_words(
    explain: Callable[[BaseException, str, str], str | None] | None, exc: BaseException, what: str
) -> str:
    """The lesson's own message for `exc`, or '' (no `explain`, or it said None)."""
    return (explain(exc, what, _raised_at(exc)) or "") if explain is not None else ""


def _request_error(exc: BaseException, what: str) -> str:
    """The standard teaching message for an exception that escaped a view in `django_request`."""
    from django.core.exceptions import ObjectDoesNotExist

    text, where = str(exc), _raised_at(exc)
    if isinstance(exc, (AttributeError, TypeError)) and "coroutine" in text:
        return _(
            "{what} failed with {error}: {text}{where}. A coroutine object turned up where "
            "a result was expected: every async ORM method (`aget`, `acreate`, `acount`, `afirst`, "
            "`aget_object_or_404`...) gives a coroutine that runs only when awaited. Did you forget `await`?",
            what=what,
            error=type(exc).__name__,
            text=text,
            where=where,
        )
    if isinstance(exc, TypeError) and "async_generator" in text:
        return _(
            "{what} failed with TypeError: {text}{where}. `aiterator()` gives an async iterator: "
            "loop over it with `async for`, not `for`.",
            what=what,
            text=text,
            where=where,
        )
    if isinstance(exc, ObjectDoesNotExist):
        return _(
            "{what} raised {error} ({text}){where}. A missing object must answer "
            "404, not crash with a 500: `await aget_object_or_404(Model, pk=...)` (Django 5.0+) raises Http404 "
            "for you, and Django turns that into a 404 response.",
            what=what,
            error=type(exc).__qualname__,
            text=text,
            where=where,
        )
    return _("{what} raised {error}: {text}{where}.", what=what, error=type(exc).__name__, text=text, where=where)


@contextlib.contextmanager
def _quiet_response_log() -> Iterator[None]:
    """Drop Django's log line per 4xx/5xx response ("Not Found: /x/") in the block: with DEBUG on it goes to
    stderr, which a failed check shows as the learner's output (django_project drops only the 500s')."""
    import logging

    logger = logging.getLogger("django.request")
    logger.addFilter(_drop_response_log)
    try:
        yield
    finally:
        logger.removeFilter(_drop_response_log)


def _drop_response_log(record: Any) -> bool:
    return not hasattr(record, "status_code")  # Django's log_response passes it as `extra`


@contextlib.contextmanager
def serve_django(app: Any = None, *, ready_within: float = 5.0) -> Iterator[str]:
    """Serve the project (Django's ASGI handler by default) with uvicorn on 127.0.0.1; yield the base URL.

    A view that crashed while serving (Django answers with a 500; a 404 is no crash) is explained
    when the block ends: a Django async error gets its teaching message; any other error is added
    to the check's own failure message.
    """
    import django.core.handlers.exception as exception_module

    if app is None:
        # Not get_asgi_application(): django_project() has set Django up, and a second setup would
        # re-apply the project's LOGGING, dropping handlers a check added (adapted_handlers, say).
        from django.core.handlers.asgi import ASGIHandler

        app = ASGIHandler()
    crashes: list[BaseException] = []
    original = exception_module.response_for_exception

    def recording(request: Any, exc: BaseException) -> Any:
        response = original(request, exc)
        if response.status_code >= 500:
            crashes.append(exc)
        return response

    async def recording_app(scope: Any, receive: Any, send: Any) -> None:
        try:
            await app(scope, receive, send)
        except Exception as exc:  # an error escaping Django (from a streaming body, say)
            crashes.append(exc)
            raise

    exception_module.response_for_exception = recording
    try:
        # uvicorn's own "Exception in ASGI application" traceback is left out: the crash is explained below.
        # Django's log line per 4xx response ("Conflict: /reserve/") stays out of the report, as in django_request.
        with _quiet_response_log(), serve_asgi(recording_app, ready_within=ready_within, log_level="critical") as url:
            try:
                yield url
            except AssertionError as failure:
                if crashes:
                    _explain_crash(crashes[0], failure)
                raise
    finally:
        exception_module.response_for_exception = original
    if crashes and _explained(crashes[0]) is not None:
        _explain_crash(crashes[0], None)


def _explained(exc: BaseException) -> str | None:
    """The teaching message for a Django async error, or None for any other exception."""
    try:
        with explain_django_errors():
            raise exc
    except CheckFailure as explained:
        return str(explained)
    except BaseException:
        return None


def _explain_crash(crash: BaseException, failure: AssertionError | None) -> NoReturn:
    import traceback

    message = _explained(crash)
    if message is None:
        where = _learner_line(traceback.extract_tb(crash.__traceback__))
        said = f"{failure} " if failure is not None else ""
        message = said + _(
            "(While serving, your code raised {error}: {text}{where}.)",
            error=type(crash).__name__,
            text=crash,
            where=where,
        )
    raise CheckFailure(message) from crash


@contextlib.contextmanager
def adapted_handlers() -> Iterator[list[str]]:
    """Collect Django's "... handler adapted for ..." debug messages (DEBUG is on inside the block).

    Django adapts a sync-only middleware or view in an async stack (and vice versa) with a thread
    hop and logs it while building the middleware chain, so build the handler inside the block (a new
    `AsyncClient`'s first request, or `serve_django()`).
    """
    import logging

    from django.test import override_settings

    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage()
            if "adapted for" in text:
                messages.append(text)

    logger = logging.getLogger("django.request")
    handler = Collect(logging.DEBUG)
    previous_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        with override_settings(DEBUG=True):
            yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)


# --- Tests the learner writes --------------------------------------------------------------------
#
# In an exercise where the learner writes the tests (`tests.py` beside a working app), the check
# runs those tests with Django's own runner in child processes: once against the app as given, which
# they must pass, and once per planted bug (the project with some files swapped for broken copies),
# which they must catch.


@dataclass(frozen=True, slots=True)
class PlantedBug:
    """A broken version of the app the learner's tests must catch.

    `replaces` maps a path in the project (like "views.py") to the file holding the broken copy;
    `description` says what is broken ("the detail view answers 200 for a missing note"), `advice`
    which test would catch it.
    """

    name: str
    replaces: dict[str, Path]
    description: str
    advice: str


@dataclass(frozen=True, slots=True)
class LearnerTestRun:
    """What the learner's tests did against one version of the app."""

    ran: tuple[str, ...] = ()
    failed: dict[str, str] = dataclasses.field(default_factory=dict)
    problem: str = ""  # the run itself went wrong: it timed out, or crashed before reporting
    output: str = ""

    @property
    def caught(self) -> bool:
        return bool(self.failed) or bool(self.problem)


class LearnerTests:
    """Run the learner's test module against the correct app, then against each planted bug (at most
    `parallel` runs at a time, each in its own copy of the project); read the results back.

    `within` bounds each run. The runs are child processes in the check's process group, so the
    tutor's clean-up kills them too; a run that overstays is killed at once.
    """

    def __init__(self, bugs: Iterable[PlantedBug], *, within: float = 15.0, parallel: int = 4) -> None:
        self.bugs = {bug.name: bug for bug in bugs}
        self.within = within
        self.parallel = parallel
        self._runs: dict[str, LearnerTestRun] | None = None

    @property
    def runs(self) -> dict[str, LearnerTestRun]:
        """ "correct" and one run per bug; the bugs are run only when the correct app passed."""
        if self._runs is None:
            runs = _run_learner_tests({"correct": {}}, self.within, 1)
            if not runs["correct"].problem and not runs["correct"].failed and runs["correct"].ran:
                replacements = {name: bug.replaces for name, bug in self.bugs.items()}
                runs.update(_run_learner_tests(replacements, self.within, self.parallel))
            self._runs = runs
        return self._runs

    def assert_pass_on_correct_app(self, *, at_least: int = 1) -> None:
        """Fail unless the learner's tests all passed against the app as given (and there are enough)."""
        run = self.runs["correct"]
        name = learner_file().name
        if run.problem:
            fail(_("Running your tests against the working app went wrong: {problem}", problem=run.problem))
        if run.failed:
            test, trace = next(iter(run.failed.items()))
            fail(
                _(
                    "{failed} of your {ran} tests failed against the app as given, which works. "
                    "A test must pass when the app is right, or it cannot tell a bug from a feature. "
                    "The first one, {test}:\n{trace}",
                    failed=len(run.failed),
                    ran=len(run.ran),
                    test=_short_test_id(test),
                    trace=_trace_tail(trace),
                )
            )
        if len(run.ran) < at_least:
            found = _("found {count}", count=len(run.ran)) if run.ran else _("found none")
            fail(
                ngettext(
                    "The exercise asks for at least {n} test in {name}; Django's test runner {found}. "
                    "A test is a method named `test_...` on a `django.test.TestCase` (or `SimpleTestCase`) "
                    "subclass; `async def test_...` works too.",
                    "The exercise asks for at least {n} tests in {name}; Django's test runner {found}. "
                    "A test is a method named `test_...` on a `django.test.TestCase` (or `SimpleTestCase`) "
                    "subclass; `async def test_...` works too.",
                    at_least,
                    name=name,
                    found=found,
                )
            )

    def assert_catches(self, name: str) -> None:
        """Fail unless at least one of the learner's tests failed against the planted bug `name`."""
        bug = self.bugs[name]
        correct = self.runs["correct"]
        if correct.problem or correct.failed or not correct.ran:
            fail(
                _(
                    "Not tried yet: first your tests must pass against the working app (see the check above). "
                    "Then this check plants a bug ({bug}) and expects one of your tests to fail.",
                    bug=bug.description,
                )
            )
        run = self.runs[name]
        if run.problem:
            return  # crashed or hung on the broken app: that counts as caught
        if not run.failed:
            fail(
                _(
                    "Your {ran} tests all passed against a broken app: {bug}. "
                    "A test suite that passes on this bug would let it ship. {advice}",
                    ran=len(run.ran),
                    bug=bug.description,
                    advice=bug.advice,
                )
            )


def _run_learner_tests(versions: dict[str, dict[str, Path]], within: float, parallel: int) -> dict[str, LearnerTestRun]:
    """Run the learner's test module once per version of the project; a version lists the files it replaces."""
    import shutil
    import subprocess
    import tempfile

    from tutor._django_test_runner import LEARNER_TEST_RESULTS_ENV

    main = learner_file()
    root = _project_root("settings")
    module = ".".join(main.resolve().relative_to(root.resolve()).with_suffix("").parts)
    results_env = os.environ.get(RESULTS_ENV)
    parent = Path(results_env).parent if results_env and Path(results_env).parent.is_dir() else None
    scratch = Path(tempfile.mkdtemp(prefix="tutor-tests-", dir=parent))
    runs: dict[str, LearnerTestRun] = {}
    waiting = list(versions.items())
    running: dict[str, tuple[subprocess.Popen[bytes], Path, Path, float]] = {}
    env = {k: v for k, v in os.environ.items() if k not in (RESULTS_ENV, "DJANGO_SETTINGS_MODULE")}
    try:
        while waiting or running:
            while waiting and len(running) < parallel:
                name, replaces = waiting.pop(0)
                copy = scratch / name
                shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__", "db.sqlite3*", ".tutor"))
                for relative, replacement in replaces.items():
                    shutil.copyfile(replacement, copy / relative)
                results = scratch / f"{name}.json"
                output = scratch / f"{name}.out"
                command = [
                    sys.executable,
                    "manage.py",
                    "test",
                    module,
                    "--noinput",
                    "--verbosity",
                    "1",
                    "--testrunner",
                    "tutor._django_test_runner.RecordingRunner",
                ]
                with open(output, "wb") as sink:
                    process = subprocess.Popen(
                        command,
                        cwd=copy,
                        env={**env, LEARNER_TEST_RESULTS_ENV: str(results), "PYTHONWARNINGS": "default"},
                        stdin=subprocess.DEVNULL,
                        stdout=sink,
                        stderr=subprocess.STDOUT,
                    )
                running[name] = (process, results, output, time.monotonic() + within)
            time.sleep(0.02)
            for name, (process, results, output, deadline) in list(running.items()):
                timed_out = process.poll() is None and time.monotonic() > deadline
                if process.poll() is None and not timed_out:
                    continue
                if timed_out:
                    process.kill()
                    process.wait()
                del running[name]
                runs[name] = _read_learner_run(results, output, process.returncode, timed_out, within)
    finally:
        for process, *_rest in running.values():
            process.kill()
            process.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    return runs


def _read_learner_run(results: Path, output: Path, code: int | None, timed_out: bool, within: float) -> LearnerTestRun:
    text = output.read_text(encoding="utf-8", errors="replace")
    if timed_out:
        return LearnerTestRun(
            problem=_(
                "your tests did not finish within {within:g} s and were stopped: a test that awaits "
                "something that never comes (a stream read to its end, an event nobody sets) hangs forever. "
                "Put a time limit on such waits (`async with asyncio.timeout(2):`).",
                within=within,
            ),
            output=text,
        )
    try:
        document = json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return LearnerTestRun(
            problem=_(
                "Django's test runner stopped before running the tests (exit code {code}):\n{trace}",
                code=code,
                trace=_trace_tail(text),
            ),
            output=text,
        )
    return LearnerTestRun(tuple(document["ran"]), dict(document["failed"]), output=text)


def _short_test_id(test_id: str) -> str:
    """ "tests.NotesTests.test_missing" -> "NotesTests.test_missing"."""
    parts = test_id.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else test_id


def _trace_tail(trace: str, lines: int = 12) -> str:
    """The end of a traceback, without the frames of Python's and the libraries' own code (asgiref,
    unittest, concurrent.futures stand between the learner's test and its error)."""
    kept: list[str] = []
    skipping = False
    for line in trace.strip().splitlines():
        if line.startswith('  File "'):
            path = line.split('"')[1]
            skipping = "site-packages" in path or f"{os.sep}lib{os.sep}python3" in path
        elif not line.startswith("    "):
            skipping = False  # the exception line, or "Traceback ..." / "During handling ..."
        if not skipping:
            kept.append(line)
    return "\n".join(f"    {line}" for line in kept[-lines:])


# --- Server-Sent Events --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One event of a `text/event-stream` body."""

    data: str
    event: str = "message"
    id: str | None = None


class EventStreamReader:
    """Read Server-Sent Events, one at a time and each with a deadline, from a body arriving in chunks:
    httpx's `response.aiter_bytes()` against a real server, or Django's `response.streaming_content`.

    Parses the format as browsers do (`field: value` lines, a blank line ends an event, several `data:`
    lines join with newlines, `:` starts a comment); comments (keep-alives) are kept in `comments`.
    """

    def __init__(self, chunks: Any) -> None:
        self._chunks = aiter(chunks)
        self._pending: asyncio.Future[Any] | None = None  # a read still waiting: kept across deadlines
        self._buffer = ""
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None
        self.comments: list[str] = []
        self.raw = ""  # everything received, for failure messages

    async def next_event(self, *, within: float = 2.0, what: str | None = None) -> ServerSentEvent:
        """The next event; fails with a teaching message when none comes within `within` s or the body ends.

        A read that overstays is not cancelled (that would end an httpx stream): the next call goes on
        waiting for it, so a check may catch the failure and read on. `what` names the stream in failure
        messages ("The stream" by default, in the learner's language).
        """
        what = what if what is not None else _("The stream")
        deadline = time.monotonic() + within
        while True:
            event = self._parse_buffered()
            if event is not None:
                return event
            if not await self._read(deadline, what):
                self._no_event(what, within)

    async def next_comment(self, *, within: float = 2.0, what: str | None = None) -> str:
        """The next comment line (a keep-alive, `: ...`); events read meanwhile are dropped."""
        what = what if what is not None else _("The stream")
        deadline = time.monotonic() + within
        seen = len(self.comments)
        while True:
            event = self._parse_buffered()
            if len(self.comments) > seen:
                return self.comments[seen]
            if event is not None:
                continue
            if not await self._read(deadline, what):
                fail(
                    _(
                        "{what} sent no comment line (`: keep-alive`) within {within:g} s.{received} A quiet stream "
                        "sends one now and then, so proxies do not close it.",
                        what=what,
                        within=within,
                        received=self._received_so_far(),
                    )
                )

    async def _read(self, deadline: float, what: str) -> bool:
        """Wait for the next chunk until `deadline`; False when none came in time."""
        if self._pending is None:
            self._pending = asyncio.ensure_future(anext(self._chunks))
        done, _waiting = await asyncio.wait({self._pending}, timeout=max(0.0, deadline - time.monotonic()))
        if not done:
            return False
        pending, self._pending = self._pending, None
        try:
            chunk = pending.result()
        except StopAsyncIteration:
            received = _(" It sent: {raw!r}", raw=self.raw[-300:]) if self.raw else _(" It sent nothing.")
            fail(
                _(
                    "{what} ended instead of sending the next event.{received} An event stream stays open: "
                    "loop forever (`while True:`), waiting for the next item, and yield one "
                    "`data: ...\\n\\n` block per event.",
                    what=what,
                    received=received,
                )
            )
        text = chunk.decode("utf-8", "replace") if isinstance(chunk, bytes) else str(chunk)
        self.raw += text
        self._buffer += text
        return True

    async def aclose(self) -> None:
        """Stop waiting for a read still pending (the stream itself is closed by whoever opened it)."""
        if self._pending is not None:
            self._pending.cancel()
            with contextlib.suppress(BaseException):
                await self._pending
            self._pending = None

    def _received_so_far(self) -> str:
        """' So far it sent: ...' (the end of what came), for a failure message."""
        return _(" So far it sent: {raw!r}.", raw=self.raw[-300:]) if self.raw else _(" It sent nothing at all.")

    def _no_event(self, what: str, within: float) -> NoReturn:
        fail(
            _(
                "{what} sent no complete event within {within:g} s.{received} Each event is `data: <text>` lines "
                "ended by a blank line (`\\n\\n`); until that blank line arrives, a browser has no event.",
                what=what,
                within=within,
                received=self._received_so_far(),
            )
        )

    def _parse_buffered(self) -> ServerSentEvent | None:
        while True:
            match = re.search(r"\r\n|\n|\r", self._buffer)
            if match is None or (match.group() == "\r" and match.end() == len(self._buffer)):
                return None  # no whole line yet (a lone \r at the end may be half of \r\n)
            line, self._buffer = self._buffer[: match.start()], self._buffer[match.end() :]
            if line == "":
                if self._data:
                    event = ServerSentEvent("\n".join(self._data), self._event or "message", self._id)
                    self._data, self._event = [], ""
                    return event
                self._event = ""
                continue
            if line.startswith(":"):
                self.comments.append(line[1:].strip())
                continue
            field, _colon, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "data":
                self._data.append(value)
            elif field == "event":
                self._event = value
            elif field == "id":
                self._id = value


# --- PostgreSQL (the optional track) --------------------------------------------------------------


@functools.cache
def postgres_server() -> Any:
    """A throwaway PostgreSQL server for this check process: started once (about 0.2 s from a cached
    template), its address put in the environment as PGHOST/PGPORT/PGUSER/PGDATABASE (which asyncpg,
    psycopg and the exercises' Django settings read), stopped when the process ends. Call it before
    `django_project()` in a check of a PostgreSQL exercise. Its folder sits beside the check's results,
    and the server is in the check's process group, so a killed check leaves nothing behind.
    """
    import atexit
    import tempfile

    from tutor import postgres

    results = os.environ.get(RESULTS_ENV)
    scratch = Path(results).parent if results and Path(results).parent.is_dir() else None

    def created(home: Path) -> None:  # the runner removes it after the check, even a killed one
        if scratch is not None:
            with open(scratch / CLEANUP_FILE, "a", encoding="utf-8") as cleanup:
                cleanup.write(f"{home}\n")

    context = postgres.running(scratch or Path(tempfile.gettempdir()), created=created)
    try:
        server = context.__enter__()
    except postgres.PostgresMissing as missing:
        fail(str(missing))
    except postgres.PostgresFailed as failed:
        fail(
            _(
                "The check could not start its PostgreSQL server (a problem of this machine, not of your code): "
                "{error}",
                error=failed,
            )
        )
    atexit.register(context.__exit__, None, None, None)
    os.environ.update(server.environment())
    return server
