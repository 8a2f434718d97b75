"""The optional PostgreSQL track's engine: a throwaway server that always goes away, and exercises that
are skipped (never failed, never passed) with the install command where PostgreSQL is missing."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import MANIFEST, TUTOR_CMD, TutorEnv, assert_no_crash, build_course, write

from tutor import postgres
from tutor.course import load_course
from tutor.runner import RunStatus, run_check

needs_postgres = pytest.mark.skipif(
    postgres.binaries() is None, reason=f"PostgreSQL is not installed ({postgres.install_command()})"
)


def _server_processes(folder: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if str(folder) in argv:
                found.append(f"{entry.name}: {argv[:100]}")
    return found


@needs_postgres
def test_a_server_starts_answers_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncpg

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for _round in ("from initdb", "from the cached template"):
        homes: list[Path] = []
        with postgres.running(tmp_path, created=homes.append) as server:
            (home,) = homes
            assert _server_processes(home)

            async def ask() -> str:
                connection = await asyncpg.connect(server.dsn())
                try:
                    return str(await connection.fetchval("SELECT current_user"))
                finally:
                    await connection.close()

            assert asyncio.run(ask()) == "postgres"
            assert server.environment()["PGPORT"] == str(server.port)
        assert not home.exists()
        assert _server_processes(home) == []
    assert list((tmp_path / "cache" / "async-django-tutor" / "postgres").glob("template-*"))


PG_CHECK = """\
import os, time
from tutor.checkkit import postgres_server

def test_server_then_hang():
    server = postgres_server()
    assert os.environ["PGPORT"] == str(server.port)
    time.sleep(60)  # the runner's timeout kills this check: the server must die with it
"""


def _course_with_postgres_exercise(root: Path) -> Path:
    manifest = MANIFEST + (
        '\n[[lesson]]\nid = "pg"\ntitle = "PostgreSQL"\nfile = "03-pg.md"\n\n'
        '  [[lesson.exercise]]\n  id = "pg-server"\n  title = "A server"\n  files = ["03_pg/pg.py"]\n'
        '  timeout = 6\n  needs = ["postgres"]\n  hints = ["a", "b", "c"]\n'
    )
    course = build_course(root, manifest)
    write(course / "lessons" / "en" / "03-pg.md", "# PostgreSQL\n\nText.\n")
    for folder in ("exercises", "solutions"):
        write(course / folder / "03_pg" / "pg.py", "# Lesson 3\n")
    write(course / "checks" / "03_pg" / "pg" / "check.py", PG_CHECK)
    return course


@needs_postgres
def test_a_killed_check_takes_its_server_with_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    # A temporary folder of this test's own (reachable by the unprivileged server user when run as root).
    private = Path(tempfile.mkdtemp(prefix="pg-kill-test-", dir="/tmp"))
    os.chmod(private, 0o755)
    monkeypatch.setenv("TMPDIR", str(private))
    try:
        course = load_course(_course_with_postgres_exercise(tmp_path / "course"))
        run = run_check(course, course.find_exercise("pg-server"), course.exercises_dir)
        assert run.status is RunStatus.TIMED_OUT, (run.problem, run.messages, run.output)
        deadline = time.monotonic() + 5
        while _server_processes(private) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _server_processes(private) == [], "the server outlived its check"
        assert list(private.rglob("tutor-pg-*")) == [], "the server's folder outlived its check"
    finally:
        shutil.rmtree(private, ignore_errors=True)


def test_without_postgres_the_exercise_is_skipped_with_the_install_command(
    tutor_env: TutorEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = _course_with_postgres_exercise(tmp_path / "pgcourse")
    monkeypatch.setenv("TUTOR_COURSE_DIR", str(course))
    env = dict(tutor_env.subprocess_env(), TUTOR_POSTGRES_BIN="none")

    def tutor(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [*TUTOR_CMD, *args], cwd=tutor_env.outside, env=env, capture_output=True, text=True, timeout=60
        )
        assert_no_crash(done.stdout + done.stderr)
        return done

    assert tutor("next", "--no-pager").returncode == 0
    checked = tutor("check", "pg-server")
    assert checked.returncode == 3, checked.stdout + checked.stderr
    text = " ".join(checked.stdout.split())
    assert "needs a PostgreSQL server" in text and postgres.install_command() in text
    assert "Skipped, not failed" in text
    listed = tutor("list")
    assert "needs PostgreSQL" in " ".join(listed.stdout.split())
    doctor = tutor("doctor")
    assert "not installed" in doctor.stdout and postgres.install_command() in " ".join(doctor.stdout.split())
    assert doctor.returncode == 0, "PostgreSQL is optional: its absence is not a problem"
    ran = tutor("run", "pg-server")
    assert ran.returncode == 3 and "needs a PostgreSQL server" in " ".join(ran.stdout.split())
    # With everything else solved, the optional track does not keep the learner from finishing.
    progress = tutor_env.workspace / ".tutor" / "progress.json"
    solved = {"add-numbers": "2026-01-01T00:00:00+00:00", "greet-async": "2026-01-01T00:00:00+00:00",
              "hello-asgi": "2026-01-01T00:00:00+00:00"}  # fmt: skip
    progress.write_text(json.dumps({"version": 1, "solved": solved}), encoding="utf-8")
    finished = " ".join(tutor("next", "--no-pager").stdout.split())
    assert "You have solved all 3 exercises" in finished, finished
    assert "The optional PostgreSQL track is waiting (1 left)" in finished, finished
    assert postgres.install_command() in finished


def test_postgres_bin_env_points_at_a_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    postgres.binaries.cache_clear()
    try:
        monkeypatch.setenv(postgres.BIN_ENV, str(tmp_path))
        assert postgres.binaries() is None  # no initdb there
        for name in ("initdb", "postgres"):
            write(tmp_path / name, "#!/bin/sh\n")
        postgres.binaries.cache_clear()
        assert postgres.binaries() == tmp_path
    finally:
        monkeypatch.delenv(postgres.BIN_ENV)
        postgres.binaries.cache_clear()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
