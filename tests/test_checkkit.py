"""tutor.checkkit: the helpers course checks are written with, exercised in-process."""

from __future__ import annotations

import asyncio
import re
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import write

from tutor import checkkit
from tutor.checkkit import (
    AppSlot,
    CheckFailure,
    InFlight,
    LoopHeartbeat,
    RecordingApp,
    ServerNotStarted,
    fail,
    fake_job,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_asgi_app,
    require_function,
    run_async,
    serve_asgi,
    serve_daphne,
)


@pytest.fixture
def learner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A learner folder the helpers read through the same environment variables a check process gets."""
    folder = tmp_path / "learner"
    monkeypatch.setenv("TUTOR_LEARNER_DIR", str(folder))
    monkeypatch.setenv("TUTOR_EXERCISE_FILES", "lesson/main_mod_xyz.py")
    monkeypatch.setattr(sys, "path", list(sys.path))
    load_exercise.cache_clear()
    yield folder
    load_exercise.cache_clear()
    for name in ("main_mod_xyz", "helper_mod_xyz"):
        sys.modules.pop(name, None)


def test_fail_raises_an_assertion_with_the_message() -> None:
    with pytest.raises(CheckFailure, match=r"^teach this$") as caught:
        fail("teach this")
    assert isinstance(caught.value, AssertionError)  # so pytest and the plugin treat it as a failed check


def test_load_exercise_imports_the_learners_main_file_once(learner: Path) -> None:
    write(learner / "lesson" / "helper_mod_xyz.py", "VALUE = 41\n")
    write(learner / "lesson" / "main_mod_xyz.py", "from helper_mod_xyz import VALUE\nANSWER = VALUE + 1\n")
    module = load_exercise()
    assert module.ANSWER == 42  # sibling files are importable
    assert load_exercise() is module
    assert checkkit.learner_file() == learner / "lesson" / "main_mod_xyz.py"


def test_load_exercise_lets_learner_errors_through_and_can_retry(learner: Path) -> None:
    path = write(learner / "lesson" / "main_mod_xyz.py", "raise ValueError('boom')\n")
    with pytest.raises(ValueError, match="boom"):
        load_exercise()
    assert "main_mod_xyz" not in sys.modules
    path.write_text("OK = True\n", encoding="utf-8")
    assert load_exercise().OK is True


def test_require_function_explains_each_mistake(learner: Path) -> None:
    write(
        learner / "lesson" / "main_mod_xyz.py",
        "async def coro():\n    pass\n\ndef plain():\n    pass\n\nNOT_A_FUNCTION = 3\n",
    )
    module = load_exercise()
    assert require_function(module, "coro", is_async=True) is module.coro
    assert require_function(module, "plain", is_async=False) is module.plain
    with pytest.raises(CheckFailure, match="has no `missing`"):
        require_function(module, "missing")
    with pytest.raises(CheckFailure, match="should be a function, but it is a int"):
        require_function(module, "NOT_A_FUNCTION")
    with pytest.raises(CheckFailure, match="async def plain"):
        require_function(module, "plain", is_async=True)
    with pytest.raises(CheckFailure, match="not `async def`"):
        require_function(module, "coro", is_async=False)


def test_reject_coroutine_catches_a_missing_await() -> None:
    async def compute() -> int:
        return 1

    assert reject_coroutine(5, "compute()") == 5
    with pytest.raises(CheckFailure, match="Did you forget `await`"):
        reject_coroutine(compute(), "compute()")


def test_run_async_returns_the_result_and_fails_readably_on_a_hang() -> None:
    async def answer() -> int:
        await asyncio.sleep(0)
        return 42

    assert run_async(answer) == 42
    assert run_async(answer()) == 42

    async def never() -> None:
        await asyncio.Event().wait()

    started = time.monotonic()
    with pytest.raises(CheckFailure, match=r"Your greeting did not finish within 0\.2 s"):
        run_async(never, within=0.2, what="Your greeting")
    assert time.monotonic() - started < 2


def test_run_async_does_not_mask_the_learners_own_timeout() -> None:
    async def learner_timeout() -> None:
        raise TimeoutError("from the learner")

    with pytest.raises(TimeoutError, match="from the learner"):
        run_async(learner_timeout, within=5)


def test_no_unawaited_coroutines_names_the_forgotten_call() -> None:
    async def save() -> None:
        pass

    with no_unawaited_coroutines():
        asyncio.run(save())  # awaited: fine

    with (
        pytest.raises(CheckFailure, match=r"You called `.*save\(...\)` but never awaited it"),
        no_unawaited_coroutines(),
    ):
        save()


def test_in_flight_counts_concurrency_without_a_clock() -> None:
    async def together() -> tuple[int, int]:
        counter = InFlight()
        jobs = [fake_job(n, delay=0.01, in_flight=counter) for n in range(3)]
        results = await asyncio.gather(*(job() for job in jobs))
        assert results == [0, 1, 2]
        return counter.peak, counter.entered

    async def one_by_one() -> int:
        counter = InFlight()
        for n in range(3):
            await fake_job(n, delay=0.01, in_flight=counter)()
        return counter.peak

    assert asyncio.run(together()) == (3, 3)
    assert asyncio.run(one_by_one()) == 1


async def _sleeps_politely() -> int:
    await asyncio.sleep(0.4)
    return 1


async def _blocks() -> int:
    time.sleep(0.4)  # what a learner's time.sleep inside async def does to the event loop
    return 1


def _watch(learner_code: Callable[[], Awaitable[int]], settle: bool) -> LoopHeartbeat:
    async def watched() -> LoopHeartbeat:
        async with LoopHeartbeat() as beat:
            await learner_code()
            if settle:
                await asyncio.sleep(0.05)
        return beat

    return asyncio.run(watched())


def test_loop_heartbeat_tells_blocking_from_awaiting() -> None:
    _watch(_sleeps_politely, settle=True).assert_not_blocked(limit=0.3)  # wide margin: CI machines are busy
    blocked = _watch(_blocks, settle=True)
    assert blocked.max_gap > 0.3
    with pytest.raises(CheckFailure, match="blocked the event loop for"):
        blocked.assert_not_blocked()


def test_loop_heartbeat_notices_a_stall_that_ends_the_block() -> None:
    assert _watch(_blocks, settle=False).max_gap > 0.3


# --- ASGI apps and servers ----------------------------------------------------------------

ASGI_APPS = """\
import time

