"""Run an exercise's checks in an isolated child process and return typed results.

The learner's code never runs inside the CLI process. Each run is a `pytest` child in its own
process group, with stdin closed, plugin autoloading off, and a hard timeout after which the
whole group is killed. A pass counts only when the child's structured results say that every
collected check passed; anything else (no results, an early exit, nothing collected) fails.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any

from tutor._protocol import (
    BUDGET_ENV,
    CLEANUP_FILE,
    EXERCISE_FILES_ENV,
    LEARNER_DIR_ENV,
    PRELOAD_ENV,
    RESULTS_ENV,
)
from tutor.course import COURSE_DIR_ENV, Course, Exercise
from tutor.i18n import LANGUAGE_ENV, _

# Time the child needs to start and report, kept out of the per-check budget.
REPORTING_MARGIN = 2.0
_OUTPUT_TAIL = 3000


class RunStatus(Enum):
    """The verdict on a whole check run."""

    PASSED = "passed"
    FAILED = "failed"
    SYNTAX_ERROR = "syntax-error"
    TIMED_OUT = "timed-out"
    CRASHED = "crashed"
    MISSING_FILE = "missing-file"
    COURSE_ERROR = "course-error"
    NEEDS_SETUP = "needs-setup"  # the exercise needs software this machine lacks (PostgreSQL): not run


@dataclass(frozen=True, slots=True)
class LearnerFrame:
    """A place in the learner's own code: shown with the surrounding lines."""

    path: Path
    line: int
    function: str = ""
    code: str = ""
    column: int | None = None


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """One check's result, with the message that teaches when it did not pass."""

    name: str
    title: str
    status: str  # passed | failed | error | timeout | skipped
    message: str = ""
    kind: str = ""
    frames: tuple[LearnerFrame, ...] = ()
    output: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass(frozen=True, slots=True)
class CheckRun:
    """Everything known about one run of an exercise's checks."""

    exercise: Exercise
    status: RunStatus
    outcomes: tuple[CheckOutcome, ...] = ()
    problem: str = ""
    location: LearnerFrame | None = None
    duration: float = 0.0
    output: str = ""

    @property
    def passed(self) -> bool:
        return self.status is RunStatus.PASSED

    @property
    def messages(self) -> list[str]:
        """Every teaching message of the run, whole-run problem first (used by `verify`)."""
        texts = [self.problem] if self.problem else []
        return texts + [o.message for o in self.outcomes if o.message]


