"""`tutor verify`: prove every exercise fails as shipped and passes when solved.

For each exercise: the pristine file must fail its checks, the reference solution must pass,
each `checks/<exercise>/variants/right_*.py` (another correct answer) must pass, and each
`variants/wrong_*.py` (a common mistake) must fail with the teaching message named on its first
line as `# expect: <text>`; in another language, on the line `# expect-<lang>: <text>` (for Russian,
`# expect-ru:`). Runs in parallel, one child process per case.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tutor.course import Course, Exercise
from tutor.i18n import DEFAULT_LANGUAGE, _, current_language
from tutor.runner import CheckForks, RunStatus, modules_to_preload, run_check

EXPECT_PREFIX = "# expect:"


def expect_prefix(language: str) -> str:
    """`# expect:` for English, `# expect-ru:` for Russian: the line naming the teaching message."""
    return EXPECT_PREFIX if language == DEFAULT_LANGUAGE else f"# expect-{language}:"


def expected_message(variant_text: str, language: str) -> str | None:
    """The part of the teaching message a wrong variant must get, from its leading comment lines."""
    prefix = expect_prefix(language)
    for line in variant_text.splitlines()[:5]:
        if line.startswith(prefix):
            return line.removeprefix(prefix).strip() or None
    return None


def outcome_label(value: str) -> str:
    """What a case was expected to do or did (`pass`, `fail`, a `RunStatus` value), in words for the table."""
    return {
        "pass": _("pass"),
        "fail": _("fail"),
        RunStatus.FAILED.value: _("failed"),
        RunStatus.SYNTAX_ERROR.value: _("syntax-error"),
        RunStatus.TIMED_OUT.value: _("timed-out"),
        RunStatus.CRASHED.value: _("crashed"),
        RunStatus.MISSING_FILE.value: _("missing-file"),
        RunStatus.COURSE_ERROR.value: _("course-error"),
        RunStatus.NEEDS_SETUP.value: _("needs-setup"),
    }.get(value, value)


def case_label(name: str) -> str:
    """A case's name for the table: the variants keep their file names."""
    return {"pristine": _("pristine"), "solution": _("solution")}.get(name, name)


# Statuses that count as a real, teaching failure (a crash or a broken check does not).
TEACHING_FAILURES = {RunStatus.FAILED, RunStatus.TIMED_OUT, RunStatus.SYNTAX_ERROR}


@dataclass(frozen=True, slots=True)
class VerifyCase:
    """One run to make: which files stand in for the learner's, and what must happen."""

    exercise: Exercise
    name: str
    source_dir: Path
    variant: Path | None
    expect_pass: bool
    expect_message: str | None = None


@dataclass(frozen=True, slots=True)
class VerifyResult:
    exercise_id: str
    case: str
    expected: str
    got: str
    ok: bool
    detail: str
    duration: float


@dataclass(frozen=True, slots=True)
class VerifyReport:
    results: tuple[VerifyResult, ...]
    duration: float
    jobs: int

    @property
    def ok(self) -> bool:
        return bool(self.results) and all(r.ok for r in self.results)


def cases_for(course: Course, exercise: Exercise) -> list[VerifyCase]:
    """The pristine, solution and variant cases of one exercise."""
    cases = [
        VerifyCase(exercise, "pristine", course.exercises_dir, None, expect_pass=False),
        VerifyCase(exercise, "solution", course.solutions_dir, None, expect_pass=True),
    ]
    variants = course.check_dir(exercise) / "variants"
    for path in sorted(variants.glob("*.py")) if variants.is_dir() else []:
        if path.name.startswith("right_"):
            cases.append(VerifyCase(exercise, path.stem, course.solutions_dir, path, expect_pass=True))
        elif path.name.startswith("wrong_"):
            expect = expected_message(path.read_text(encoding="utf-8"), current_language())
            cases.append(VerifyCase(exercise, path.stem, course.solutions_dir, path, False, expect))
    return cases


def run_case(course: Course, case: VerifyCase, forks: CheckForks | None = None) -> VerifyResult:
    """Run one case in a scratch copy so nothing in the course folder is touched."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tutor-verify-") as scratch:
        learner_dir = Path(scratch)
        for rel in case.exercise.files:
            target = learner_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            # In the course's language: a translated copy differs from the English one in comments only.
            if case.source_dir == course.solutions_dir:
                source = course.solution_file(rel)
            elif case.source_dir == course.exercises_dir:
                source = course.exercise_file(rel)
            else:
                source = case.source_dir / rel
            shutil.copyfile(source, target)
        if case.variant is not None:
            shutil.copyfile(case.variant, learner_dir / case.exercise.main_file)
        run = run_check(course, case.exercise, learner_dir, forks=forks)
    expected = "pass" if case.expect_pass else "fail"
    got = "pass" if run.passed else run.status.value
    detail = ""
    if case.expect_pass:
        ok = run.passed
        if not ok:
            detail = " | ".join(run.messages)[:600] or run.output[-600:]
    else:
        ok = run.status in TEACHING_FAILURES
        if not ok:
            detail = (
                _("passed, but it must fail") if run.passed else f"{outcome_label(run.status.value)}: {run.problem}"
            )
        elif case.variant is not None and not case.expect_message:
            prefix = expect_prefix(current_language())
            ok = False
            detail = _("the variant needs a line '{prefix} <part of the message>' at the top", prefix=prefix)
        elif case.expect_message:
            wanted = case.expect_message.lower()
            if not any(wanted in message.lower() for message in run.messages):
                ok = False
                detail = (
                    _("no message contains {expected!r}; got: ", expected=case.expect_message)
                    + " | ".join(run.messages)[:600]
                )
    return VerifyResult(case.exercise.id, case.name, expected, got, ok, detail, time.perf_counter() - started)


def verify(course: Course, exercises: Sequence[Exercise], jobs: int | None = None) -> VerifyReport:
    """Run every case of `exercises` on `jobs` workers (default: one per core)."""
    workers = max(1, jobs or os.cpu_count() or 2)
    cases = [case for ex in exercises for case in cases_for(course, ex)]
    started = time.perf_counter()
    # Every case's check process is forked from one server that has imported what checks need.
    forks = CheckForks(sorted({name for ex in exercises for name in modules_to_preload(ex)}))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = tuple(pool.map(lambda case: run_case(course, case, forks), cases))
    return VerifyReport(results, time.perf_counter() - started, workers)
