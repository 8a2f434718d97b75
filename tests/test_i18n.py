"""Choosing the language, translating, and what a language switch must never touch.

The parity of the texts themselves is `test_i18n_parity.py`; here: the mechanism, on the fixture
course, and the real course driven in Russian through every command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import i18n_audit as audit
import pytest
from conftest import REPO_ROOT, TUTOR_CMD, TutorEnv, assert_no_crash

from tutor import i18n
from tutor._library_words import translate_formatted
from tutor.course import load_course
from tutor.entry import split_language_option
from tutor.i18n import LanguageChoice, choose_language, ngettext, normalize_language, system_language
from tutor.workspace import FileState, Workspace

# --- choosing -------------------------------------------------------------------------------------


def test_the_order_is_option_environment_workspace_locale_default() -> None:
    env = {"TUTOR_LANG": "en", "LANG": "ru_RU.UTF-8"}
    assert choose_language("ru", "en", env) == LanguageChoice("ru", "option")
    assert choose_language(None, "ru", env) == LanguageChoice("en", "environment")
    assert choose_language(None, "ru", {"LANG": "en_US.UTF-8"}) == LanguageChoice("ru", "workspace")
    assert choose_language(None, None, {"LANG": "ru_RU.UTF-8"}) == LanguageChoice("ru", "locale")
    assert choose_language(None, None, {"LANG": "C.UTF-8"}) == LanguageChoice("en", "default")
    # A value we do not speak is passed over, not an error, below the command line.
    assert choose_language(None, "fr", {"TUTOR_LANG": "de", "LANG": "ru_RU"}) == LanguageChoice("ru", "locale")


def test_language_names_are_read_the_way_locales_write_them() -> None:
    assert [normalize_language(v) for v in ("ru", "RU", "ru_RU.UTF-8", "ru-RU", "en_GB", "fr", "", None)] == [
        "ru",
        "ru",
        "ru",
        "ru",
        "en",
        None,
        None,
        None,
    ]
    assert system_language({"LANGUAGE": "ru:en", "LANG": "en_US.UTF-8"}) == "ru"
    assert system_language({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) is None  # LC_ALL=C wins: no language


def test_lang_option_is_taken_out_wherever_it_stands() -> None:
    assert split_language_option(["check", "--lang", "ru", "1.1"]) == ("ru", ["check", "1.1"])
    assert split_language_option(["--lang=en", "list"]) == ("en", ["list"])
    assert split_language_option(["list", "--lang"]) == ("", ["list"])
    assert split_language_option(["run", "--", "--lang", "ru"]) == (None, ["run", "--", "--lang", "ru"])


# --- translating ----------------------------------------------------------------------------------


def test_russian_plurals_follow_the_three_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "ru")
    monkeypatch.setitem(i18n.catalog("ru"), "{n} exercise", ("{n} упражнение", "{n} упражнения", "{n} упражнений"))
    words = [ngettext("{n} exercise", "{n} exercises", n) for n in (1, 2, 5, 11, 21, 22, 112)]
    assert words == [
        "1 упражнение",
        "2 упражнения",
        "5 упражнений",
        "11 упражнений",
        "21 упражнение",
        "22 упражнения",
        "112 упражнений",
    ]
    monkeypatch.setenv("TUTOR_LANG", "en")
    assert ngettext("{n} exercise", "{n} exercises", 1) == "1 exercise"


def test_a_missing_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "ru")
    assert i18n._("A sentence nobody translated, {name}.", name="x") == "A sentence nobody translated, x."
    assert i18n._("Braces {stay} without values.") == "Braces {stay} without values."


def test_library_messages_are_translated_back_through_their_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUTOR_LANG", "ru")
    assert translate_formatted("No such command 'nosuch'.") == "Команды 'nosuch' нет."
    assert translate_formatted("No such option: --qick (Possible options: --quick)") == (
        "Параметра --qick нет (возможные варианты: --quick)"
    )
    assert translate_formatted("Something else entirely.") == "Something else entirely."


# --- the course and the workspace in another language ---------------------------------------------------


def _translate_fixture_course(course_dir: Path) -> None:
    """A Russian overlay for the fixture course: a title, hints, and a copy of one exercise file."""
    course = load_course(course_dir, language="en")
    lesson = course.lessons[0]
    exercise = lesson.exercises[0]
    locale = course_dir / "locale" / "ru"
    locale.mkdir(parents=True)
    hints = ", ".join(json.dumps(f"Подсказка {n}", ensure_ascii=False) for n in range(1, len(exercise.hints) + 1))
    (locale / f"{Path(lesson.file).stem}.toml").write_text(
        f'title = "Основы"\n\n[exercise.{exercise.id}]\ntitle = "Сложение"\nhints = [{hints}]\n', encoding="utf-8"
    )
    english = (course.exercises_dir / exercise.main_file).read_text(encoding="utf-8")
    copy = locale / "exercises" / exercise.main_file
    copy.parent.mkdir(parents=True)
    copy.write_text("# Комментарий на русском.\n" + english, encoding="utf-8")


def test_the_course_reads_titles_hints_and_file_copies_in_the_language(course_dir: Path) -> None:
    _translate_fixture_course(course_dir)
    english, russian = load_course(course_dir, language="en"), load_course(course_dir, language="ru")
    ex_en, ex_ru = english.exercises[0], russian.exercises[0]
    assert (russian.lessons[0].title, ex_ru.title) == ("Основы", "Сложение")
    assert ex_ru.hints[0] == "Подсказка 1" and ex_en.hints[0] != "Подсказка 1"
    assert russian.exercise_file(ex_ru.main_file).read_text(encoding="utf-8").startswith("# Комментарий")
    assert english.exercise_file(ex_en.main_file) == english.exercises_dir / ex_en.main_file
    # Untranslated parts stay English.
    assert russian.exercises[1].title == english.exercises[1].title


def test_switching_language_never_touches_files_and_reset_brings_the_new_one(course_dir: Path, tmp_path: Path) -> None:
    _translate_fixture_course(course_dir)
    english, russian = load_course(course_dir, language="en"), load_course(course_dir, language="ru")
    exercise = english.exercises[0]
    workspace = Workspace.create(tmp_path / "ws", english)
    path = workspace.file_path(exercise.main_file)
    before = path.read_bytes()
    report = workspace.sync(russian)  # what every command does, now in Russian
    assert (report.updated, report.added) == ((), ())
    assert path.read_bytes() == before
    assert workspace.exercise_state(exercise) is FileState.PRISTINE
    workspace.reset(exercise, russian)
    assert path.read_text(encoding="utf-8").startswith("# Комментарий")
    assert workspace.file_language(exercise.main_file) == "ru"
    assert workspace.exercise_state(exercise) is FileState.PRISTINE


def test_pristine_records_written_before_translations_still_read(course_dir: Path, tmp_path: Path) -> None:
    course = load_course(course_dir, language="en")
    workspace = Workspace.create(tmp_path / "ws", course)
    records = json.loads((workspace.state_dir / "pristine.json").read_text(encoding="utf-8"))
    legacy = {rel: record["sha256"] for rel, record in records.items()}
    (workspace.state_dir / "pristine.json").write_text(json.dumps(legacy), encoding="utf-8")
    assert Workspace(workspace.root).exercise_state(course.exercises[0]) is FileState.PRISTINE


# --- the real course, every command, in Russian ------------------------------------------------------

_FRAME = re.compile(r"^[\s│┃|+-]*(\d+\s+)?")


def _course_code_lines() -> set[str]:
    """Every line of code the course shows (exercise and solution files, both languages): a line of
    the output that is one of these is code quoted by the tool, not a sentence of it."""
    lines: set[str] = set()
    for folder in ("exercises", "solutions", "locale"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            lines.update(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return lines


def _english_lines(output: str, code: set[str]) -> list[str]:
    found = []
    for line in output.splitlines():
        content = _FRAME.sub("", line.strip(" │┃╭╮╰╯─")).strip()
        if audit.english_words(line) and content not in code:
            found.append(line.strip())
    return found


@pytest.mark.slow
def test_every_command_speaks_russian(tutor_env: TutorEnv, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`tutor ... --lang ru` over every command, on the real course: no English sentence comes out."""
    monkeypatch.delenv("TUTOR_COURSE_DIR")
    course = load_course(REPO_ROOT, language="en")
    workspace = tmp_path / "ws"
    env = tutor_env.subprocess_env()

    def tutor(*args: str, cwd: Path = workspace, timeout: float = 120, lang: tuple[str, ...] = ("--lang", "ru")) -> str:
        done = subprocess.run(
            [*TUTOR_CMD, *args, *lang], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
        )
        output = done.stdout + done.stderr
        assert_no_crash(output)
        return output

    outputs: dict[str, str] = {"init": tutor("init", str(workspace), cwd=tmp_path)}
    # A workspace made with --lang ru keeps Russian: the next commands need no option.
    outputs["list (no --lang)"] = tutor("list", lang=())
    assert "Событийный цикл" in outputs["list (no --lang)"]
    assert json.loads((workspace / ".tutor" / "config.json").read_text(encoding="utf-8")) == {"lang": "ru"}
    commands = [
        ("--help",),
        *[(name, "--help") for name in ("init", "next", "check", "watch", "list", "hint", "lesson", "solution")],
        *[(name, "--help") for name in ("reset", "run", "lab", "config", "doctor", "verify")],
        ("next", "--no-pager"),
        ("list",),
        ("hint",),
        ("hint",),
        ("check",),
        ("lesson", "2", "--no-pager"),
        ("solution", "--yes"),
        ("reset", "--yes"),
        ("config",),
        ("config", "lang", "ru"),
        ("doctor",),
        ("lab",),
        ("check", "no-such-exercise"),
        ("nosuch",),
        ("list", "--no-such-option"),
    ]
    for command in commands:
        outputs[" ".join(command)] = tutor(*command)
    # Solve the first exercise and run it; then the next one shows up.
    first = course.exercises[0]
    for rel in first.files:
        shutil.copyfile(course.solution_file(rel, "ru"), workspace / "exercises" / rel)
    outputs["check (solved)"] = tutor("check")
    outputs["run"] = tutor("run", first.id)
    outputs["next (second)"] = tutor("next", "--no-pager")
    outputs["verify"] = tutor("verify", first.id, "-j", "2", timeout=300)
    watch = subprocess.Popen(
        [*TUTOR_CMD, "watch", "--lang", "ru"],
        cwd=workspace,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        watch.wait(timeout=6)
    except subprocess.TimeoutExpired:
        os.killpg(watch.pid, signal.SIGINT)
    outputs["watch"] = watch.communicate(timeout=30)[0]

    # The lesson's text is checked in its Markdown source (test_i18n_parity.py), where code is marked
    # as code; here only that it is the Russian one.
    lesson_output = outputs.pop("lesson 2 --no-pager") + outputs.pop("next --no-pager")
    assert "Корутины" in lesson_output and "Событийный цикл" in lesson_output
    code = _course_code_lines()
    leftovers = {command: lines for command, output in outputs.items() if (lines := _english_lines(output, code))}
    assert not leftovers, "English in Russian output:\n" + "\n".join(
        f"tutor {command}: {line}" for command, lines in leftovers.items() for line in lines[:5]
    )


def test_parsed_catalogs_are_cached_and_follow_edits(
    course_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    catalog_file = course_dir / "locale" / "ru" / "extra.toml"
    catalog_file.parent.mkdir(parents=True)
    catalog_file.write_text('[[message]]\nen = "Hello"\nru = "Привет"\n', encoding="utf-8")
    i18n._locale_data.cache_clear()
    first = i18n.locale_data("ru", course_dir)
    assert first[str(catalog_file.resolve())]["message"][0]["ru"] == "Привет"
    assert len(list((tmp_path / "cache" / "async-django-tutor" / "i18n").glob("ru-*.marshal"))) == 1
    catalog_file.write_text('[[message]]\nen = "Hello"\nru = "Здравствуйте"\n', encoding="utf-8")
    i18n._locale_data.cache_clear()
    again = i18n.locale_data("ru", course_dir)
    assert again[str(catalog_file.resolve())]["message"][0]["ru"] == "Здравствуйте"
    # The stale cache file was replaced, not kept next to the new one.
    assert len(list((tmp_path / "cache" / "async-django-tutor" / "i18n").glob("ru-*.marshal"))) == 1
    i18n._locale_data.cache_clear()