def precheck(exercise: Exercise, learner_dir: Path) -> CheckRun | None:
    """Catch a missing file, a non-UTF-8 file or a syntax error in-process, without running code.

    `compile()` parses but executes nothing, so this is safe and gives feedback at once.
    """
    for rel in exercise.files:
        path = learner_dir / rel
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return CheckRun(
                exercise,
                RunStatus.MISSING_FILE,
                problem=_("Your exercise file {path} is missing.", path=path),
            )
        if not rel.endswith(".py"):
            continue
        try:
            encoding, _lines = tokenize.detect_encoding(io.BytesIO(data).readline)
            source = data.decode(encoding)
        except SyntaxError as exc:
            if "unknown encoding" in str(exc.msg):
                line = exc.lineno or 1
                return CheckRun(
                    exercise,
                    RunStatus.SYNTAX_ERROR,
                    problem=_(
                        "{name} declares an encoding Python does not know ({reason}). "
                        "Remove the `coding:` line; UTF-8 is the default.",
                        name=path.name,
                        reason=exc.msg,
                    ),
                    location=LearnerFrame(path, line),
                )
            return _not_text(exercise, path, data, exc)
        except (UnicodeDecodeError, LookupError) as exc:
            return _not_text(exercise, path, data, exc)
        try:
            compile(source, str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            line = exc.lineno or 1
            return CheckRun(
                exercise,
                RunStatus.SYNTAX_ERROR,
                problem=f"{type(exc).__name__}: {exc.msg}",
                location=LearnerFrame(path, line, code=(exc.text or "").rstrip(), column=exc.offset),
            )
        except ValueError as exc:  # e.g. source code string cannot contain null bytes
            return CheckRun(exercise, RunStatus.SYNTAX_ERROR, problem=str(exc), location=LearnerFrame(path, 1))
    return None


def missing_requirement(exercise: Exercise) -> CheckRun | None:
    """A run that says what to install, when the exercise needs a program this machine lacks."""
    if "postgres" in exercise.needs:
        from tutor import postgres

        if postgres.binaries() is None:
            return CheckRun(exercise, RunStatus.NEEDS_SETUP, problem=postgres.missing_message())
    return None


def _not_text(exercise: Exercise, path: Path, data: bytes, exc: Exception) -> CheckRun:
    position = getattr(exc, "start", None)
    if position is None:  # detect_encoding reports bad bytes as a SyntaxError without a position
        try:
            data.decode("utf-8")
            position = 0
        except UnicodeDecodeError as decode_error:
            position = decode_error.start
    line = data[:position].count(b"\n") + 1
    bad = data[position : position + 1].hex()
    return CheckRun(
        exercise,
        RunStatus.SYNTAX_ERROR,
        problem=_(
            "{name} is not valid UTF-8 text (byte 0x{byte} on line {line}). Save the file as UTF-8 in your editor.",
            name=path.name,
            byte=bad or "??",
            line=line,
        ),
        location=LearnerFrame(path, line),
    )


def run_check(
    course: Course,
    exercise: Exercise,
    learner_dir: Path,
    *,
    timeout: float | None = None,
    warm: WarmWorker | None = None,
    forks: CheckForks | None = None,
) -> CheckRun:
    """Check the files of `exercise` found under `learner_dir`; never raises for learner mistakes.

    With `warm`, the job goes to that already started worker (which is used up); with `forks`, the
    check process is forked from that fork server; otherwise a new child process is started.
    """
    started = time.perf_counter()
    early = missing_requirement(exercise) or precheck(exercise, learner_dir)
    if early is not None:
        if warm is not None:
            warm.close()
        return _with_duration(early, started)
    limit = timeout if timeout is not None else exercise.timeout
    worker: WarmWorker | ForkedWorker
    if forks is not None:
        worker = ForkedWorker(forks)
    else:
        worker = warm if warm is not None and warm.is_ready() else WarmWorker(cold=True)
    if warm is not None and worker is not warm:
        warm.close()
    try:
        job_env = job_environment(course, exercise, learner_dir)
        job_env[RESULTS_ENV] = str(worker.scratch / "results.json")
        job_env[BUDGET_ENV] = f"{max(limit - REPORTING_MARGIN, 1.0):.2f}"
        returncode = worker.run(pytest_arguments(course, exercise), job_env, timeout=limit)
        child_output = worker.output()
        results = _read_results(worker.scratch / "results.json")
    finally:
        worker.close()
    run = interpret(exercise, results, returncode, child_output, limit)
    return _with_duration(run, started)


def pytest_arguments(course: Course, exercise: Exercise) -> list[str]:
    """The pytest command line of a check (after `python -m pytest`)."""
    check_dir = course.check_dir(exercise)
    return [
        "-p",
        "tutor.check_plugin",
        *CHILD_PYTEST_FLAGS,
        "-c",
        os.devnull,
        "--rootdir",
        str(check_dir),
        str(check_dir / "check.py"),
    ]


def modules_to_preload(exercise: Exercise) -> tuple[str, ...]:
    """Libraries the exercise's check will import, for a warm worker to import ahead: Django's test
    client and handlers take about 0.2 s to import, longer than the rest of a check's start-up."""
    names = {PurePosixPath(rel).name for rel in exercise.files}
    if "settings.py" in names:
        return ("tutor.checkkit", "httpx", "django.test", "django.core.handlers.asgi", "django.db.models")
    return ("tutor.checkkit",)


class WarmWorker:
    """A check process: its own process group and scratch folder, stdin closed to the learner's code.

    Started warm (the default), it imports Python and pytest at once and then waits for its job on
    stdin, so watch mode can keep one ready and skip that start-up on the next save. Started cold,
    the process is only created by `run`, as a plain `python -m pytest`.
    """

    def __init__(self, *, cold: bool = False, preload: Sequence[str] = ()) -> None:
        self.scratch = Path(tempfile.mkdtemp(prefix="tutor-check-"))
        self._output_path = self.scratch / "output.txt"
        self._output = open(self._output_path, "wb")  # noqa: SIM115 - closed in close()
        self.process: subprocess.Popen[bytes] | None = None
        if not cold:
            env = base_child_environment()
            env[PRELOAD_ENV] = ",".join(preload)
            self.process = self._spawn([sys.executable, "-m", "tutor._warm_child"], env, True)

    def _spawn(self, command: list[str], env: dict[str, str], job_on_stdin: bool) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE if job_on_stdin else subprocess.DEVNULL,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=self.scratch,
            start_new_session=True,
        )

    def is_ready(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def run(self, arguments: list[str], job_env: dict[str, str], *, timeout: float) -> int | None:
        """Run the check; the exit code, or None on timeout. The whole group is killed afterwards."""
        if self.process is None:
            env = base_child_environment()
            env.update(job_env)
            self.process = self._spawn([sys.executable, "-m", "pytest", *arguments], env, False)
        else:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write((json.dumps({"args": arguments, "env": job_env}) + "\n").encode())
                self.process.stdin.close()
            except BrokenPipeError:
                pass  # the worker died; its exit code and output tell what happened
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        finally:
            kill_group(self.process)

    def output(self) -> str:
        self._output.flush()
        return self._output_path.read_text(encoding="utf-8", errors="replace")[-_OUTPUT_TAIL:]

    def close(self) -> None:
        """Stop the process group (if any) and remove the scratch folder."""
        if self.process is not None:
            kill_group(self.process)
        self._output.close()
        remove_scratch(self.scratch)


class CheckForks:
    """A fork server for running many checks (`tutor verify`): Python, pytest and `preload` are imported
    once, in the server, and each check process is a fork of it (see `tutor._forked_check`).

    A Django check spends about 0.4 s of its 1 s of CPU importing; a fork skips that.
    """

    def __init__(self, preload: Sequence[str] = ()) -> None:
        import multiprocessing

        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["tutor._forked_check", *preload])


