"""tutor.runner + tutor.check_plugin: real child processes judging learner files, no false passes, no hangs."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import EXERCISES, write

from tutor.course import Course
from tutor.runner import CheckForks, CheckRun, RunStatus, WarmWorker, interpret, run_check

ADD = "01_basics/add.py"
GREET = "01_basics/greet.py"


def learner_dir_with(tmp_path: Path, rel: str, content: str | bytes) -> Path:
    """A learner folder holding one exercise file with `content`."""
    folder = tmp_path / "learner"
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return folder


def check_add(course: Course, tmp_path: Path, content: str | bytes, **kwargs: Any) -> CheckRun:
    folder = learner_dir_with(tmp_path, ADD, content)
    return run_check(course, course.find_exercise("add-numbers"), folder, **kwargs)


@pytest.fixture
def no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the runner starts any process."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the runner started a child process for a file it could judge in-process")

    monkeypatch.setattr("tutor.runner.subprocess.Popen", refuse)


# --- the honest cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", ["add-numbers", "greet-async", "hello-asgi"])
def test_pristine_fails_and_solution_passes(course: Course, exercise_id: str) -> None:
    exercise = course.find_exercise(exercise_id)
    pristine = run_check(course, exercise, course.exercises_dir)
    assert pristine.status is RunStatus.FAILED
    assert not pristine.passed
    assert any(not o.passed for o in pristine.outcomes)
    solved = run_check(course, exercise, course.solutions_dir)
    assert solved.status is RunStatus.PASSED, solved.messages or solved.output
    assert solved.outcomes and all(o.passed for o in solved.outcomes)


def test_failure_carries_the_checks_teaching_message_and_titles(course: Course) -> None:
    run = run_check(course, course.find_exercise("add-numbers"), course.exercises_dir)
    assert [o.title for o in run.outcomes] == ["add(2, 3) gives 5", "add(-2, -3) gives -5"]
    assert [o.status for o in run.outcomes] == ["failed", "failed"]
    assert run.outcomes[0].message == "add(2, 3) should give 5, but it gave 0. Return the sum with `+`."
    assert run.outcomes[0].kind == "assertion"


def test_partial_pass_is_still_a_failure(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "def add(a, b):\n    return 5\n")
    assert run.status is RunStatus.FAILED
    assert [o.status for o in run.outcomes] == ["passed", "failed"]


def test_learner_exception_points_at_the_learners_line(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "def add(a, b):\n    total = a + b\n    return totl\n")
    assert run.status is RunStatus.FAILED
    first = run.outcomes[0]
    assert "NameError" in first.message and "totl" in first.message
    assert first.kind == "learner-error"
    assert [(f.line, f.function, f.code) for f in first.frames] == [(3, "add", "return totl")]
    assert all("site-packages" not in str(f.path) and "tutor" not in f.path.parts for f in first.frames)


def test_learner_output_is_captured_per_check(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "def add(a, b):\n    print('debug', a, b)\n    return 0\n")
    assert "debug 2 3" in run.outcomes[0].output


def test_missing_file_is_reported_without_a_child(course: Course, tmp_path: Path, no_child: None) -> None:
    run = run_check(course, course.find_exercise("add-numbers"), tmp_path / "empty")
    assert run.status is RunStatus.MISSING_FILE
    assert "add.py is missing" in run.problem


# --- syntax and encoding: judged in-process, at once ------------------------------------------


def test_syntax_error_gives_the_line_without_starting_a_child(course: Course, tmp_path: Path, no_child: None) -> None:
    started = time.perf_counter()
    run = check_add(course, tmp_path, "# brief\n\ndef add(a, b)\n    return a + b\n")
    assert time.perf_counter() - started < 1.0
    assert run.status is RunStatus.SYNTAX_ERROR
    assert run.problem.startswith("SyntaxError")
    assert run.location is not None
    assert run.location.line == 3
    assert run.location.path.name == "add.py"
    assert "def add(a, b)" in run.location.code


def test_indentation_error_is_a_syntax_error(course: Course, tmp_path: Path, no_child: None) -> None:
    run = check_add(course, tmp_path, "def add(a, b):\nreturn a + b\n")
    assert run.status is RunStatus.SYNTAX_ERROR
    assert run.problem.startswith("IndentationError")
    assert run.location is not None and run.location.line == 2


def test_non_utf8_file_gives_a_clear_message(course: Course, tmp_path: Path, no_child: None) -> None:
    run = check_add(course, tmp_path, b"x = '\xe9'\n")
    assert run.status is RunStatus.SYNTAX_ERROR
    assert "not valid UTF-8" in run.problem
    assert "0xe9" in run.problem and "line 1" in run.problem
    assert "Save the file as UTF-8" in run.problem


def test_non_utf8_byte_further_down_names_its_line(course: Course, tmp_path: Path, no_child: None) -> None:
    run = check_add(course, tmp_path, b"a = 1\nb = 2\nc = 3\nx = '\xe9'\n")
    assert run.status is RunStatus.SYNTAX_ERROR
    assert "line 4" in run.problem
    assert run.location is not None and run.location.line == 4


def test_unknown_coding_declaration_is_named(course: Course, tmp_path: Path, no_child: None) -> None:
    run = check_add(course, tmp_path, b"# -*- coding: klingon -*-\nx = 1\n")
    assert run.status is RunStatus.SYNTAX_ERROR
    assert "klingon" in run.problem


def test_null_byte_is_a_syntax_error_not_a_crash(course: Course, tmp_path: Path, no_child: None) -> None:
    run = check_add(course, tmp_path, b"x = 1\x00\n")
    assert run.status is RunStatus.SYNTAX_ERROR
    assert run.problem


# --- hangs ------------------------------------------------------------------------------------------


def test_infinite_loop_times_out_at_the_looping_line(course: Course, tmp_path: Path) -> None:
    exercise = course.find_exercise("add-numbers")
    assert exercise.timeout == 4  # from the manifest
    started = time.monotonic()
    run = check_add(course, tmp_path, "def add(a, b):\n    while True:\n        pass\n")
    elapsed = time.monotonic() - started
    assert run.status is RunStatus.TIMED_OUT
    assert elapsed < exercise.timeout + 3
    timed_out = [o for o in run.outcomes if o.status == "timeout"]
    assert timed_out, [o.status for o in run.outcomes]
    assert {f.line for f in timed_out[0].frames} & {2, 3}, "the frame must point into the loop"
    assert "did not finish in time" in timed_out[0].message
    # The next check is skipped, not run into the same wall.
    assert [o.status for o in run.outcomes][1:] == ["skipped"]


def test_loop_that_swallows_the_alarm_is_killed_at_the_hard_timeout(course: Course, tmp_path: Path) -> None:
    source = (
        "def add(a, b):\n"
        "    while True:\n"
        "        try:\n"
        "            while True:\n"
        "                pass\n"
        "        except BaseException:\n"
        "            pass\n"
    )
    started = time.monotonic()
    run = check_add(course, tmp_path, source, timeout=2)
    elapsed = time.monotonic() - started
    assert run.status is RunStatus.TIMED_OUT
    assert 1.9 < elapsed < 2 + 3
    assert "did not finish within 2 s" in run.problem
    assert "loops forever" in run.problem


def test_reading_stdin_fails_at_once_with_a_message_about_input(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "def add(a, b):\n    return int(input('number? '))\n")
    assert run.status is RunStatus.FAILED  # not TIMED_OUT: nothing waited for a keyboard
    assert "input()" in run.outcomes[0].message
    assert run.outcomes[0].frames[-1].line == 2


# --- no false passes -----------------------------------------------------------------------------------


def test_os_exit_at_import_is_a_crash_not_a_pass(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "import os\nos._exit(0)\n\ndef add(a, b):\n    return a + b\n")
    assert not run.passed
    assert run.status is RunStatus.CRASHED
    assert "exit code 0" in run.problem
    assert "os._exit()" in run.problem


def test_sys_exit_fails_with_a_message_about_sys_exit(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "import sys\n\ndef add(a, b):\n    return a + b\n\nsys.exit(0)\n")
    assert run.status is RunStatus.FAILED
    assert run.outcomes and all(not o.passed for o in run.outcomes)
    assert "sys.exit(0)" in run.outcomes[0].message
    assert '__name__ == "__main__"' in run.outcomes[0].message
    assert run.outcomes[0].frames[-1].line == 6


def test_empty_file_fails(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "")
    assert run.status is RunStatus.FAILED
    assert "no `add`" in run.outcomes[0].message


def test_def_where_async_def_is_needed_fails_with_a_teaching_message(course: Course, tmp_path: Path) -> None:
    folder = learner_dir_with(tmp_path, GREET, "def greet(name):\n    return f'hello {name}'\n")
    run = run_check(course, course.find_exercise("greet-async"), folder)
    assert run.status is RunStatus.FAILED
    assert "async def greet" in run.outcomes[0].message


def test_unawaited_coroutine_turns_a_pass_into_a_failure(course: Course, tmp_path: Path) -> None:
    source = "async def log_call():\n    pass\n\ndef add(a, b):\n    log_call()  # never awaited\n    return a + b\n"
    run = check_add(course, tmp_path, source)
    assert run.status is RunStatus.FAILED
    assert "never awaited" in run.outcomes[0].message
    assert "log_call" in run.outcomes[0].message


def test_a_check_that_cannot_be_collected_is_a_course_error(course: Course, tmp_path: Path) -> None:
    write(course.check_dir(course.find_exercise("add-numbers")) / "check.py", "import no_such_module_xyz\n")
    run = run_check(course, course.find_exercise("add-numbers"), course.solutions_dir)
    assert run.status is RunStatus.COURSE_ERROR
    assert "bug in the course" in run.problem
    assert "no_such_module_xyz" in run.output


def test_a_check_file_without_tests_is_a_course_error(course: Course) -> None:
    write(course.check_dir(course.find_exercise("add-numbers")) / "check.py", "X = 1\n")
    run = run_check(course, course.find_exercise("add-numbers"), course.solutions_dir)
    assert run.status is RunStatus.COURSE_ERROR
    assert "No checks were found" in run.problem


def test_skip_raised_by_learner_code_is_not_a_pass(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, "import pytest\n\ndef add(a, b):\n    pytest.skip('later')\n")
    assert not run.passed


def test_pytest_exit_in_learner_code_is_not_a_pass(course: Course, tmp_path: Path) -> None:
    folder = learner_dir_with(tmp_path, GREET, "import pytest\n\nasync def greet(name):\n    pytest.exit('bye', 0)\n")
    run = run_check(course, course.find_exercise("greet-async"), folder)
    assert not run.passed


# --- isolation -----------------------------------------------------------------------------------------


def _process_is_gone(pid: int) -> bool:
    """True when `pid` no longer runs: absent, or a zombie waiting for init to reap it."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_no_process_started_by_learner_code_survives_the_run(course: Course, tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    source = (
        "import subprocess\n"
        "helper = subprocess.Popen(['sleep', '60'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(helper.pid))\n"
        "\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    run = check_add(course, tmp_path, source)
    assert run.status is RunStatus.PASSED, run.messages
    pid = int(pid_file.read_text())
    # SIGKILL was sent before run_check returned; allow the kernel a moment to deliver it.
    deadline = time.monotonic() + 5
    while not _process_is_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    gone = _process_is_gone(pid)
    if not gone:
        os.kill(pid, 9)
    assert gone, f"process {pid} started by the learner's code outlived the check"


