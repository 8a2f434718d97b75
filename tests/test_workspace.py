"""tutor.workspace: creating, finding, syncing with course updates, backups and resets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import MANIFEST, TutorEnv, pristine_text, write

from tutor.course import Course, load_course
from tutor.errors import ExerciseFileMissingError, NoWorkspaceError, TutorError
from tutor.workspace import FileState, Workspace, default_location

ADD = "01_basics/add.py"
GREET = "01_basics/greet.py"


@pytest.fixture
def workspace(tmp_path: Path, course: Course) -> Workspace:
    return Workspace.create(tmp_path / "ws", course)


def test_create_copies_every_exercise_file(workspace: Workspace, course: Course) -> None:
    for exercise in course.exercises:
        for rel in exercise.files:
            copied = workspace.root / "exercises" / rel
            assert copied.read_bytes() == (course.exercises_dir / rel).read_bytes()
            assert workspace.file_state(rel) is FileState.PRISTINE
    assert (workspace.root / ".tutor" / "workspace.json").is_file()
    assert (workspace.root / "README.md").is_file()


def test_create_writes_editor_config_pointing_at_this_python(workspace: Workspace) -> None:
    vscode = json.loads((workspace.root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert vscode["python.defaultInterpreterPath"] == sys.executable
    assert vscode["python.analysis.extraPaths"] == ["exercises"]
    pyright = json.loads((workspace.root / "pyrightconfig.json").read_text(encoding="utf-8"))
    assert pyright["extraPaths"] == ["exercises"]
    assert Path(pyright["venvPath"]) / pyright["venv"] == Path(sys.prefix)


def test_create_refuses_an_existing_workspace(workspace: Workspace, course: Course) -> None:
    with pytest.raises(TutorError, match="already a course workspace"):
        Workspace.create(workspace.root, course)


def test_create_refuses_a_folder_with_foreign_exercises(tmp_path: Path, course: Course) -> None:
    (tmp_path / "other" / "exercises").mkdir(parents=True)
    with pytest.raises(TutorError, match="already has an exercises/ folder"):
        Workspace.create(tmp_path / "other", course)


def test_create_refuses_a_file(tmp_path: Path, course: Course) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(TutorError, match="not a folder"):
        Workspace.create(tmp_path / "afile", course)


def test_find_from_a_nested_subfolder(workspace: Workspace, tutor_env: TutorEnv) -> None:
    nested = workspace.root / "exercises" / "01_basics"
    assert Workspace.find(nested) == Workspace(workspace.root.resolve())


def test_find_uses_the_current_directory(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tutor_env: TutorEnv
) -> None:
    monkeypatch.chdir(workspace.root / "exercises")
    found = Workspace.find()
    assert found is not None and found.root == workspace.root.resolve()


def test_find_falls_back_to_the_default_location(tutor_env: TutorEnv, course: Course) -> None:
    assert Workspace.find(tutor_env.outside) is None
    Workspace.create(default_location(), course)
    found = Workspace.find(tutor_env.outside)
    assert found is not None and found.root == tutor_env.tutor_home.resolve()


def test_require_outside_any_workspace_says_what_to_do(tutor_env: TutorEnv) -> None:
    with pytest.raises(NoWorkspaceError) as caught:
        Workspace.require(tutor_env.outside)
    assert caught.value.hint is not None
    assert "tutor next" in caught.value.hint and "tutor init" in caught.value.hint


def test_default_location_is_tutor_home_else_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TUTOR_HOME", str(tmp_path / "x"))
    assert default_location() == tmp_path / "x"
    monkeypatch.delenv("TUTOR_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_location() == tmp_path / "async-django-tutor"


# --- sync with course updates -----------------------------------------------------------------


def test_course_change_to_an_untouched_file_is_picked_up(workspace: Workspace, course_dir: Path) -> None:
    new_text = pristine_text(ADD) + "\n# updated by the course\n"
    write(course_dir / "exercises" / ADD, new_text)

    report = workspace.sync(load_course(course_dir))

    assert report.updated == (ADD,)
    assert report.held_back == ()
    assert workspace.file_path(ADD).read_text(encoding="utf-8") == new_text
    assert workspace.file_state(ADD) is FileState.PRISTINE


def test_course_change_to_an_edited_file_is_held_back(workspace: Workspace, course_dir: Path) -> None:
    mine = "def add(a, b):\n    return a + b  # my work\n"
    workspace.file_path(ADD).write_text(mine, encoding="utf-8")
    write(course_dir / "exercises" / ADD, pristine_text(ADD) + "\n# updated by the course\n")

    report = workspace.sync(load_course(course_dir))

    assert report.held_back == (ADD,)
    assert report.updated == ()
    assert workspace.file_path(ADD).read_text(encoding="utf-8") == mine
    assert workspace.file_state(ADD) is FileState.EDITED
    # Still held back (and still reported) on the next sync: nothing was silently recorded.
    assert workspace.sync(load_course(course_dir)).held_back == (ADD,)


def test_sync_without_changes_does_nothing(workspace: Workspace, course: Course) -> None:
    report = workspace.sync(course)
    assert (report.added, report.updated, report.held_back) == ((), (), ())


def test_new_exercise_in_the_course_appears(workspace: Workspace, course_dir: Path) -> None:
    manifest = MANIFEST + (
        '\n  [[lesson.exercise]]\n  id = "new-one"\n  title = "New"\n  files = ["02_serving/extra.py"]\n'
        '  hints = ["h"]\n'
    )
    write(course_dir / "course.toml", manifest)
    write(course_dir / "exercises" / "02_serving" / "extra.py", "# New exercise.\n")
    write(course_dir / "solutions" / "02_serving" / "extra.py", "# New exercise.\nX = 1\n")
    write(course_dir / "checks" / "02_serving" / "extra" / "check.py", "def test_x():\n    pass\n")

    report = workspace.sync(load_course(course_dir))

    assert report.added == ("02_serving/extra.py",)
    assert workspace.file_path("02_serving/extra.py").read_text(encoding="utf-8") == "# New exercise.\n"
    assert workspace.file_state("02_serving/extra.py") is FileState.PRISTINE


def test_deleted_learner_file_stays_deleted(workspace: Workspace, course: Course, course_dir: Path) -> None:
    workspace.file_path(ADD).unlink()
    assert workspace.sync(course) == workspace.sync(course)  # idempotent
    assert not workspace.file_path(ADD).exists()
    assert workspace.file_state(ADD) is FileState.MISSING
    exercise = course.find_exercise("add-numbers")
    assert workspace.exercise_state(exercise) is FileState.MISSING

    # Even a course update does not bring it back behind the learner's back.
    write(course_dir / "exercises" / ADD, pristine_text(ADD) + "\n# updated\n")
    report = workspace.sync(load_course(course_dir))
    assert ADD not in report.added + report.updated
    assert not workspace.file_path(ADD).exists()


def test_ensure_files_present_names_the_missing_file(workspace: Workspace, course: Course) -> None:
    exercise = course.find_exercise("greet-async")
    workspace.ensure_files_present(exercise)  # fine while present
    workspace.file_path(GREET).unlink()
    with pytest.raises(ExerciseFileMissingError) as caught:
        workspace.ensure_files_present(exercise)
    assert "greet.py" in caught.value.message
    assert caught.value.hint is not None and "tutor reset greet-async" in caught.value.hint


def test_exercise_state_reports_edits(workspace: Workspace, course: Course) -> None:
    exercise = course.find_exercise("greet-async")
    assert workspace.exercise_state(exercise) is FileState.PRISTINE
    workspace.file_path(GREET).write_text("# mine\n", encoding="utf-8")
    assert workspace.exercise_state(exercise) is FileState.EDITED


# --- backups and resets ----------------------------------------------------------------------


def test_reset_backs_up_the_learner_version_and_restores_pristine(workspace: Workspace, course: Course) -> None:
    exercise = course.find_exercise("add-numbers")
    mine = "def add(a, b):\n    return a + b  # my attempt\n"
    workspace.file_path(ADD).write_text(mine, encoding="utf-8")

    backup = workspace.reset(exercise, course)

    assert backup is not None
    assert backup.is_relative_to(workspace.root / ".tutor" / "backups" / "add-numbers")
    assert (backup / ADD).read_text(encoding="utf-8") == mine
    assert workspace.file_path(ADD).read_text(encoding="utf-8") == pristine_text(ADD)
    assert workspace.file_state(ADD) is FileState.PRISTINE


def test_two_resets_keep_two_backups(workspace: Workspace, course: Course) -> None:
    exercise = course.find_exercise("add-numbers")
    workspace.file_path(ADD).write_text("# first try\n", encoding="utf-8")
    first = workspace.reset(exercise, course)
    workspace.file_path(ADD).write_text("# second try\n", encoding="utf-8")
    second = workspace.reset(exercise, course)
    assert first is not None and second is not None and first != second
    assert (first / ADD).read_text(encoding="utf-8") == "# first try\n"
    assert (second / ADD).read_text(encoding="utf-8") == "# second try\n"


def test_reset_brings_back_a_deleted_file(workspace: Workspace, course: Course) -> None:
    exercise = course.find_exercise("add-numbers")
    workspace.file_path(ADD).unlink()
    assert workspace.reset(exercise, course) is None  # nothing to back up
    assert workspace.file_path(ADD).read_text(encoding="utf-8") == pristine_text(ADD)
    assert workspace.file_state(ADD) is FileState.PRISTINE


def test_reset_after_held_back_update_takes_the_new_version(workspace: Workspace, course_dir: Path) -> None:
    new_text = pristine_text(ADD) + "\n# v2\n"
    workspace.file_path(ADD).write_text("# mine\n", encoding="utf-8")
    write(course_dir / "exercises" / ADD, new_text)
    course = load_course(course_dir)
    assert workspace.sync(course).held_back == (ADD,)

    workspace.reset(course.find_exercise("add-numbers"), course)

    assert workspace.file_path(ADD).read_text(encoding="utf-8") == new_text
    assert workspace.sync(course).held_back == ()