class ForkedWorker:
    """A check process forked from `CheckForks`; used like a cold `WarmWorker` (`run`, `output`, `close`)."""

    def __init__(self, forks: CheckForks) -> None:
        self.forks = forks
        self.scratch = Path(tempfile.mkdtemp(prefix="tutor-check-"))
        self._output_path = self.scratch / "output.txt"
        self._output_path.touch()
        self.process: Any = None

    def run(self, arguments: list[str], job_env: dict[str, str], *, timeout: float) -> int | None:
        """Run the check; the exit code, or None on timeout. The whole group is killed afterwards."""
        from tutor import _forked_check

        env = base_child_environment()
        env.update(job_env)
        self.process = self.forks.context.Process(
            target=_forked_check.run, args=(arguments, env, str(self._output_path), str(self.scratch))
        )
        self.process.start()
        try:
            self.process.join(timeout)
            code: int | None = self.process.exitcode
            return code
        finally:
            self._kill()

    def _kill(self) -> None:
        if self.process is None or self.process.pid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.kill()  # in case it had not made its own group yet
        self.process.join(5)

    def output(self) -> str:
        return self._output_path.read_text(encoding="utf-8", errors="replace")[-_OUTPUT_TAIL:]

    def close(self) -> None:
        self._kill()
        remove_scratch(self.scratch)


def remove_scratch(scratch: Path) -> None:
    """Remove a check's scratch folder and the folders its check listed for clean-up elsewhere."""
    with contextlib.suppress(OSError):
        for line in (scratch / CLEANUP_FILE).read_text(encoding="utf-8").splitlines():
            leftover = Path(line.strip())
            if leftover.name.startswith("tutor-pg-"):  # only what the check kit makes
                shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)


# Built-in pytest plugins a check never uses: skipping them shortens every check's start-up.
CHILD_PYTEST_FLAGS = (
    "-p",
    "no:terminal",
    "--assert=plain",
    "--import-mode=importlib",
    "-p",
    "no:cacheprovider",
    "-p",
    "no:doctest",
    "-p",
    "no:junitxml",
    "-p",
    "no:pastebin",
    "-p",
    "no:stepwise",
    "-p",
    "no:legacypath",
    "-p",
    "no:debugging",
    "-p",
    "no:nose",
)


def base_child_environment() -> dict[str, str]:
    """The environment of a process that runs learner code: no plugin autoload, no bytecode litter."""
    env = dict(os.environ)
    env.update(
        {
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "PYTHONIOENCODING": "utf-8",
        }
    )
    env.pop("PYTEST_ADDOPTS", None)
    return env


