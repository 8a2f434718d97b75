"""tutor.cli: every command driven through Typer's CliRunner (and a real shell where a pipe matters)."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import TUTOR_CMD, TutorEnv, assert_no_crash, pristine_text, solution_text, write
from typer.testing import CliRunner

from tutor.cli import app
from tutor.course import load_course
from tutor.workspace import Workspace

ADD = "01_basics/add.py"
GREET = "01_basics/greet.py"


def flat(text: str) -> str:
    """Output with Rich's box characters and line wrapping removed, for substring assertions."""
    for box in "│╭╮╰╯─":
        text = text.replace(box, " ")
    return " ".join(text.split())


class Tutor:
    """Runs `tutor ARGS` in-process and checks that no traceback ever reaches the learner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> CliResult:
        result = self.runner.invoke(app, list(args), input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"tutor {' '.join(args)} raised {result.exception!r}") from result.exception
        assert "Traceback" not in result.output
        return CliResult(result.exit_code, result.stdout, result.stderr, flat(result.output))


class CliResult:
    def __init__(self, code: int, stdout: str, stderr: str, text: str) -> None:
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.text = text  # stdout and stderr together, flattened

    def __repr__(self) -> str:
        return f"<exit {self.code}: {self.text[:2000]}>"


@pytest.fixture
def tutor(tutor_env: TutorEnv) -> Tutor:
    return Tutor()


@pytest.fixture
def ws(tutor_env: TutorEnv, tutor: Tutor, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace created by `tutor next`, with the learner standing inside it."""
    result = tutor("next", "--no-pager")
    assert result.code == 0, result
    monkeypatch.chdir(tutor_env.workspace)
    return tutor_env.workspace


def learner_file(ws: Path, rel: str) -> Path:
    return ws / "exercises" / rel


def solve(ws: Path, rel: str) -> None:
    learner_file(ws, rel).write_text(solution_text(rel), encoding="utf-8")


def statuses(tutor: Tutor) -> dict[str, str]:
    result = tutor("list", "--json")
    assert result.code == 0, result
    return {row["id"]: row["status"] for row in json.loads(result.stdout)}


# --- next / init ------------------------------------------------------------------------------------


def test_next_creates_the_default_workspace_and_shows_lesson_and_card(tutor_env: TutorEnv, tutor: Tutor) -> None:
    result = tutor("next", "--no-pager")

    assert result.code == 0, result
    assert (tutor_env.workspace / ".tutor" / "workspace.json").is_file()
    assert learner_file(tutor_env.workspace, ADD).read_text(encoding="utf-8") == pristine_text(ADD)
    assert "Created your course workspace" in result.text
    assert "Basics" in result.text
    assert "LESSON-ONE-TEXT" in result.text
    assert "Exercise 1.1: Add two numbers" in result.text
    assert "which returns the sum of a and b" in result.text  # the brief from the file's header comment
    assert "add.py" in result.text
    assert "tutor check" in result.text


def test_next_again_shows_a_recap_not_the_whole_lesson(ws: Path, tutor: Tutor) -> None:
    result = tutor("next", "--no-pager")
    assert result.code == 0, result
    assert "LESSON-ONE-TEXT" not in result.text
    assert "tutor lesson 1" in result.text
    assert "Exercise 1.1" in result.text
    assert "Created your course workspace" not in result.text


def test_bare_tutor_acts_like_next(tutor_env: TutorEnv, tutor: Tutor) -> None:
    result = tutor()
    assert result.code == 0, result
    assert "Exercise 1.1: Add two numbers" in result.text
    assert (tutor_env.workspace / ".tutor" / "workspace.json").is_file()


def test_next_moves_on_after_a_solve(ws: Path, tutor: Tutor) -> None:
    solve(ws, ADD)
    assert tutor("check").code == 0
    result = tutor("next", "--no-pager")
    assert "Exercise 1.2: An async greeting" in result.text


def test_init_creates_a_workspace_where_asked(tutor_env: TutorEnv, tutor: Tutor, tmp_path: Path) -> None:
    target = tmp_path / "chosen"
    result = tutor("init", str(target))
    assert result.code == 0, result
    assert learner_file(target, GREET).read_text(encoding="utf-8") == pristine_text(GREET)
    assert (target / ".vscode" / "settings.json").is_file()
    assert "tutor next" in result.text
    again = tutor("init", str(target))
    assert again.code == 1
    assert "already a course workspace" in again.text