async def app(scope, receive, send):
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hi"})

async def broken(scope, receive, send):
    raise ValueError("boom")

class Instance:
    async def __call__(self, scope, receive, send):
        pass

instance = Instance()
klass = Instance

def wsgi(environ, start_response):
    return [b""]

def sync(scope, receive, send):
    pass

async def two(scope, receive):
    pass

not_callable = 3
"""


def test_require_asgi_app_explains_each_mistake(learner: Path) -> None:
    write(learner / "lesson" / "main_mod_xyz.py", ASGI_APPS)
    module = load_exercise()
    assert require_asgi_app() is module.app
    assert require_asgi_app("instance") is module.instance
    for name, words in [
        ("missing", "Your file has no module-level `missing`. A server imports `missing`"),
        ("klass", "`klass` is a class. The server calls `klass(scope, receive, send)`"),
        ("not_callable", "`not_callable` should be an ASGI application (a callable), but it is a int"),
        ("wsgi", "`wsgi` takes two arguments, like a WSGI application"),
        ("sync", "`sync` must be a coroutine function: `async def sync(scope, receive, send):`"),
        ("two", "`two` takes 2 arguments; an ASGI application takes three"),
    ]:
        with pytest.raises(CheckFailure, match=re.escape(words)):
            require_asgi_app(name)


def _drive(app: Any, scope: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Call an ASGI app once in a fresh loop with an empty request; return what it sent."""
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope or {"type": "http"}, receive, send))
    return sent


