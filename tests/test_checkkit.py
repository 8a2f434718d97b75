"""tutor.checkkit: the helpers course checks are written with, exercised in-process."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from conftest import write

from tutor import checkkit
from tutor.checkkit import (
    CheckFailure,
    InFlight,
    LoopHeartbeat,
    fail,
    fake_job,
    load_exercise,
    no_unawaited_coroutines,
    reject_coroutine,
    require_function,
    run_async,
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
