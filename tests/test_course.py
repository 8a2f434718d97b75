"""tutor.course: loading and validating the manifest, finding exercises, reading briefs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MANIFEST, build_course

from tutor.course import Course, default_course_root, load_course, read_brief
from tutor.errors import CourseError, TutorError, UnknownExerciseError


def test_loads_lessons_and_exercises_in_manifest_order(course: Course) -> None:
    assert course.title == "Fixture course"
    assert [lesson.id for lesson in course.lessons] == ["basics", "serving"]
    assert [lesson.number for lesson in course.lessons] == [1, 2]
    assert [ex.id for ex in course.exercises] == ["add-numbers", "greet-async", "hello-asgi"]
    assert [ex.label for ex in course.exercises] == ["1.1", "1.2", "2.1"]


def test_exercise_fields_come_from_the_manifest(course: Course) -> None:
    add = course.find_exercise("add-numbers")
    assert add.files == ("01_basics/add.py",)
    assert add.main_file == "01_basics/add.py"
    assert add.check == "01_basics/add"  # default: the main file without .py
    assert add.hints == ("HINT-ONE: think about the + operator.", "HINT-TWO: `return a + b`.")
    assert add.timeout == 4.0
    assert add.run == "script"
    assert add.lesson_id == "basics"
    asgi = course.find_exercise("hello-asgi")
    assert (asgi.run, asgi.app, asgi.needs) == ("asgi", "server:app", frozenset({"server"}))
    assert course.lesson_of(asgi).id == "serving"
    assert course.check_dir(add) == course.root / "checks" / "01_basics" / "add"


def test_find_exercise_by_id_and_by_label(course: Course) -> None:
    assert course.find_exercise("greet-async").label == "1.2"
    assert course.find_exercise("1.2").id == "greet-async"
    assert course.find_exercise(" 2.1 ").id == "hello-asgi"


def test_unknown_exercise_suggests_a_close_match(course: Course) -> None:
    with pytest.raises(UnknownExerciseError) as caught:
        course.find_exercise("greet-asnyc")
    assert "greet-asnyc" in caught.value.message
    assert caught.value.hint is not None and "greet-async" in caught.value.hint
    assert isinstance(caught.value, TutorError)


def test_unknown_exercise_without_close_match_points_to_list(course: Course) -> None:
    with pytest.raises(UnknownExerciseError) as caught:
        course.find_exercise("zzzzzzzz")
    assert caught.value.hint is not None and "tutor list" in caught.value.hint


def test_find_lesson_by_number_and_id(course: Course) -> None:
    assert course.find_lesson("2").id == "serving"
    assert course.find_lesson("basics").number == 1
    with pytest.raises(UnknownExerciseError, match="no lesson '7'"):
        course.find_lesson("7")


def test_lesson_path_falls_back_to_english(course: Course) -> None:
    lesson = course.find_lesson("1")
    assert course.lesson_path(lesson, "fr") == course.root / "lessons" / "en" / "01-basics.md"
    translated = course.root / "lessons" / "fr" / "01-basics.md"
    translated.parent.mkdir(parents=True)
    translated.write_text("# Bases\n", encoding="utf-8")
    assert course.lesson_path(lesson, "fr") == translated


def test_course_dir_env_var_selects_the_course(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_COURSE_DIR", str(course_dir))
    assert default_course_root() == course_dir
    assert load_course().root == course_dir.resolve()


# --- invalid manifests ----------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MANIFEST, "test set-up: the text to replace must be in the manifest"
    return build_course(tmp_path / "broken", MANIFEST.replace(old, new, 1))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('  files = ["01_basics/add.py"]\n', "", "'add-numbers' needs 'files'"),
        ('  files = ["01_basics/add.py"]\n', "  files = []\n", "'add-numbers' needs 'files'"),
        ('  hints = ["Use an f-string."]\n', "", "'greet-async' needs 'hints'"),
        ('  hints = ["Use an f-string."]\n', "  hints = []\n", "'greet-async' needs 'hints'"),
        ('id = "greet-async"', 'id = "add-numbers"', "'add-numbers' is used twice"),
        ('id = "hello-asgi"', 'id = "add-numbers"', "'add-numbers' is used twice"),
        ('title = "Add two numbers"', 'title = "Add two numbers', "not valid TOML"),
        ('  run = "asgi"\n', '  run = "docker"\n', "run = 'docker'"),
        ('  app = "server:app"\n', "", "needs app = 'module:attribute'"),
        ('needs = ["server"]', 'needs = ["gpu"]', "unknown things: gpu"),
        ('file = "02-serving.md"', 'file = "99-missing.md"', "lessons/en/99-missing.md does not exist"),
        ('files = ["01_basics/add.py"]', 'files = ["01_basics/nope.py"]', "exercises/01_basics/nope.py does not exist"),
        ('  title = "An async greeting"\n', "", "'greet-async' has no 'title'"),
        ('id = "serving"\n', "", "lesson 2 has no 'id'"),
    ],
)
def test_invalid_manifest_raises_course_error_naming_the_problem(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    root = _broken(tmp_path, old, new)
    with pytest.raises(CourseError) as caught:
        load_course(root)
    assert expected in caught.value.message


def test_missing_solution_file_is_reported(course_dir: Path) -> None:
    (course_dir / "solutions" / "01_basics" / "greet.py").unlink()
    with pytest.raises(CourseError, match=r"solutions/01_basics/greet.py does not exist"):
        load_course(course_dir)


def test_missing_check_is_reported(course_dir: Path) -> None:
    (course_dir / "checks" / "02_serving" / "server" / "check.py").unlink()
    with pytest.raises(CourseError, match=r"checks/02_serving/server/check.py does not exist"):
        load_course(course_dir)


def test_missing_manifest_is_a_course_error(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="manifest is missing") as caught:
        load_course(tmp_path)
    assert caught.value.hint  # says how to get it back


def test_non_numeric_timeout_is_a_course_error(tmp_path: Path) -> None:
    root = _broken(tmp_path, "  timeout = 4\n", '  timeout = "fast"\n')
    with pytest.raises(CourseError, match="timeout"):
        load_course(root)


def test_single_bracket_exercise_table_is_a_course_error(tmp_path: Path) -> None:
    manifest = (
        '[[lesson]]\nid = "basics"\ntitle = "Basics"\nfile = "01-basics.md"\n\n'
        '[lesson.exercise]\nid = "add-numbers"\ntitle = "Add"\nfiles = ["01_basics/add.py"]\nhints = ["h"]\n'
    )
    root = build_course(tmp_path / "broken", manifest)
    with pytest.raises(CourseError, match="exercise"):
        load_course(root)


# --- briefs ---------------------------------------------------------------------------------


def test_read_brief_takes_the_leading_comment_block() -> None:
    source = (
        "#!/usr/bin/env python\n"
        "# -*- coding: utf-8 -*-\n"
        "\n"
        "# Write `greet`, a coroutine.\n"
        "#   Indented detail stays indented.\n"
        "# Lesson 1: The event loop\n"
        "\n"
        "# A later comment is not part of the brief.\n"
        "import asyncio\n"
    )
    assert read_brief(source) == (
        "Write `greet`, a coroutine.\n  Indented detail stays indented.\nLesson 1: The event loop"
    )


def test_read_brief_of_a_file_without_comment_is_empty() -> None:
    assert read_brief("import asyncio\n# not a brief\n") == ""
    assert read_brief("") == ""


def test_read_brief_of_fixture_exercise(course: Course) -> None:
    text = (course.exercises_dir / "01_basics" / "add.py").read_text(encoding="utf-8")
    assert read_brief(text) == (
        "Write `add(a, b)`, which returns the sum of a and b.\nLesson 1: Basics (`tutor lesson 1`)"
    )


def test_solutions_hold_only_the_files_an_answer_changes(tmp_path: Path) -> None:
    """A support file (a Django project's settings, say) lives only in exercises/; the solution tree
    falls back to it, and a missing support file is still reported."""
    root = _broken(tmp_path, 'files = ["01_basics/add.py"]', 'files = ["01_basics/add.py", "01_basics/numbers.py"]')
    (root / "exercises" / "01_basics" / "numbers.py").write_text("ONE = 1\n", encoding="utf-8")
    course = load_course(root)
    assert course.solution_file("01_basics/numbers.py") == root / "exercises" / "01_basics" / "numbers.py"
    assert course.solution_file("01_basics/add.py") == root / "solutions" / "01_basics" / "add.py"
    (root / "exercises" / "01_basics" / "numbers.py").unlink()
    with pytest.raises(CourseError, match=r"exercises/01_basics/numbers.py does not exist"):
        load_course(root)
