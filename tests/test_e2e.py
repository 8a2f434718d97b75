"""End to end on the REAL course: a learner goes from `tutor init` to a solved exercise, as real processes.

These tests read the course shipped in this repository (course.toml, exercises/, solutions/, checks/).
They skip while the course has no exercises yet.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import REPO_ROOT, TUTOR_CMD, TutorEnv, assert_no_crash

from tutor import postgres
from tutor.course import Course, Exercise, load_course

PREFERRED_EXERCISE = "hello-loop"


@pytest.fixture
def real_course(tutor_env: TutorEnv, monkeypatch: pytest.MonkeyPatch) -> Course:
    """The course in this checkout, found the way an installed `tutor` finds it (no TUTOR_COURSE_DIR)."""
    monkeypatch.delenv("TUTOR_COURSE_DIR")
    course = load_course()
    assert course.root in (REPO_ROOT, REPO_ROOT / "tutor" / "_course")
    if not course.exercises:
        pytest.skip("the real course has no exercises yet")
    return course


def _first_exercise(course: Course) -> Exercise:
    ids = {ex.id for ex in course.exercises}
    return course.find_exercise(PREFERRED_EXERCISE if PREFERRED_EXERCISE in ids else course.exercises[0].id)


def tutor(env: TutorEnv, cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [*TUTOR_CMD, *args], cwd=cwd, env=env.subprocess_env(), capture_output=True, text=True, timeout=timeout
    )
    assert_no_crash(done.stdout + done.stderr)
    return done


@pytest.mark.slow
def test_a_learner_solves_the_first_exercise(real_course: Course, tutor_env: TutorEnv, tmp_path: Path) -> None:
    exercise = _first_exercise(real_course)
    root = tmp_path / "my-course"

    init = tutor(tutor_env, tmp_path, "init", str(root))
    assert init.returncode == 0, init.stderr
    mine = root / "exercises" / exercise.main_file
    pristine = (real_course.exercises_dir / exercise.main_file).read_text(encoding="utf-8")
    assert mine.read_text(encoding="utf-8") == pristine

    shown = tutor(tutor_env, root, "next", "--no-pager")
    assert shown.returncode == 0, shown.stderr
    if exercise == real_course.exercises[0]:
        assert f"Exercise {exercise.label}" in shown.stdout
        assert real_course.lesson_of(exercise).title in shown.stdout

    failing = tutor(tutor_env, root, "check", exercise.id)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "solved!" not in failing.stdout

    for rel in exercise.files:
        shutil.copyfile(real_course.solution_file(rel), root / "exercises" / rel)
    passing = tutor(tutor_env, root, "check", exercise.id)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "solved!" in " ".join(passing.stdout.split())

    listed = tutor(tutor_env, root / "exercises", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows[exercise.id]["status"] == "solved"
    assert "solved" in tutor(tutor_env, root, "list").stdout

    reset = tutor(tutor_env, root, "reset", exercise.id, "--yes")
    assert reset.returncode == 0, reset.stderr
    assert mine.read_text(encoding="utf-8") == pristine
    solution = (real_course.solutions_dir / exercise.main_file).read_text(encoding="utf-8")
    backups = list((root / ".tutor" / "backups" / exercise.id).glob(f"*/{exercise.main_file}"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [solution]
    # Resetting the file does not take the solve away.
    rows = {row["id"]: row for row in json.loads(tutor(tutor_env, root, "list", "--json").stdout)}
    assert rows[exercise.id]["status"] == "solved"


def _lesson_numbers() -> list[int]:
    try:
        return [lesson.number for lesson in load_course(REPO_ROOT).lessons if lesson.exercises]
    except Exception:  # the course is being written; the other tests report a broken manifest
        return []


@pytest.mark.slow
@pytest.mark.parametrize("lesson_number", _lesson_numbers())
def test_a_learner_reaches_and_solves_each_lesson(
    lesson_number: int, real_course: Course, tutor_env: TutorEnv, tmp_path: Path
) -> None:
    """With every earlier exercise solved, `tutor next` shows this lesson; its first exercise fails
    as shipped, a hint helps, and the reference answer passes and moves the learner on."""
    lesson = real_course.find_lesson(str(lesson_number))
    exercise = lesson.exercises[0]
    root = tmp_path / "ws"
    assert tutor(tutor_env, tmp_path, "init", str(root)).returncode == 0
    earlier = [ex.id for ex in real_course.exercises[: real_course.exercises.index(exercise)]]
    progress = {"version": 1, "solved": dict.fromkeys(earlier, "2026-01-01T00:00:00+00:00")}
    (root / ".tutor" / "progress.json").write_text(json.dumps(progress), encoding="utf-8")

    shown = tutor(tutor_env, root, "next", "--no-pager")
    assert shown.returncode == 0, shown.stderr
    assert f"Exercise {exercise.label}" in shown.stdout
    assert "Lesson" in shown.stdout

    failing = tutor(tutor_env, root, "check")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    hint = tutor(tutor_env, root, "hint")
    assert hint.returncode == 0 and f"Hint 1 of {len(exercise.hints)}" in hint.stdout

    for rel in exercise.files:
        shutil.copyfile(real_course.solution_file(rel), root / "exercises" / rel)
    passing = tutor(tutor_env, root, "check")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    rows = {row["id"]: row for row in json.loads(tutor(tutor_env, root, "list", "--json").stdout)}
    assert rows[exercise.id]["status"] == "solved"


# CI runs the tests on two pairs; each verifies the course in one language, so both languages are
# proven in one CI run without doing the work twice. Set TUTOR_VERIFY_LANG to choose by hand.
VERIFY_LANGUAGE = os.environ.get("TUTOR_VERIFY_LANG") or ("en" if sys.version_info < (3, 12) else "ru")


@pytest.mark.slow
def test_verify_the_whole_real_course(
    real_course: Course, tutor_env: TutorEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CI proof of the course: every exercise fails as shipped and passes solved (see docs/AUTHORING.md),
    with the teaching messages of VERIFY_LANGUAGE."""
    monkeypatch.setenv("TUTOR_LANG", VERIFY_LANGUAGE)
    # Two cases per core: a check spends most of its time waiting (fake upstreams, servers, deadlines),
    # measured at about a third of two cores with one case per core; the checks are built to hold
    # their margins on a loaded machine (docs/AUTHORING.md, "Verifying").
    jobs = str(2 * (os.cpu_count() or 1))
    chosen = [ex.id for ex in real_course.exercises if "postgres" not in ex.needs]  # see the next test
    done = tutor(tutor_env, tutor_env.outside, "verify", "--jobs", jobs, *chosen, timeout=1800)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    # Servers the checks started (uvicorn threads, Daphne processes) must all be gone.
    survivors = _processes_from_check_folders()
    assert survivors == [], f"processes outlived `tutor verify`: {survivors}"