def test_recording_app_records_each_connections_messages_as_sent() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        message = {"type": "http.response.body", "body": b"1", "more_body": True}
        await send(message)
        message["more_body"] = False  # reusing one dict: the record keeps what was sent at the time
        await send(message)

    spy = RecordingApp(app)
    assert _drive(spy)[-1] == {"type": "http.response.body", "body": b"1", "more_body": False}  # passed on
    _drive(spy)
    assert [[m["more_body"] for m in sent] for sent in spy.sent] == [[True, False], [True, False]]
    assert (spy.errors, spy.active, spy.peak, spy.heartbeat, spy.stalled()) == ([], 0, 1, None, 0.0)


def test_recording_app_names_the_learners_line_of_an_error(learner: Path) -> None:
    write(learner / "lesson" / "main_mod_xyz.py", ASGI_APPS)
    spy = RecordingApp(require_asgi_app("broken"))
    with pytest.raises(ValueError, match="boom"):
        _drive(spy)
    assert spy.errors == ['ValueError: boom (line 8 of main_mod_xyz.py: `raise ValueError("boom")`)']
    assert spy.sent == [[]]
    assert spy.active == 0


def test_recording_app_counts_connections_inside_at_once() -> None:
    async def scenario() -> RecordingApp:
        release = asyncio.Event()

        async def app(scope: Any, receive: Any, send: Any) -> None:
            await release.wait()

        spy = RecordingApp(app)
        calls = [asyncio.create_task(spy({"type": "http"}, _never, _discard)) for _ in range(3)]
        await asyncio.sleep(0)  # let the three calls start: they wait on `release`
        assert (spy.active, spy.peak) == (3, 3)
        release.set()
        await asyncio.gather(*calls)
        assert (spy.active, spy.peak) == (0, 3)
        spy.reset_measures()
        await spy({"type": "http"}, _never, _discard)
        return spy

    assert asyncio.run(scenario()).peak == 1


async def _never() -> dict[str, Any]:
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


async def _discard(message: Any) -> None:
    pass


def test_recording_app_heartbeat_sees_a_stall_while_it_lasts() -> None:
    entered, release = threading.Event(), threading.Event()

    async def blocking_app(scope: Any, receive: Any, send: Any) -> None:
        entered.set()
        release.wait(timeout=10)  # blocks the loop, like `time.sleep` would, until the test releases it

    spy = RecordingApp(blocking_app, heartbeat=True)
    worker = threading.Thread(target=_drive, args=(spy,))
    worker.start()
    try:
        assert entered.wait(timeout=5)
        time.sleep(0.4)  # the stall being measured, not a synchronisation
        during = spy.stalled()
        assert spy.max_gap < 0.3  # no tick could run: only `stalled()` sees the stall still going on
    finally:
        release.set()
        worker.join(timeout=5)
    assert during > 0.3
    spy.reset_measures()
    assert spy.max_gap == 0.0


def test_app_slot_passes_only_its_scope_types_to_the_app_in_it() -> None:
    calls: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        calls.append(scope["type"])

    slot = AppSlot()
    slot.app = app
    _drive(slot, {"type": "websocket"})
    _drive(slot, {"type": "lifespan"})
    _drive(slot, {"type": "http"})
    both = AppSlot(scopes=("http", "websocket"))
    both.app = app
    _drive(both, {"type": "websocket"})
    assert calls == ["http", "websocket"]


def _answer(text: bytes) -> Callable[..., Awaitable[None]]:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": text})

    return app


def _refused(base: str) -> bool:
    try:
        httpx.get(base, timeout=2, trust_env=False)
    except httpx.ConnectError:
        return True
    return False


def test_app_slot_serves_the_app_of_the_moment() -> None:
    with AppSlot().serve() as slot:
        base = slot.base
        slot.app = _answer(b"one")
        assert httpx.get(base + "/", timeout=5, trust_env=False).content == b"one"
        slot.app = _answer(b"two")
        assert httpx.get(base + "/", timeout=5, trust_env=False).content == b"two"
    assert slot.base == ""
    assert _refused(base)