# --- check ---------------------------------------------------------------------------------------


def test_check_fails_then_passes_after_the_solution_is_copied_in(ws: Path, tutor: Tutor) -> None:
    failed = tutor("check")
    assert failed.code == 1, failed
    assert "Checking 1.1 Add two numbers" in failed.text
    assert "add(2, 3) should give 5, but it gave 0" in failed.text
    assert "0 of 2 checks passed" in failed.text
    assert "add-numbers" not in Workspace(ws).progress.load().progress.solved

    solve(ws, ADD)
    passed = tutor("check")
    assert passed.code == 0, passed
    assert "All 2 checks passed" in passed.text
    assert "add-numbers" in Workspace(ws).progress.load().progress.solved  # saved by check itself


def test_check_by_label_and_by_id(ws: Path, tutor: Tutor) -> None:
    solve(ws, GREET)
    assert tutor("check", "1.2").code == 0
    assert tutor("check", "greet-async").code == 0
    assert tutor("check", "2.1").code == 1


def test_check_shows_a_syntax_error_at_the_learners_line(ws: Path, tutor: Tutor) -> None:
    learner_file(ws, ADD).write_text("# brief\n\ndef add(a, b)\n    return a + b\n", encoding="utf-8")
    result = tutor("check")
    assert result.code == 1
    assert "SyntaxError" in result.text
    assert "add.py:3" in result.text
    assert "site-packages" not in result.text


def test_check_of_a_deleted_file_says_missing_and_suggests_reset(ws: Path, tutor: Tutor) -> None:
    learner_file(ws, ADD).unlink()
    result = tutor("check")
    assert result.code == 1
    assert "is missing" in result.text
    assert "tutor reset add-numbers" in result.text


def test_unknown_exercise_is_a_short_message(ws: Path, tutor: Tutor) -> None:
    result = tutor("check", "greet-asnyc")
    assert result.code == 1
    assert "There is no exercise 'greet-asnyc'" in result.text
    assert "Did you mean: greet-async?" in result.text


def test_outside_a_workspace_says_how_to_start(tutor_env: TutorEnv, tutor: Tutor) -> None:
    for command in ("check", "list", "hint", "reset"):
        result = tutor(command)
        assert result.code == 1, (command, result)
        assert "No course workspace here" in result.text
        assert "tutor next" in result.text
    assert not tutor_env.workspace.exists(), "only `next` creates the default workspace"


def test_commands_work_from_a_nested_folder(ws: Path, tutor: Tutor, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ws / "exercises" / "01_basics")
    solve(ws, ADD)
    assert tutor("check").code == 0


# --- list ----------------------------------------------------------------------------------------------


def test_list_shows_lessons_exercises_and_progress(ws: Path, tutor: Tutor) -> None:
    solve(ws, ADD)
    tutor("check")
    result = tutor("list")
    assert result.code == 0, result
    for text in ("1. Basics", "2. Serving", "Add two numbers", "An async greeting", "Hello ASGI", "hello-asgi"):
        assert text in result.text
    assert "solved" in result.text and "current" in result.text and "pending" in result.text
    assert "Progress 1/3" in result.text
    assert "\x1b[" not in result.stdout


def test_list_json_is_valid_json_with_statuses(ws: Path, tutor: Tutor) -> None:
    assert statuses(tutor) == {"add-numbers": "current", "greet-async": "pending", "hello-asgi": "pending"}
    solve(ws, ADD)
    tutor("check")
    learner_file(ws, "02_serving/server.py").write_text("# started\n", encoding="utf-8")
    learner_file(ws, GREET).unlink()
    assert statuses(tutor) == {"add-numbers": "solved", "greet-async": "missing", "hello-asgi": "started"}

    rows = json.loads(tutor("list", "--json").stdout)
    assert [row["label"] for row in rows] == ["1.1", "1.2", "2.1"]
    assert rows[0]["path"] == str(learner_file(ws.resolve(), ADD))
    assert {row["lesson"] for row in rows} == {"basics", "serving"}


