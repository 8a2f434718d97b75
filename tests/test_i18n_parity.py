"""English and Russian stay in parity: every lesson, title, hint, check message, file comment and CLI
string exists in both, lesson code is the same code, and no English is left in the Russian texts.

Each test is per lesson where it can be (`-k 05-blocking` runs one lesson's); the `tool` ones cover
the `tutor` package. The run of every command in Russian is in `test_cli_speaks_russian`.
"""

from __future__ import annotations

from pathlib import Path

import i18n_audit as audit
import pytest

from tutor.course import Course, Lesson, lesson_translation_file, load_course
from tutor.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from tutor.verify import expect_prefix

ROOT = Path(__file__).resolve().parent.parent
COURSE: Course = load_course(ROOT, language=DEFAULT_LANGUAGE)
LANGUAGES = [language for language in SUPPORTED_LANGUAGES if language != DEFAULT_LANGUAGE]
TOOL_DIR = ROOT / "tutor"
# Words of click and Typer, translated in `tutor/locale/<lang>/click.toml`; they are not in our code.
LIBRARY_CATALOG = "click.toml"


def _lesson_cases() -> list[object]:
    return [
        pytest.param(lang, lesson, id=f"{lang}-{Path(lesson.file).stem}")
        for lang in LANGUAGES
        for lesson in COURSE.lessons
    ]


def _stem(lesson: Lesson) -> str:
    return Path(lesson.file).stem


def _check_files(lesson: Lesson) -> list[Path]:
    folder = COURSE.checks_dir / _stem(lesson)
    return sorted(path for path in folder.rglob("*.py") if "variants" not in path.parts and "bugs" not in path.parts)


def _lesson_messages(lesson: Lesson) -> audit.Extracted:
    merged = audit.Extracted()
    for path in _check_files(lesson):
        found = audit.extract(path, check_titles=True)
        merged.messages.update(found.messages)
        merged.problems.extend(found.problems)
    return merged


def _tool_messages() -> audit.Extracted:
    merged = audit.Extracted()
    for path in sorted(TOOL_DIR.rglob("*.py")):
        found = audit.extract(path)
        merged.messages.update(found.messages)
        merged.problems.extend(found.problems)
    return merged


def _all_entries(language: str) -> dict[str, audit.Entry]:
    entries: dict[str, audit.Entry] = {}
    for path in sorted((TOOL_DIR / "locale" / language).glob("*.toml")) + sorted(
        (ROOT / "locale" / language).glob("*.toml")
    ):
        entries.update({entry.english: entry for entry in audit.read_catalog(path, language)[1]})
    return entries


def _missing_or_mismatched(messages: dict[str, str | None], entries: dict[str, audit.Entry]) -> list[str]:
    problems = []
    for english, plural in messages.items():
        entry = entries.get(english)
        if entry is None:
            problems.append(f"no translation for: {english!r}")
            continue
        forms = entry.translation if isinstance(entry.translation, tuple) else (entry.translation,)
        if plural is not None and (entry.plural != plural or len(forms) != 3):
            problems.append(f"{english!r} is counted (ngettext): give en_plural = {plural!r} and three forms")
        for form in forms:
            if audit.fields(form) != audit.fields(english):
                problems.append(f"placeholders differ: {english!r} -> {form!r}")
    return problems


# --- lessons --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "lesson"), _lesson_cases())
def test_lesson_text_is_translated_with_the_same_code(language: str, lesson: Lesson) -> None:
    english = COURSE.lesson_path(lesson, DEFAULT_LANGUAGE).read_text(encoding="utf-8")
    path = COURSE.root / "lessons" / language / lesson.file
    assert path.is_file(), f"{path} is missing"
    translated = path.read_text(encoding="utf-8")
    assert audit.headings(translated) == audit.headings(english), "the headings differ in number or level"
    english_blocks, translated_blocks = audit.code_blocks(english), audit.code_blocks(translated)
    assert len(translated_blocks) == len(english_blocks), "the number of code blocks differs"
    for number, (ours, theirs) in enumerate(zip(english_blocks, translated_blocks, strict=True), start=1):
        if audit.is_diagram(ours):
            # A picture made of text: translated like prose, so it must not keep English.
            assert audit.is_diagram(theirs), f"code block {number} is a diagram in English"
            assert not audit.english_words(theirs), f"diagram {number} still has English"
            continue
        assert audit.normalized_code(theirs) == audit.normalized_code(ours), f"code block {number} differs"
    leftovers = audit.english_lines(translated)
    assert not leftovers, "English left in the lesson:\n" + "\n".join(leftovers[:10])


