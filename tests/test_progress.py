"""tutor.progress: the progress file survives crashes, corruption and concurrent `tutor` processes."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from tutor.progress import FORMAT_VERSION, Progress, ProgressStore, now_stamp


def _filled() -> Progress:
    return Progress(
        solved={"b-ex": "2024-01-02T00:00:00+00:00", "a-ex": "2024-01-01T00:00:00+00:00"},
        lessons_read={"lesson-b", "lesson-a"},
        hints_shown={"a-ex": 2},
    )


def test_missing_file_is_a_fresh_start(tmp_path: Path) -> None:
    loaded = ProgressStore(tmp_path / ".tutor").load()
    assert loaded.progress == Progress()
    assert loaded.recovery_note is None


def test_round_trip(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / ".tutor")
    original = _filled()

    def copy_in(progress: Progress) -> None:
        progress.solved.update(original.solved)
        progress.lessons_read.update(original.lessons_read)
        progress.hints_shown.update(original.hints_shown)

    store.update(copy_in)
    loaded = ProgressStore(tmp_path / ".tutor").load()
    assert loaded.progress == original
    assert loaded.recovery_note is None
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == FORMAT_VERSION
    assert list(data["solved"]) == ["a-ex", "b-ex"]  # sorted: stable diffs for learners who commit it
    assert data["lessons_read"] == ["lesson-a", "lesson-b"]


def test_update_returns_the_changed_progress(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    result = store.update(lambda p: p.solved.setdefault("x", "now"))
    assert result.progress.is_solved("x")
    assert not result.progress.is_solved("y")


def test_json_shape_errors_are_value_errors() -> None:
    with pytest.raises(ValueError):
        Progress.from_json([1, 2])
    with pytest.raises(ValueError):
        Progress.from_json({"solved": ["not", "a", "dict"]})


def test_now_stamp_is_iso_utc() -> None:
    assert now_stamp().endswith("+00:00")


def test_writes_are_atomic_and_leave_no_temp_files(tmp_path: Path) -> None:
    state = tmp_path / ".tutor"
    store = ProgressStore(state)
    for number in range(20):
        store.update(lambda p, n=number: p.solved.setdefault(f"ex-{n}", "t"))
    names = sorted(p.name for p in state.iterdir())
    assert names == ["progress.json", "progress.json.bak", "progress.lock"]
    assert len(json.loads(store.path.read_text(encoding="utf-8"))["solved"]) == 20


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash in the middle of writing (here: the disk is full) leaves the previous file intact."""
    store = ProgressStore(tmp_path)
    store.update(lambda p: p.solved.setdefault("kept", "t"))
    before = store.path.read_bytes()

    import tutor._fs as fs

    real_fdopen = fs.os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self._file = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self._file.close()

        def write(self, data: bytes) -> int:
            self._file.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fs.os, "fdopen", FullDisk)
    with pytest.raises(OSError, match="No space"):
        store.update(lambda p: p.solved.setdefault("lost", "t"))
    monkeypatch.undo()
    assert store.path.read_bytes() == before
    assert not list(tmp_path.glob(".progress.json.*")), "the half-written temp file must be removed"


def test_corrupt_file_is_set_aside_and_backup_restored(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.update(lambda p: p.solved.setdefault("first", "t1"))
    store.update(lambda p: p.solved.setdefault("second", "t2"))  # .bak now holds {"first"}
    store.path.write_text('{"solved": {"first": "t1", "sec', encoding="utf-8")  # torn write

    loaded = ProgressStore(tmp_path).load()

    assert loaded.progress.solved == {"first": "t1"}
    assert loaded.recovery_note is not None and "restored the previous copy" in loaded.recovery_note
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].name in loaded.recovery_note
    assert aside[0].read_text(encoding="utf-8") == '{"solved": {"first": "t1", "sec'
    # The repaired file is healthy again: the next load has nothing to report.
    again = ProgressStore(tmp_path).load()
    assert again.recovery_note is None
    assert again.progress.solved == {"first": "t1"}


def test_corrupt_file_without_backup_starts_afresh(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.path.write_bytes(b"\xff\xfe not json at all")

    loaded = store.load()

    assert loaded.progress == Progress()
    assert loaded.recovery_note is not None and "starting afresh" in loaded.recovery_note
    assert len(list(tmp_path.glob("progress.json.corrupt-*"))) == 1
    assert json.loads(store.path.read_text(encoding="utf-8"))["solved"] == {}


def test_corrupt_backup_too_starts_afresh(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.path.write_text("[]", encoding="utf-8")  # valid JSON, wrong shape
    store.backup_path.write_text("{broken", encoding="utf-8")
    loaded = store.load()
    assert loaded.progress == Progress()
    assert loaded.recovery_note is not None and "starting afresh" in loaded.recovery_note


def test_update_on_a_corrupt_file_recovers_then_applies_the_change(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.path.write_text("garbage", encoding="utf-8")
    result = store.update(lambda p: p.solved.setdefault("new", "t"))
    assert result.recovery_note is not None
    assert ProgressStore(tmp_path).load().progress.solved == {"new": "t"}


def test_wrong_value_types_are_recovered_not_a_crash(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.path.write_text('{"solved": {}, "lessons_read": [], "hints_shown": {"x": null}}', encoding="utf-8")
    loaded = store.load()
    assert loaded.recovery_note is not None
    assert loaded.progress == Progress()


def test_two_corruptions_keep_both_damaged_copies(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.path.write_text("first damage", encoding="utf-8")
    store.load()
    store.path.write_text("second damage", encoding="utf-8")
    store.load()
    kept = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("progress.json.corrupt-*"))
    assert kept == ["first damage", "second damage"]


# --- two processes at once ------------------------------------------------------------------

UPDATES_PER_PROCESS = 50


def _hammer(state_dir: str, prefix: str, start: multiprocessing.synchronize.Event) -> None:
    store = ProgressStore(Path(state_dir))
    start.wait(10)
    for number in range(UPDATES_PER_PROCESS):
        store.update(lambda p, n=number: p.solved.setdefault(f"{prefix}-{n}", "t"))


def test_concurrent_updates_from_two_processes_lose_nothing(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_hammer, args=(str(tmp_path), prefix, start)) for prefix in ("alpha", "beta")]
    for worker in workers:
        worker.start()
    start.set()  # both begin together, so their read-modify-write cycles really overlap
    for worker in workers:
        worker.join(30)
    assert [worker.exitcode for worker in workers] == [0, 0]

    loaded = ProgressStore(tmp_path).load()
    assert loaded.recovery_note is None
    expected = {f"{prefix}-{n}" for prefix in ("alpha", "beta") for n in range(UPDATES_PER_PROCESS)}
    assert set(loaded.progress.solved) == expected
    assert not list(tmp_path.glob(".progress.json.*")), "no temp files left behind"