def test_list_reports_a_course_update_held_back_by_an_edit(ws: Path, tutor: Tutor, tutor_env: TutorEnv) -> None:
    learner_file(ws, ADD).write_text("def add(a, b):\n    return 1  # mine\n", encoding="utf-8")
    write(tutor_env.course_dir / "exercises" / ADD, pristine_text(ADD) + "\n# course v2\n")
    result = tutor("list", "--json")
    assert result.code == 0
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["add-numbers"]["update_available"] is True
    assert rows["greet-async"]["update_available"] is False
    assert "Course update available for exercises/01_basics/add.py" in flat(result.stderr)
    assert learner_file(ws, ADD).read_text(encoding="utf-8") == "def add(a, b):\n    return 1  # mine\n"


def test_list_refreshes_an_untouched_file_after_a_course_update(ws: Path, tutor: Tutor, tutor_env: TutorEnv) -> None:
    new_text = pristine_text(GREET) + "\n# course v2\n"
    write(tutor_env.course_dir / "exercises" / GREET, new_text)
    result = tutor("list")
    assert result.code == 0
    assert "refreshed 1 exercise file" in result.text
    assert learner_file(ws, GREET).read_text(encoding="utf-8") == new_text
    assert "refreshed" not in tutor("list").text  # reported once


def test_when_everything_is_solved(ws: Path, tutor: Tutor) -> None:
    Workspace(ws).progress.update(
        lambda p: p.solved.update({"add-numbers": "t", "greet-async": "t", "hello-asgi": "t"})
    )
    done = tutor("next", "--no-pager")
    assert done.code == 0
    assert "You have solved all 3 exercises" in done.text
    check = tutor("check")
    assert check.code == 1
    assert "solved every exercise" in check.text
    assert "tutor check 1.1" in check.text