def test_pytest_addopts_of_the_learner_do_not_reach_the_child(course: Course, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_ADDOPTS", "--no-such-option -x")
    run = run_check(course, course.find_exercise("add-numbers"), course.solutions_dir)
    assert run.status is RunStatus.PASSED, run.output


def test_the_check_leaves_no_bytecode_in_the_learner_folder(course: Course, tmp_path: Path) -> None:
    run = check_add(course, tmp_path, EXERCISES[ADD][1])
    assert run.passed
    assert not list((tmp_path / "learner").rglob("__pycache__"))


# --- interpret(): the verdict rules, without processes ---------------------------------------------------


def _results(**overrides: object) -> dict[str, object]:
    document: dict[str, object] = {
        "finished": True,
        "exitstatus": 0,
        "collected": [{"id": "check.py::test_a", "name": "test_a", "title": "a"}],
        "collect_errors": [],
        "outcomes": {"check.py::test_a": {"outcome": "passed", "message": "", "frames": []}},
        "warnings": {},
    }
    document.update(overrides)
    return document


def test_interpret_passes_only_a_clean_complete_run(course: Course) -> None:
    ex = course.find_exercise("add-numbers")
    assert interpret(ex, _results(), 0, "", 4).status is RunStatus.PASSED
    assert interpret(ex, None, 0, "", 4).status is RunStatus.CRASHED
    assert interpret(ex, _results(), None, "", 4).status is RunStatus.TIMED_OUT
    assert interpret(ex, _results(collected=[]), 0, "", 4).status is RunStatus.COURSE_ERROR
    assert interpret(ex, _results(exitstatus=1), 1, "", 4).status is RunStatus.FAILED
    unclean = interpret(ex, _results(), 3, "", 4)
    assert unclean.status is RunStatus.FAILED and "exit code 3" in unclean.problem
    never_ran = interpret(ex, _results(outcomes={}), 0, "", 4)
    assert never_ran.status is RunStatus.FAILED
    assert "never ran" in never_ran.outcomes[0].message


# --- the warm worker (watch mode): same verdicts, same isolation -----------------------------------------


def _wait_until_gone(process_pid: int, within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while not _process_is_gone(process_pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    return _process_is_gone(process_pid)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (EXERCISES[ADD][1], RunStatus.PASSED),
        (EXERCISES[ADD][0], RunStatus.FAILED),
        ("import os\nos._exit(0)\n", RunStatus.CRASHED),
        ("def add(a, b):\n    while True:\n        pass\n", RunStatus.TIMED_OUT),
    ],
    ids=["solution", "pristine", "os-exit", "loop"],
)
def test_warm_worker_gives_the_same_verdict_as_a_cold_run(
    course: Course, tmp_path: Path, source: str, expected: RunStatus
) -> None:
    folder = learner_dir_with(tmp_path, ADD, source)
    warm = WarmWorker()
    try:
        run = run_check(course, course.find_exercise("add-numbers"), folder, warm=warm, timeout=3)
    finally:
        warm.close()
    assert run.status is expected, run.messages or run.output
    if expected is RunStatus.TIMED_OUT:
        assert any(f.line in (2, 3) for o in run.outcomes for f in o.frames)


def test_warm_worker_is_used_up_and_cleaned_after_a_run(course: Course) -> None:
    warm = WarmWorker()
    assert warm.is_ready()
    run = run_check(course, course.find_exercise("greet-async"), course.solutions_dir, warm=warm)
    assert run.passed, run.messages or run.output
    assert warm.process is not None and warm.process.poll() is not None
    assert not warm.is_ready()
    assert not warm.scratch.exists()


def test_warm_worker_is_closed_when_precheck_answers(course: Course, tmp_path: Path) -> None:
    warm = WarmWorker()
    folder = learner_dir_with(tmp_path, ADD, "def add(a, b)\n")
    run = run_check(course, course.find_exercise("add-numbers"), folder, warm=warm)
    assert run.status is RunStatus.SYNTAX_ERROR
    assert warm.process is not None and warm.process.poll() is not None
    assert not warm.scratch.exists()


def test_a_dead_warm_worker_falls_back_to_a_cold_run(course: Course) -> None:
    warm = WarmWorker()
    assert warm.process is not None
    warm.process.kill()
    warm.process.wait(5)
    run = run_check(course, course.find_exercise("add-numbers"), course.solutions_dir, warm=warm)
    assert run.status is RunStatus.PASSED, run.messages or run.output
    assert not warm.scratch.exists()


def test_closing_an_unused_warm_worker_stops_it(tmp_path: Path) -> None:
    warm = WarmWorker()
    assert warm.process is not None
    pid = warm.process.pid
    warm.close()
    assert _wait_until_gone(pid)
    assert not warm.scratch.exists()


def test_warm_worker_kills_processes_started_by_learner_code(course: Course, tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    source = (
        "import subprocess\n"
        f"open({str(pid_file)!r}, 'w').write(str(subprocess.Popen(['sleep', '60']).pid))\n"
        "def add(a, b):\n"
        "    return a + b\n"
    )
    folder = learner_dir_with(tmp_path, ADD, source)
    warm = WarmWorker()
    try:
        run = run_check(course, course.find_exercise("add-numbers"), folder, warm=warm)
    finally:
        warm.close()
    assert run.passed, run.messages
    pid = int(pid_file.read_text())
    gone = _wait_until_gone(pid)
    if not gone:
        os.kill(pid, 9)
    assert gone, f"process {pid} started by the learner's code outlived the warm check"


@pytest.fixture
def stdin_is_a_silent_pipe() -> Iterator[None]:
    """Make this process's fd 0 a pipe nobody writes to: a child that inherited it would block on read."""
    read_end, write_end = os.pipe()
    saved = os.dup(0)
    os.dup2(read_end, 0)
    try:
        yield
    finally:
        os.dup2(saved, 0)
        for fd in (saved, read_end, write_end):
            os.close(fd)


@pytest.mark.parametrize("mode", ["cold", "warm"])
def test_learner_code_reads_a_closed_stdin(
    course: Course, tmp_path: Path, stdin_is_a_silent_pipe: None, mode: str
) -> None:
    source = "import os\n\ndef add(a, b):\n    assert os.read(0, 100) == b''\n    return a + b\n"
    folder = learner_dir_with(tmp_path, ADD, source)
    warm = WarmWorker() if mode == "warm" else None
    try:
        run = run_check(course, course.find_exercise("add-numbers"), folder, warm=warm)
    finally:
        if warm is not None:
            warm.close()
    assert run.status is RunStatus.PASSED, run.messages or run.output


def test_a_warm_worker_imports_what_the_check_needs_ahead(course: Course, tmp_path: Path) -> None:
    """Preloaded modules are in the check process before the job arrives; a broken name is skipped."""
    from tutor.runner import modules_to_preload

    plain = course.find_exercise("add-numbers")
    assert "django.test" not in modules_to_preload(plain)
    assert "django.test" in modules_to_preload(replace(plain, files=("p/views.py", "p/settings.py")))
    # The learner's `add` is right only in a process where the module was imported before it ran.
    folder = learner_dir_with(
        tmp_path,
        ADD,
        'import sys\nPRELOADED = "email.mime.audio" in sys.modules\n'
        "def add(a, b):\n    return a + b if PRELOADED else -1\n",
    )
    cold = run_check(course, plain, folder)
    assert not cold.passed, "without preloading the module is not there: the test would prove nothing"
    warm = WarmWorker(preload=("no_such_module_here", "email.mime.audio"))
    try:
        run = run_check(course, plain, folder, warm=warm)
    finally:
        warm.close()
    assert run.passed, run.messages or run.output


# --- checks forked from a fork server (`tutor verify`) -----------------------------------------------


@pytest.fixture(scope="module")
def forks() -> CheckForks:
    return CheckForks(["tutor.checkkit"])


@pytest.mark.parametrize(
    ("source", "status"),
    [
        ("def add(a, b):\n    return a + b\n", RunStatus.PASSED),
        ("def add(a, b):\n    return a - b\n", RunStatus.FAILED),
        ("import os\nos._exit(3)\n", RunStatus.CRASHED),
        ("def add(a, b):\n    while True:\n        pass\n", RunStatus.TIMED_OUT),
    ],
    ids=["pass", "fail", "exit", "endless"],
)
def test_a_forked_check_gives_the_same_verdicts(
    course: Course, tmp_path: Path, forks: CheckForks, source: str, status: RunStatus
) -> None:
    run = check_add(course, tmp_path, source, forks=forks, timeout=4)
    assert run.status is status, (run.problem, run.messages, run.output)


def test_a_forked_check_leaves_no_process_behind(course: Course, tmp_path: Path, forks: CheckForks) -> None:
    pid_file = tmp_path / "grandchild.pid"
    source = (
        "import subprocess, time\n"
        "helper = subprocess.Popen(['sleep', '60'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(helper.pid))\n"
        "def add(a, b):\n"
        "    time.sleep(60)\n"
    )
    run = check_add(course, tmp_path, source, forks=forks, timeout=3)
    assert run.status is RunStatus.TIMED_OUT
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not _process_is_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _process_is_gone(pid), f"process {pid} started by the learner's code outlived the forked check"