def job_environment(course: Course, exercise: Exercise, learner_dir: Path) -> dict[str, str]:
    """What one check run adds to the environment: where the learner's files are, and the course
    and language the check's messages come from."""
    return {
        LEARNER_DIR_ENV: str(learner_dir.resolve()),
        EXERCISE_FILES_ENV: os.pathsep.join(exercise.files),
        LANGUAGE_ENV: course.language,
        COURSE_DIR_ENV: str(course.root),
    }


def kill_group(process: subprocess.Popen[Any]) -> None:
    """SIGKILL every process in `process`'s group and reap the leader."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        process.wait(timeout=5)


def _read_results(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("finished") is True else None


_UNAWAITED = "was never awaited"


def interpret(
    exercise: Exercise, results: dict[str, Any] | None, returncode: int | None, output: str, limit: float
) -> CheckRun:
    """Turn the child's results document (or its absence) into a verdict."""
    if returncode is None:
        return CheckRun(
            exercise,
            RunStatus.TIMED_OUT,
            problem=_(
                "Your code did not finish within {limit:g} s and was stopped. It probably loops forever "
                "(a `while True:` with no way out) or blocks: a blocking call inside `async def`, or an "
                "`await` on something that never completes.",
                limit=limit,
            ),
            output=output,
        )
    if results is None:
        return CheckRun(
            exercise,
            RunStatus.CRASHED,
            problem=_(
                "The check process ended before it could report (exit code {code}). Does your code call "
                "`sys.exit()` or `os._exit()`, or crash the interpreter?",
                code=returncode,
            ),
            output=output,
        )
    if results.get("collect_errors"):
        return CheckRun(
            exercise,
            RunStatus.COURSE_ERROR,
            problem=_("The course's check for this exercise could not be loaded. This is a bug in the course."),
            output="\n".join(results["collect_errors"]),
        )
    collected = results.get("collected") or []
    if not collected:
        return CheckRun(
            exercise,
            RunStatus.COURSE_ERROR,
            problem=_("No checks were found for this exercise. This is a bug in the course."),
            output=output,
        )
    outcomes = tuple(_outcome(item, results) for item in collected)
    statuses = {o.status for o in outcomes}
    if statuses == {"passed"} and results.get("exitstatus") == 0 and returncode == 0:
        status = RunStatus.PASSED
    elif "timeout" in statuses:
        status = RunStatus.TIMED_OUT
    elif any(o.kind == "syntax" for o in outcomes):
        status = RunStatus.SYNTAX_ERROR
    else:
        status = RunStatus.FAILED
    problem = ""
    if status is RunStatus.FAILED and statuses == {"passed"}:
        problem = _("The check process did not exit cleanly (exit code {code}).", code=returncode)
    return CheckRun(exercise, status, outcomes, problem=problem, output=output if problem else "")


def _outcome(item: dict[str, str], results: dict[str, Any]) -> CheckOutcome:
    raw = results.get("outcomes", {}).get(item["id"])
    if raw is None or raw.get("outcome") == "incomplete":
        return CheckOutcome(
            item["name"], item["title"], "error", _("This check never ran: the process stopped before it.")
        )
    frames = tuple(
        LearnerFrame(Path(f["path"]), int(f["line"]), f.get("function", ""), f.get("code", ""))
        for f in raw.get("frames", [])
    )
    status = raw.get("outcome", "error")
    message = raw.get("message", "")
    kind = raw.get("kind", "")
    if status == "timeout":
        message = _(
            "This check did not finish in time and was stopped{where}. A loop that never ends, or a "
            "blocking call inside `async def`, keeps the check from finishing.",
            where=_(" at the line shown below") if frames else "",
        )
    unawaited = [w for w in results.get("warnings", {}).get(item["id"], []) if _UNAWAITED in w]
    if status == "passed" and unawaited:
        status, kind = "failed", "assertion"
        message = _(
            "Your code created a coroutine and never awaited it ({warning}). Calling an `async def` "
            "function does nothing until you `await` it.",
            warning=unawaited[0].removeprefix("RuntimeWarning: "),
        )
    return CheckOutcome(item["name"], item["title"], status, message, kind, frames, raw.get("output", ""))


def _with_duration(run: CheckRun, started: float) -> CheckRun:
    return CheckRun(
        run.exercise,
        run.status,
        run.outcomes,
        run.problem,
        run.location,
        time.perf_counter() - started,
        run.output,
    )
