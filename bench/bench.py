"""Measure time-to-feedback of `tutor check` and the CLI's start-up, against bare pytest.

Usage:  python bench/bench.py [--runs 15] [--exercise hello-loop] [--json]

It makes a throwaway workspace (in a temporary folder, never your own), copies the reference
solution of the exercise in, and times, each `--runs` times:
  - `tutor --help` and `tutor list` (start-up);
  - `tutor check EXERCISE` (the whole feedback loop: CLI, child process, checks, rendering);
  - bare `python -m pytest CHECK_FILE` on the same check and the same learner file, with pytest's
    defaults (plugin autoloading on), which is what a learner would run by hand.
It prints min / median / max for each and the ratio of the medians, with the targets from the issue.
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

TARGETS = {"tutor --help": 0.25, "tutor list": 0.25, "tutor check": 0.45}
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
    args = parser.parse_args()

    from tutor.course import load_course

    course = load_course()
    exercise = course.find_exercise(args.exercise)
    tutor = [sys.executable, "-m", "tutor"]
    with tempfile.TemporaryDirectory(prefix="tutor-bench-") as scratch:
        root = Path(scratch)
        env = dict(os.environ, TUTOR_HOME=str(root / "ws"), NO_COLOR="1", TERM="dumb")
        env.pop("TUTOR_LANG", None)
        subprocess.run([*tutor, "init", str(root / "ws")], env=env, check=True, stdout=subprocess.DEVNULL)
        workspace = root / "ws"
        for rel in exercise.files:
            shutil.copyfile(course.solutions_dir / rel, workspace / "exercises" / rel)
        bare_env = dict(
            env,
            TUTOR_LEARNER_DIR=str(workspace / "exercises"),
            TUTOR_EXERCISE_FILES=os.pathsep.join(exercise.files),
        )
        check_file = course.check_dir(exercise) / "check.py"
        cases = {
            "tutor --help": ([*tutor, "--help"], env, 0),
            "tutor list": ([*tutor, "list"], env, 0),
            "tutor check": ([*tutor, "check", exercise.id], env, 0),
            "bare pytest": (
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(check_file)],
                bare_env,
                0,
            ),
        }
        figures: dict[str, list[float]] = {}
        for name, (command, case_env, expect) in cases.items():
            time_command(command, case_env, workspace, 1, expect)  # warm the OS file cache
            figures[name] = time_command(command, case_env, workspace, args.runs, expect)

    medians = {name: statistics.median(values) for name, values in figures.items()}
    ratio = medians["tutor check"] / medians["bare pytest"]
    if args.json:
        print(
            json.dumps(
                {
                    "runs": args.runs,
                    "exercise": exercise.id,
                    "seconds": figures,
                    "median": medians,
                    "check_vs_bare_pytest": ratio,
                },
                indent=2,
            )
        )
        return
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.runs} runs each, exercise {exercise.id}")
    print(f"{'command':<14} {'min':>7} {'median':>7} {'max':>7}   target")
    for name, values in figures.items():
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"<= {target:.2f} s  {'ok' if medians[name] <= target else 'MISSED'}"
        print(f"{name:<14} {min(values):7.3f} {medians[name]:7.3f} {max(values):7.3f}   {verdict}")
    print(
        f"tutor check / bare pytest (medians): {ratio:.2f}x   target <= {MAX_RATIO}x  "
        f"{'ok' if ratio <= MAX_RATIO else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