def test_list_head_through_a_real_pipe_has_no_broken_pipe_traceback(tmp_path: Path, tutor_env: TutorEnv) -> None:
    """`tutor list | head -1` with a listing much larger than a pipe buffer exits quietly."""
    lines = ['[[lesson]]\nid = "many"\ntitle = "Many"\nfile = "01-basics.md"\n']
    for number in range(2000):
        lines.append(
            f'[[lesson.exercise]]\nid = "exercise-{number}"\ntitle = "A long exercise title, number {number} of many"\n'
            f'files = ["01_basics/add.py"]\nhints = ["h"]\n'
        )
    write(tutor_env.course_dir / "course.toml", "\n".join(lines))
    Workspace.create(tutor_env.workspace, load_course())
    tutor = Path(sys.executable).with_name("tutor")
    command = f"'{tutor}' list | head -1" if tutor.exists() else f"'{sys.executable}' -m tutor list | head -1"
    done = subprocess.run(
        command,
        shell=True,
        cwd=tutor_env.workspace,
        env=tutor_env.subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_no_crash(done.stderr)
    assert "BrokenPipe" not in done.stderr
    assert len(done.stdout.splitlines()) == 1
    # The listing really is much larger than a pipe buffer (64 KiB), or this test would prove nothing.
    full = subprocess.run(
        command.removesuffix(" | head -1"),
        shell=True,
        cwd=tutor_env.workspace,
        env=tutor_env.subprocess_env(),
        capture_output=True,
        timeout=60,
    )
    assert full.returncode == 0
    assert len(full.stdout) > 2 * 65536


# --- hint / solution / reset --------------------------------------------------------------------------


def test_hint_reveals_one_more_level_each_call(ws: Path, tutor: Tutor) -> None:
    first = tutor("hint")
    assert first.code == 0
    assert "HINT-ONE" in first.text and "HINT-TWO" not in first.text
    assert "Hint 1 of 2" in first.text
    assert "1 left" in first.text

    second = tutor("hint")
    assert "HINT-ONE" in second.text and "HINT-TWO" in second.text
    assert "last hint" in second.text

    third = tutor("hint")
    assert third.text.count("HINT-TWO") == 1
    assert Workspace(ws).progress.load().progress.hints_shown == {"add-numbers": 2}


def test_hint_for_a_named_exercise(ws: Path, tutor: Tutor) -> None:
    result = tutor("hint", "1.2")
    assert "Use an f-string." in result.text
    assert "HINT-ONE" not in result.text


def test_solution_refuses_without_yes_before_solving(ws: Path, tutor: Tutor) -> None:
    result = tutor("solution")
    assert result.code != 0
    assert "--yes" in result.text
    assert "return a + b" not in result.text


def test_solution_with_yes_shows_the_reference_and_a_diff(ws: Path, tutor: Tutor) -> None:
    result = tutor("solution", "--yes")
    assert result.code == 0, result
    assert "return a + b" in result.text
    assert "Reference solution: 01_basics/add.py" in result.text
    assert "-    return 0  # TODO" in result.stdout


def test_solution_after_solving_needs_no_yes(ws: Path, tutor: Tutor) -> None:
    solve(ws, ADD)
    assert tutor("check").code == 0
    result = tutor("solution", "add-numbers")
    assert result.code == 0, result
    assert "Identical to yours" in result.text


def test_reset_refuses_without_yes_when_not_interactive(ws: Path, tutor: Tutor) -> None:
    mine = "def add(a, b):\n    return a - b  # my edit\n"
    learner_file(ws, ADD).write_text(mine, encoding="utf-8")
    result = tutor("reset")
    assert result.code != 0
    assert "--yes" in result.text
    assert learner_file(ws, ADD).read_text(encoding="utf-8") == mine
    assert not (ws / ".tutor" / "backups").exists()


def test_reset_with_yes_restores_and_keeps_a_backup_of_the_edit(ws: Path, tutor: Tutor) -> None:
    mine = "def add(a, b):\n    return a - b  # my edit\n"
    learner_file(ws, ADD).write_text(mine, encoding="utf-8")
    result = tutor("reset", "add-numbers", "--yes")
    assert result.code == 0, result
    assert learner_file(ws, ADD).read_text(encoding="utf-8") == pristine_text(ADD)
    backups = list((ws / ".tutor" / "backups" / "add-numbers").glob(f"*/{ADD}"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == mine
    assert "Your version is saved in" in result.text


def test_reset_brings_back_a_deleted_file(ws: Path, tutor: Tutor) -> None:
    learner_file(ws, ADD).unlink()
    assert tutor("reset", "--yes").code == 0
    assert learner_file(ws, ADD).read_text(encoding="utf-8") == pristine_text(ADD)


# --- damaged state, lessons, doctor, help, version -------------------------------------------------------


def test_corrupt_progress_file_is_recovered_with_a_note(ws: Path, tutor: Tutor) -> None:
    (ws / ".tutor" / "progress.json").write_text("{ this is not json", encoding="utf-8")
    result = tutor("list")
    assert result.code == 0, result
    assert "progress file was damaged" in result.text
    assert list((ws / ".tutor").glob("progress.json.corrupt-*"))
    solve(ws, ADD)
    checked = tutor("check")
    assert checked.code == 0, checked
    assert "damaged" not in checked.text  # recovered once, healthy since
    assert statuses(tutor)["add-numbers"] == "solved"


def test_progress_file_with_wrong_value_types_does_not_crash(ws: Path, tutor: Tutor) -> None:
    (ws / ".tutor" / "progress.json").write_text('{"hints_shown": {"add-numbers": null}}', encoding="utf-8")
    result = tutor("list")
    assert result.code == 0
    assert "damaged" in result.text


def test_lesson_prints_a_lesson_by_number(ws: Path, tutor: Tutor) -> None:
    result = tutor("lesson", "2", "--no-pager")
    assert result.code == 0
    assert "Serving" in result.text
    assert "LESSON-TWO-TEXT" in result.text
    missing = tutor("lesson", "9")
    assert missing.code == 1
    assert "There is no lesson '9'" in missing.text


def test_doctor_runs_and_reports_the_course_and_workspace(ws: Path, tutor: Tutor) -> None:
    result = tutor("doctor")
    assert result.code == 0, result
    assert "2 lessons, 3 exercises" in result.text
    assert "Workspace" in result.text and "all present" in result.text
    assert "Loopback network" in result.text


def test_doctor_flags_a_missing_exercise_file(ws: Path, tutor: Tutor) -> None:
    learner_file(ws, GREET).unlink()
    result = tutor("doctor")
    assert result.code == 1
    assert "missing: 01_basics/greet.py" in result.text
    assert "tutor reset" in result.text


def test_doctor_reports_a_broken_course(tutor_env: TutorEnv, tutor: Tutor) -> None:
    (tutor_env.course_dir / "course.toml").write_text("[[lesson]\n", encoding="utf-8")
    result = tutor("doctor")
    assert result.code == 1
    assert "not valid TOML" in result.text


def test_help_lists_the_commands(tutor: Tutor) -> None:
    result = tutor("--help")
    assert result.code == 0
    for command in ("next", "check", "watch", "list", "hint", "solution", "reset", "run", "doctor", "verify"):
        assert command in result.text


def test_version_through_python_m(tutor_env: TutorEnv) -> None:
    from tutor import __version__

    done = subprocess.run(
        [*TUTOR_CMD, "--version"], env=tutor_env.subprocess_env(), capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tutor {__version__}"


def test_no_colour_codes_when_output_is_not_a_terminal(
    ws: Path, tutor_env: TutorEnv, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    env = dict(tutor_env.subprocess_env(), TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    done = subprocess.run([*TUTOR_CMD, "check"], cwd=ws, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "add(2, 3) should give 5" in flat(done.stdout)
    assert "\x1b[" not in done.stdout and "\x1b[" not in done.stderr


# --- run (script exercises; the ASGI server is in test_launch.py) ----------------------------------------


def test_run_executes_the_learners_script_and_passes_on_its_exit_code(ws: Path, tutor_env: TutorEnv) -> None:
    learner_file(ws, ADD).write_text("print('RAN-THE-SCRIPT')\nraise SystemExit(3)\n", encoding="utf-8")
    done = subprocess.run(
        [*TUTOR_CMD, "run", "add-numbers"],
        cwd=ws,
        env=tutor_env.subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert_no_crash(done.stdout + done.stderr)
    assert "RAN-THE-SCRIPT" in done.stdout
    assert "exited with code 3" in flat(done.stdout)


def test_run_of_a_deleted_file_says_missing(ws: Path, tutor: Tutor) -> None:
    learner_file(ws, ADD).unlink()
    result = tutor("run", "add-numbers")
    assert result.code == 1
    assert "is missing" in result.text and "tutor reset add-numbers" in result.text


# --- watch ------------------------------------------------------------------------------------------------


def test_watch_checks_at_once_and_quits_on_q(ws: Path, tutor: Tutor) -> None:
    result = tutor("watch", input="h\nq\n")
    assert result.code == 0, result
    assert "add(2, 3) should give 5" in result.text
    assert "HINT-ONE" in result.text
    assert "Stopped watching" in result.text


def test_watch_rechecks_on_save_and_moves_on(ws: Path, tutor_env: TutorEnv) -> None:
    """A real `tutor watch`: save the solution, see it pass and the next exercise appear, then quit."""
    process = subprocess.Popen(
        [*TUTOR_CMD, "watch"],
        cwd=ws,
        env=tutor_env.subprocess_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []

    def wait_for(marker: str, within: float) -> bool:
        deadline = time.monotonic() + within
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = lines.get(timeout=left)
            except queue.Empty:
                return False
            assert line is not None, "`tutor watch` ended early:\n" + "".join(seen)
            seen.append(line)
            if marker in line:
                return True
        return False

    try:
        assert wait_for("Watching for saves", 30), "".join(seen)
        assert "add(2, 3) should give 5" in flat("".join(seen))
        # Save the solution the way an editor does; save again only if the first save went unseen.
        for _attempt in range(3):
            shutil.copyfile(tutor_env.course_dir / "solutions" / ADD, learner_file(ws, ADD))
            if wait_for("Watching for saves", 10):
                break
        text = flat("".join(seen))
        assert "All 2 checks passed" in text
        assert "Exercise 1.2: An async greeting" in text
        process.stdin.write("q\n")
        process.stdin.flush()
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "add-numbers" in Workspace(ws).progress.load().progress.solved


# --- learner mistakes that currently escape as internal errors ---------------------------------------------


def test_init_in_an_impossible_place_is_a_short_message(tutor_env: TutorEnv, tutor: Tutor, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = tutor("init", str(blocker / "sub"))
    assert result.code == 1
    assert "a-file" in result.text  # names the place it could not use


def test_run_with_an_impossible_port_is_a_usage_error(ws: Path, tutor: Tutor) -> None:
    result = tutor("run", "hello-asgi", "--port", "70000")
    assert result.code in (1, 2)
    assert "--port" in result.text and "65535" in result.text
