"""tutor.verify / `tutor verify`: pristine fails, solution and right variants pass, wrong variants fail as told."""

from __future__ import annotations

from pathlib import Path

from conftest import TutorEnv, write
from typer.testing import CliRunner

from tutor.cli import app
from tutor.course import Course, load_course
from tutor.verify import VerifyResult, cases_for, verify


def _variants(course: Course) -> Path:
    return course.check_dir(course.find_exercise("add-numbers")) / "variants"


def _by_case(results: tuple[VerifyResult, ...]) -> dict[str, VerifyResult]:
    return {result.case: result for result in results}


def test_cli_verify_passes_on_the_fixture_course(tutor_env: TutorEnv) -> None:
    result = CliRunner().invoke(app, ["verify", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "6 of 6 cases as expected" in result.output
    assert not (tutor_env.course_dir / "exercises" / "01_basics" / "__pycache__").exists()


def test_right_and_matching_wrong_variants_are_ok(course: Course) -> None:
    write(_variants(course) / "right_builtin_sum.py", "def add(a, b):\n    return sum((a, b))\n")
    write(
        _variants(course) / "wrong_subtracts.py",
        "# expect: Should give 5, but it gave -1\ndef add(a, b):\n    return a - b\n",
    )
    course = load_course(course.root)
    exercise = course.find_exercise("add-numbers")
    assert [case.name for case in cases_for(course, exercise)] == [
        "pristine",
        "solution",
        "right_builtin_sum",
        "wrong_subtracts",
    ]

    report = verify(course, [exercise], jobs=2)

    assert report.ok, [(r.case, r.detail) for r in report.results]
    cases = _by_case(report.results)
    assert (cases["right_builtin_sum"].expected, cases["right_builtin_sum"].got) == ("pass", "pass")
    assert (cases["wrong_subtracts"].expected, cases["wrong_subtracts"].got) == ("fail", "failed")
    assert (cases["pristine"].expected, cases["pristine"].got) == ("fail", "failed")


def test_verify_never_touches_the_course_files(course: Course) -> None:
    before = {p: p.read_bytes() for p in course.root.rglob("*") if p.is_file()}
    verify(course, [course.find_exercise("add-numbers")], jobs=1)
    after = {p: p.read_bytes() for p in course.root.rglob("*") if p.is_file()}
    assert after == before


def test_wrong_variant_whose_expect_text_does_not_match_fails_verify(tutor_env: TutorEnv) -> None:
    course = load_course()
    write(
        _variants(course) / "wrong_subtracts.py",
        "# expect: did you forget `await`\ndef add(a, b):\n    return a - b\n",
    )
    report = verify(course, [course.find_exercise("add-numbers")], jobs=2)
    assert not report.ok
    bad = _by_case(report.results)["wrong_subtracts"]
    assert not bad.ok
    assert "no message contains 'did you forget `await`'" in bad.detail
    assert "should give 5" in bad.detail  # shows what the check did say

    result = CliRunner().invoke(app, ["verify", "add-numbers"])
    assert result.exit_code == 1
    assert "wrong_subtracts" in result.output


BADLY_BEHAVED_WRONG_VARIANTS = {
    "wrong_no_expect": ("def add(a, b):\n    return a - b\n", "needs a line '# expect:"),
    "wrong_but_right": ("# expect: anything\ndef add(a, b):\n    return a + b\n", "passed, but it must fail"),
    "wrong_exits": ("# expect: sys.exit\nimport os\nos._exit(0)\n", "crashed"),
}


def test_badly_behaved_wrong_variants_fail_verify(course: Course) -> None:
    """No expect line, a 'wrong' answer that passes, and a crash (not a teaching failure) are each caught."""
    for name, (source, _detail) in BADLY_BEHAVED_WRONG_VARIANTS.items():
        write(_variants(course) / f"{name}.py", source)
    report = verify(course, [course.find_exercise("add-numbers")], jobs=2)
    results = _by_case(report.results)
    for name, (_source, detail) in BADLY_BEHAVED_WRONG_VARIANTS.items():
        assert not results[name].ok, name
        assert detail in results[name].detail, (name, results[name].detail)
    assert results["pristine"].ok and results["solution"].ok
    assert not report.ok


def test_a_solution_that_fails_and_a_pristine_that_passes_are_reported(course: Course) -> None:
    write(course.solutions_dir / "01_basics" / "greet.py", "async def greet(name):\n    return 'nope'\n")
    write(course.exercises_dir / "01_basics" / "add.py", "def add(a, b):\n    return a + b\n")
    report = verify(course, [course.find_exercise("add-numbers"), course.find_exercise("greet-async")], jobs=2)
    results = {(r.exercise_id, r.case): r for r in report.results}
    assert not results[("add-numbers", "pristine")].ok
    assert "passed, but it must fail" in results[("add-numbers", "pristine")].detail
    assert results[("add-numbers", "solution")].ok
    assert not results[("greet-async", "solution")].ok
    assert 'should give "hello ada"' in results[("greet-async", "solution")].detail
    assert not report.ok


def test_verify_of_nothing_is_not_ok(course: Course) -> None:
    assert not verify(course, [], jobs=1).ok