@pytest.mark.parametrize("client_stays", [True, False], ids=["client-connected", "client-gone"])
def test_serve_asgi_stops_an_app_that_never_ends(client_stays: bool) -> None:
    streaming = threading.Event()
    cancelled: list[str] = []

    async def cancellable(what: str, awaitable: Awaitable[Any]) -> None:
        try:
            await awaitable
        except asyncio.CancelledError:
            cancelled.append(what)
            raise

    async def endless(scope: Any, receive: Any, send: Any) -> None:
        leftover = asyncio.create_task(cancellable("background task", asyncio.Event().wait()))
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b".", "more_body": True})
        streaming.set()
        await cancellable("response", asyncio.Event().wait())  # never ends, never looks at `receive()`
        await leftover

    with httpx.Client(timeout=5, trust_env=False) as client:
        with serve_asgi(endless) as base:
            assert base.startswith("http://127.0.0.1:")
            response = client.send(client.build_request("GET", base + "/"), stream=True)
            assert response.status_code == 200
            assert streaming.wait(timeout=5)
            if not client_stays:
                response.close()
            leaving = time.monotonic()
        assert time.monotonic() - leaving < 3  # uvicorn's grace period (0.5 s) and cancelling what is left
        response.close()
    assert sorted(cancelled) == ["background task", "response"]  # nothing left running in a forgotten loop
    assert _refused(base)


def test_serve_asgi_runs_the_lifespan_shutdown_when_the_block_ends() -> None:
    events: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                events.append(message["type"])
                await send({"type": message["type"] + ".complete"})
                if message["type"] == "lifespan.shutdown":
                    return
        await _answer(b"ok")(scope, receive, send)

    with serve_asgi(app, lifespan="on") as base:
        assert httpx.get(base, timeout=5, trust_env=False).content == b"ok"
        assert events == ["lifespan.startup"]
    assert events == ["lifespan.startup", "lifespan.shutdown"]


def test_serve_asgi_cancels_a_stuck_startup_and_a_stuck_shutdown() -> None:
    cancelled: list[str] = []

    def lifespan_stuck_at(stuck: str) -> Callable[..., Awaitable[None]]:
        async def app(scope: Any, receive: Any, send: Any) -> None:
            while True:
                message = await receive()
                if message["type"] == stuck:
                    try:
                        await asyncio.Event().wait()
                    except asyncio.CancelledError:
                        cancelled.append(stuck)
                        raise
                await send({"type": message["type"] + ".complete"})

        return app

    started = time.monotonic()
    with (
        pytest.raises(ServerNotStarted) as caught,
        serve_asgi(lifespan_stuck_at("lifespan.startup"), ready_within=0.3, lifespan="on"),
    ):
        pass
    assert caught.value.reason == "the startup did not complete within 0.3 s"
    assert str(caught.value) == "The local test server did not start within 0.3 s."
    assert time.monotonic() - started < 2  # cancelled at once: there is nothing to stop gracefully
    with serve_asgi(lifespan_stuck_at("lifespan.shutdown"), lifespan="on"):
        started = time.monotonic()
    assert time.monotonic() - started < 4  # the graceful stop gives up after 2 s
    assert cancelled == ["lifespan.startup", "lifespan.shutdown"]


def test_serve_asgi_reports_a_server_that_stopped_during_startup() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        await send({"type": "lifespan.startup.failed", "message": "no database"})

    with pytest.raises(ServerNotStarted) as caught, serve_asgi(app, lifespan="on", log_level="critical"):
        pass
    assert caught.value.reason == "the server stopped during startup"


def test_serve_daphne_serves_the_learners_app_and_kills_it(learner: Path) -> None:
    write(learner / "lesson" / "main_mod_xyz.py", ASGI_APPS)
    with serve_daphne() as (base, log):
        assert base.startswith("http://127.0.0.1:")
        assert httpx.get(base + "/", timeout=5, trust_env=False).content == b"hi"
        assert "Listening on TCP address" in log()
    assert _refused(base)


def test_serve_daphne_shows_its_log_when_it_cannot_start(learner: Path) -> None:
    write(learner / "lesson" / "main_mod_xyz.py", ASGI_APPS)
    stopped = r"Daphne stopped before serving your app \(exit code \d+\)\. Its log:\n"
    with pytest.raises(CheckFailure, match=stopped), serve_daphne("no_such_app"):
        pass
