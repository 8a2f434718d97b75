"""Ctrl-C during `tutor check` and `tutor watch`: a short message, the learner's file intact, no orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from conftest import TUTOR_CMD, TutorEnv, assert_no_crash

# Starts a grandchild that would outlive a careless runner, then loops forever.
STUCK_WITH_A_CHILD = """\
import os
import subprocess
import sys

_sleeper = subprocess.Popen(["sleep", "60"])
with open(os.environ["PID_FILE"], "w") as f:
    f.write(str(_sleeper.pid))


def add(a, b):
    while True:
        pass
"""


def _wait_for(path: Path, process: subprocess.Popen[str], seconds: float = 20) -> int:
    deadline = time.monotonic() + seconds
    while not path.exists() or not path.read_text():
        assert process.poll() is None, "tutor ended before the learner's code started"
        assert time.monotonic() < deadline, "the learner's code never started"
        time.sleep(0.02)
    return int(path.read_text())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and ") Z " in stat.read_text())  # a zombie is already dead


def _init(env: TutorEnv) -> Path:
    subprocess.run([*TUTOR_CMD, "init", str(env.workspace)], env=env.subprocess_env(), check=True, capture_output=True)
    return env.workspace


def test_ctrl_c_during_check_stops_everything_and_keeps_the_file(tutor_env: TutorEnv, tmp_path: Path) -> None:
    workspace = _init(tutor_env)
    learner_file = workspace / "exercises" / "01_basics" / "add.py"
    learner_file.write_text(STUCK_WITH_A_CHILD)
    pid_file = tmp_path / "grandchild.pid"
    env = dict(tutor_env.subprocess_env(), PID_FILE=str(pid_file))
    process = subprocess.Popen(
        [*TUTOR_CMD, "check", "add-numbers"],
        cwd=workspace,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        grandchild = _wait_for(pid_file, process)
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground `tutor`
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, output
    assert "Interrupted" in output
    assert_no_crash(output)
    assert learner_file.read_text() == STUCK_WITH_A_CHILD, "Ctrl-C must leave the learner's file as it was"
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild), "a process started by the learner's code outlived `tutor check`"


def test_ctrl_c_during_watch_exits_cleanly(tutor_env: TutorEnv) -> None:
    workspace = _init(tutor_env)
    process = subprocess.Popen(
        [*TUTOR_CMD, "watch"],
        cwd=workspace,
        env=tutor_env.subprocess_env(),
        text=True,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # The first check of the pristine file fails and prints the keys line; then it waits for saves.
        assert process.stdout is not None
        seen = ""
        deadline = time.monotonic() + 30
        while "Watching for saves" not in seen:
            assert time.monotonic() < deadline, seen
            line = process.stdout.readline()
            assert line, "tutor watch ended early:\n" + seen
            seen += line
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    output = seen + rest
    assert "Stopped watching" in output
    assert process.returncode == 130
    assert_no_crash(output)
