"""Measure time-to-feedback of `tutor check` and the CLI's start-up, against bare pytest.

Usage:  python bench/bench.py [--runs 15] [--exercise hello-loop] [--lang en|ru] [--json]

It makes a throwaway workspace (in a temporary folder, never your own) and times, `--runs` times each:
  - `tutor --help` and `tutor list` (start-up);
  - `tutor check EXERCISE` on the pristine file (a failing attempt: the usual case while learning)
    and on the reference solution (a passing one; it includes the waiting the checks do on purpose);
  - bare `python -m pytest CHECK_FILE` on the same check and the same learner file, with pytest's
    defaults (plugin autoloading on), which is what a learner would run by hand;
  - watch mode's warm worker: the time from "file saved" to a verdict when the check process was
    started ahead (measured in-process, without the CLI).
It prints min / median / max, the ratio and the difference of the medians against bare pytest, and
the targets from the course-engine issue.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tutor.course import Course, Exercise

TARGETS = {"tutor --help": 0.25, "tutor list": 0.25, "tutor check (failing)": 0.45}
MAX_RATIO = 1.2


def time_command(command: list[str], env: dict[str, str], cwd: Path, runs: int, expect: int | None) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        timings.append(time.perf_counter() - started)
        if expect is not None and done.returncode != expect:
            sys.exit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()[-800:]}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--exercise", default="hello-loop")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--lang", default="en", help="the course language to measure in (en or ru)")
    args = parser.parse_args()

    from tutor.course import load_course

    course = load_course()
    exercise = course.find_exercise(args.exercise)
    script = shutil.which("tutor", path=str(Path(sys.executable).parent))
    tutor = [script] if script else [sys.executable, "-m", "tutor"]  # the command a learner types
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as scratch:
        root = Path(scratch)
        env = dict(os.environ, TUTOR_HOME=str(root / "ws"), NO_COLOR="1", TERM="dumb")
        env["TUTOR_LANG"] = args.lang
        subprocess.run([*tutor, "init", str(root / "ws")], env=env, check=True, stdout=subprocess.DEVNULL)
        workspace = root / "ws"
        bare_env = dict(
            env,
            TUTOR_LEARNER_DIR=str(workspace / "exercises"),
            TUTOR_EXERCISE_FILES=os.pathsep.join(exercise.files),
        )
        check_file = course.check_dir(exercise) / "check.py"
        bare = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(check_file)]
        figures: dict[str, list[float]] = {}

        def measure(name: str, command: list[str], case_env: dict[str, str], expect: int) -> None:
            time_command(command, case_env, workspace, 1, expect)  # warm the OS file cache
            figures[name] = time_command(command, case_env, workspace, args.runs, expect)

        measure("tutor --help", [*tutor, "--help"], env, 0)
        measure("tutor list", [*tutor, "list"], env, 0)
        measure("tutor check (failing)", [*tutor, "check", exercise.id], env, 1)
        measure("bare pytest (failing)", bare, bare_env, 1)
        for rel in exercise.files:
            shutil.copyfile(course.solution_file(rel), workspace / "exercises" / rel)
        measure("tutor check (passing)", [*tutor, "check", exercise.id], env, 0)
        measure("bare pytest (passing)", bare, bare_env, 0)
        figures["watch, warm worker (passing)"] = time_warm(course, exercise, workspace / "exercises", args.runs)

    medians = {name: statistics.median(values) for name, values in figures.items()}
    comparisons = {
        outcome: (medians[f"tutor check ({outcome})"], medians[f"bare pytest ({outcome})"])
        for outcome in ("failing", "passing")
    }
    if args.json:
        report = {"runs": args.runs, "exercise": exercise.id, "seconds": figures, "median": medians}
        report["check_vs_bare_pytest"] = {k: tutor_s / bare_s for k, (tutor_s, bare_s) in comparisons.items()}
        print(json.dumps(report, indent=2))
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, exercise {exercise.id}")
    print(f"{'command':<30} {'min':>7} {'median':>7} {'max':>7}   target")
    for name, values in figures.items():
        target = TARGETS.get(name)
        verdict = f"<= {target:.2f} s  {'ok' if medians[name] <= target else 'MISSED'}" if target else ""
        print(f"{name:<30} {min(values):7.3f} {medians[name]:7.3f} {max(values):7.3f}   {verdict}")
    for outcome, (tutor_s, bare_s) in comparisons.items():
        ratio = tutor_s / bare_s
        print(
            f"tutor check / bare pytest, {outcome}: {ratio:.2f}x ({(tutor_s - bare_s) * 1000:+.0f} ms)   "
            f"target <= {MAX_RATIO}x  {'ok' if ratio <= MAX_RATIO else 'MISSED'}"
        )


def time_warm(course: Course, exercise: Exercise, learner_dir: Path, runs: int) -> list[float]:
    """Save-to-verdict time with a check process started ahead, as `tutor watch` does."""
    from tutor.runner import WarmWorker, modules_to_preload, run_check

    timings = []
    for _ in range(runs):
        worker = WarmWorker(preload=modules_to_preload(exercise))
        time.sleep(1.0)  # the learner is typing; the worker gets ready meanwhile
        started = time.perf_counter()
        run = run_check(course, exercise, learner_dir, warm=worker)
        timings.append(time.perf_counter() - started)
        if not run.passed:
            sys.exit(f"the warm run did not pass: {run.status.value} {run.messages}")
    return timings


if __name__ == "__main__":
    main()