@pytest.mark.parametrize(("language", "lesson"), _lesson_cases())
def test_titles_and_hints_are_translated(language: str, lesson: Lesson) -> None:
    path = lesson_translation_file(COURSE.root / "locale" / language, lesson)
    assert path.is_file(), f"{path} is missing"
    data, _entries, problems = audit.read_catalog(path, language)
    assert not problems, problems
    assert isinstance(data.get("title"), str) and data["title"], "the lesson needs a `title`"
    exercises = data.get("exercise", {})
    assert isinstance(exercises, dict)
    assert set(exercises) == {ex.id for ex in lesson.exercises}, "one [exercise.<id>] table per exercise"
    texts = [str(data["title"])]
    for ex in lesson.exercises:
        raw = exercises[ex.id]
        assert raw.get("title"), f"{ex.id} needs a title"
        assert len(raw.get("hints", [])) == len(ex.hints), f"{ex.id} needs {len(ex.hints)} hints"
        texts += [raw["title"], *raw["hints"]]
    leftovers = [text for text in texts if audit.english_words(text)]
    assert not leftovers, "English left: " + " | ".join(leftovers)


@pytest.mark.parametrize(("language", "lesson"), _lesson_cases())
def test_check_messages_are_translated(language: str, lesson: Lesson) -> None:
    found = _lesson_messages(lesson)
    assert not found.problems, "\n".join(found.problems)
    problems = _missing_or_mismatched(found.messages, _all_entries(language))
    assert not problems, "\n".join(problems[:30])
    _data, own, _problems = audit.read_catalog(
        lesson_translation_file(COURSE.root / "locale" / language, lesson), language
    )
    stale = [entry.english for entry in own if entry.english not in found.messages]
    assert not stale, "entries no check of this lesson uses:\n" + "\n".join(stale[:20])


@pytest.mark.parametrize(("language", "lesson"), _lesson_cases())
def test_every_wrong_variant_names_its_message_in_each_language(language: str, lesson: Lesson) -> None:
    folder = COURSE.checks_dir / _stem(lesson)
    prefix = expect_prefix(language)
    missing = [
        str(path.relative_to(folder))
        for path in sorted(folder.rglob("variants/wrong_*.py"))
        if not any(line.startswith(prefix) for line in path.read_text(encoding="utf-8").splitlines()[:5])
    ]
    assert not missing, f"no '{prefix}' line in: " + ", ".join(missing)


@pytest.mark.parametrize(("language", "lesson"), _lesson_cases())
def test_exercise_and_solution_files_have_translated_copies(language: str, lesson: Lesson) -> None:
    problems = []
    for kind in ("exercises", "solutions"):
        english_dir = COURSE.root / kind / _stem(lesson)
        copies_dir = COURSE.root / "locale" / language / kind / _stem(lesson)
        for english in sorted(english_dir.rglob("*.py")):
            copy = copies_dir / english.relative_to(english_dir)
            source = english.read_text(encoding="utf-8")
            if not copy.is_file():
                if audit.english_words(audit.prose_of(source)):
                    problems.append(f"{copy.relative_to(ROOT)} is missing (the English file has comments to translate)")
                continue
            translated = copy.read_text(encoding="utf-8")
            if audit.code_shape(translated) != audit.code_shape(source):
                problems.append(f"{copy.relative_to(ROOT)}: the code differs from the English file")
            if left := audit.english_words(audit.prose_of(translated)):
                problems.append(f"{copy.relative_to(ROOT)}: English left in comments: {' '.join(left[:8])}")
        for copy in sorted(copies_dir.rglob("*")) if copies_dir.is_dir() else []:
            if copy.is_file() and not (english_dir / copy.relative_to(copies_dir)).is_file():
                problems.append(f"{copy.relative_to(ROOT)} has no English original")
    assert not problems, "\n".join(problems)


# --- the tool -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_tool_messages_are_translated(language: str) -> None:
    found = _tool_messages()
    assert not found.problems, "\n".join(found.problems)
    problems = _missing_or_mismatched(found.messages, _all_entries(language))
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogs_are_well_formed_and_free_of_english(language: str) -> None:
    problems: list[str] = []
    seen: dict[str, audit.Entry] = {}
    tool_messages = _tool_messages().messages
    catalogs = sorted((TOOL_DIR / "locale" / language).glob("*.toml")) + sorted(
        (ROOT / "locale" / language).glob("*.toml")
    )
    assert catalogs, f"no catalogs for {language}"
    for path in catalogs:
        _data, entries, file_problems = audit.read_catalog(path, language)
        problems += file_problems
        for entry in entries:
            forms = entry.translation if isinstance(entry.translation, tuple) else (entry.translation,)
            for form in forms:
                if left := audit.english_words(form):
                    problems.append(f"{path.name}: English left ({' '.join(left)}) in {form!r}")
            earlier = seen.setdefault(entry.english, entry)
            if earlier.translation != entry.translation:
                problems.append(f"{entry.english!r} is translated differently in {earlier.file.name} and {path.name}")
            if (
                path.parent.parent.parent == TOOL_DIR
                and path.name != LIBRARY_CATALOG
                and entry.english not in tool_messages
            ):
                problems.append(f"{path.name}: no code uses {entry.english!r}")
    assert not problems, "\n".join(problems[:40])