@pytest.mark.slow
@pytest.mark.skipif(
    postgres.binaries() is None,
    reason=f"PostgreSQL is not installed, so its track is not verified here ({postgres.install_command()})",
)
def test_verify_the_postgres_track(
    real_course: Course, tutor_env: TutorEnv, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The optional PostgreSQL track, on real throwaway servers (CI installs PostgreSQL; see .ci/run)."""
    monkeypatch.setenv("TUTOR_LANG", VERIFY_LANGUAGE)
    chosen = [ex.id for ex in real_course.exercises if "postgres" in ex.needs]
    if not chosen:
        pytest.skip("the course has no PostgreSQL exercises yet")
    # A temporary folder of this run's own, so servers and folders of other jobs on the machine do not
    # count (reachable by the unprivileged server user when run as root).
    private = Path(tempfile.mkdtemp(prefix="pg-verify-", dir="/tmp"))
    os.chmod(private, 0o755)
    monkeypatch.setenv("TMPDIR", str(private))
    try:
        jobs = str(2 * (os.cpu_count() or 1))
        done = tutor(tutor_env, tutor_env.outside, "verify", "--jobs", jobs, *chosen, timeout=900)
        assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
        survivors = _processes_from_check_folders() + _postgres_servers(str(private))
        assert survivors == [], f"processes outlived `tutor verify`: {survivors}"
        assert list(private.rglob("tutor-pg-*")) == [], "a PostgreSQL folder was left behind"
    finally:
        shutil.rmtree(private, ignore_errors=True)


def _postgres_servers(mark: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if "tutor-pg-" in argv and mark in argv:
                found.append(f"{entry.name}: {argv[:100]}")
    return found


def _processes_from_check_folders() -> list[str]:
    """Live processes whose command line or working folder is a check's scratch folder."""
    found = []
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and any(mark in argv + cwd for mark in ("tutor-verify-", "tutor-check-")):
            found.append(f"{entry.name}: {argv.strip()[:120]}")
    return found


CAPSTONE = "board-live"


@pytest.mark.slow
def test_the_capstone_runs_live_with_tutor_run(real_course: Course, tutor_env: TutorEnv, tmp_path: Path) -> None:
    """`tutor run` serves the finished capstone: the page, a notice pushed to two open event streams at
    once, then Ctrl-C stops it with the streams still open, leaving no process and a free port."""
    import asyncio
    import re
    import signal
    import socket
    import time

    import httpx

    from tutor.checkkit import EventStreamReader

    if CAPSTONE not in {ex.id for ex in real_course.exercises}:
        pytest.skip("the capstone is not in the course yet")
    exercise = real_course.find_exercise(CAPSTONE)
    root = tmp_path / "ws"
    assert tutor(tutor_env, tmp_path, "init", str(root)).returncode == 0
    for rel in exercise.files:
        shutil.copyfile(real_course.solution_file(rel), root / "exercises" / rel)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output = tmp_path / "run.txt"
    with open(output, "w") as sink:
        server = subprocess.Popen(
            [*TUTOR_CMD, "run", CAPSTONE, "--port", str(port)],
            cwd=root,
            env=tutor_env.subprocess_env(),
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a group of its own, as a terminal's foreground job
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, output.read_text()
            try:
                page = httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, output.read_text()
                time.sleep(0.2)
        assert page.status_code == 200 and "EventSource" in page.text
        assert re.search(r"curl -N http://127\.0\.0\.1:\d+/events/", output.read_text())

        async def watch_and_post() -> list[str]:
            async with (
                httpx.AsyncClient(base_url=base, timeout=10) as client,
                client.stream("GET", "/events/") as one,
                client.stream("GET", "/events/") as two,
            ):
                readers = [EventStreamReader(one.aiter_bytes()), EventStreamReader(two.aiter_bytes())]
                for _attempt in range(100):  # both subscribed before the notice is made
                    if (await client.get("/api/status/")).json()["subscribers"] >= 2:
                        break
                    await asyncio.sleep(0.05)
                posted = await client.post("/api/notices/", json={"title": "from the e2e test"})
                assert posted.status_code == 201, posted.text

                async def first_notice(reader: EventStreamReader) -> str:
                    while True:
                        event = await reader.next_event(within=5, what="GET /events/")
                        if "from the e2e test" in event.data:
                            return event.data

                seen = await asyncio.gather(*(first_notice(r) for r in readers))
                # Ctrl-C while both streams are still open: the server must not wait for them.
                os.killpg(server.pid, signal.SIGINT)
                return list(seen)

        assert len(asyncio.run(watch_and_post())) == 2
        stopped = time.monotonic()
        assert server.wait(timeout=10) == 0, output.read_text()
        assert time.monotonic() - stopped < 8
        assert "Stopped." in output.read_text()
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # the port is free again
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cwd_inside(p, root)]
    assert left == [], f"processes left running in the workspace: {left}"


def _cwd_inside(process: Path, folder: Path) -> bool:
    try:
        return Path(os.readlink(process / "cwd")).is_relative_to(folder)
    except OSError:
        return False
