"""tutor.render: what the learner reads, rendered to a plain-text console (no terminal, no colour)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from tutor import render
from tutor.app import HintView
from tutor.course import Course
from tutor.errors import UnknownExerciseError
from tutor.runner import CheckOutcome, CheckRun, LearnerFrame, RunStatus


def flat(text: str) -> str:
    for box in "│╭╮╰╯─":
        text = text.replace(box, " ")
    return " ".join(text.split())


class Captured:
    """What `render.make_console()` printed to a stdout that is not a terminal."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def getvalue(self) -> str:
        return self._capsys.readouterr().out


@pytest.fixture
def out(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Captured:
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    return Captured(capsys)


def test_failed_check_shows_the_message_and_the_learners_line(out: Captured, course: Course, tmp_path: Path) -> None:
    source = write(tmp_path / "add.py", "def add(a, b):\n    total = a + b\n    return totl\n")
    frame = LearnerFrame(source, 3, "add", "return totl")
    outcome = CheckOutcome(
        "test_a", "add(2, 3) gives 5", "error", "NameError: name 'totl' is not defined", "learner-error", (frame,)
    )
    run = CheckRun(course.find_exercise("add-numbers"), RunStatus.FAILED, (outcome,))

    render.check_run(render.make_console(), run)

    text = out.getvalue()
    assert "\x1b[" not in text, "no colour codes when stdout is not a terminal"
    assert "NameError: name 'totl' is not defined" in flat(text)
    assert "add.py:3" in text
    assert "return totl" in text
    assert "0 of 1 checks passed" in flat(text)


def test_the_same_failure_in_every_check_is_shown_once(out: Captured, course: Course) -> None:
    shared = "ImportError: cannot import name 'x'"
    outcomes = tuple(CheckOutcome(f"t{n}", f"check {n}", "error", shared) for n in range(3))
    render.check_run(render.make_console(), CheckRun(course.find_exercise("add-numbers"), RunStatus.FAILED, outcomes))
    text = out.getvalue()
    assert text.count(shared) == 1
    assert all(f"check {n}" in text for n in range(3))


def test_a_pass_says_solved_and_what_next(out: Captured, course: Course) -> None:
    outcomes = (CheckOutcome("a", "first", "passed"), CheckOutcome("b", "second", "passed"))
    render.check_run(render.make_console(), CheckRun(course.find_exercise("greet-async"), RunStatus.PASSED, outcomes))
    text = flat(out.getvalue())
    assert "All 2 checks passed: exercise 1.2 solved!" in text
    assert "tutor next" in text


def test_a_timeout_shows_the_problem_and_what_was_printed(out: Captured, course: Course) -> None:
    run = CheckRun(
        course.find_exercise("add-numbers"),
        RunStatus.TIMED_OUT,
        problem="Your code did not finish within 4 s.",
        output="tick\ntick\n",
    )
    render.check_run(render.make_console(), run)
    text = flat(out.getvalue())
    assert "Stopped: took too long" in text
    assert "did not finish within 4 s" in text
    assert "tick tick" in text


def test_errors_render_as_a_short_panel_with_the_next_step(out: Captured) -> None:
    render.error(render.make_console(), UnknownExerciseError("There is no exercise 'x'.", "Did you mean: y?"))
    text = out.getvalue()
    assert "Problem" in text and "There is no exercise 'x'." in text and "Did you mean: y?" in text
    assert "Traceback" not in text


def test_hints_render_as_markdown(out: Captured, course: Course) -> None:
    exercise = course.find_exercise("add-numbers")
    render.hints(render.make_console(), HintView(exercise, exercise.hints[:1], 1))
    text = flat(out.getvalue())
    assert "Hint 1 of 2" in text
    assert "HINT-ONE: think about the + operator." in text
    assert "1 left" in text


def test_a_lesson_is_printed_whole_with_a_title(out: Captured, course: Course) -> None:
    lesson = course.find_lesson("1")
    render.lesson(render.make_console(), lesson, "Some text without a heading.\n\n- a point\n", use_pager=True)
    text = flat(out.getvalue())
    assert "Lesson 1: Basics" in text
    assert "Some text without a heading." in text and "a point" in text
    render.lesson(render.make_console(), lesson, "# Its own title\n\nBody text.\n", use_pager=True)
    text = flat(out.getvalue())
    assert "Its own title" in text and "Body text." in text


def test_a_project_exercise_names_the_files_around_the_main_one() -> None:
    from dataclasses import replace

    from tutor.course import Exercise

    base = Exercise("x", "X", "l", 1, 1, ("a.py",), "a", ("h",))
    assert render._project_files(base) == []
    command = replace(
        base,
        files=(
            "10-bridges/shop/notes/management/commands/tidy.py",
            "10-bridges/shop/settings.py",
            "10-bridges/shop/notes/__init__.py",
            "10-bridges/shop/notes/models.py",
            "10-bridges/shop/notes/migrations/0001_initial.py",
        ),
    )
    (line,) = render._project_files(command)
    assert str(line).startswith("Around it: settings.py, notes/models.py")


def test_angle_brackets_stay_visible_in_a_brief_inside_and_outside_code() -> None:
    assert render._escape_angle_brackets("GET /quote/<symbol>/ then `Server-Timing: <ms>`") == (
        "GET /quote/\\<symbol>/ then `Server-Timing: <ms>`"
    )


def test_reset_of_a_project_says_every_file_went_back(out: Captured, tmp_path: Path) -> None:
    from dataclasses import replace

    from tutor.course import Exercise

    single = Exercise("x", "X", "l", 1, 1, ("a/views.py",), "a/views", ("h",))
    render.reset_done(render.make_console(), single, None, tmp_path / "views.py")
    assert "other files" not in flat(out.getvalue())
    project = replace(single, files=("a/views.py", "a/urls.py", "a/settings.py"))
    render.reset_done(render.make_console(), project, tmp_path / "backup", tmp_path / "views.py")
    said = flat(out.getvalue())
    assert "and the 2 other files of its project" in said and "Your version is saved in" in said
