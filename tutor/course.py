"""The course manifest: lessons, exercises, hints, checks. The single source of truth for order.

`course.toml` lists lessons in order; each lesson lists its exercises. Paths in the manifest are
relative to the course's `exercises/`, `solutions/`, `checks/` and `lessons/<lang>/` folders.

A course is loaded in one language. English is the manifest itself; another language overlays
`locale/<lang>/<lesson file stem>.toml` (lesson and exercise titles, hints) and takes exercise and
solution files from `locale/<lang>/exercises/` and `locale/<lang>/solutions/` where a translated
copy exists (same code, translated comments). Anything missing falls back to English.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from tutor.errors import CourseError, UnknownExerciseError
from tutor.i18n import DEFAULT_LANGUAGE, _, current_language, locale_data

RunKind = Literal["script", "asgi"]
RUN_KINDS: tuple[RunKind, ...] = ("script", "asgi")
KNOWN_NEEDS = frozenset({"server", "database", "postgres"})
DEFAULT_TIMEOUT = 10.0
COURSE_DIR_ENV = "TUTOR_COURSE_DIR"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: the files a learner edits, the check that judges them, and its hints."""

    id: str
    title: str
    lesson_id: str
    lesson_number: int
    number: int
    files: tuple[str, ...]
    check: str
    hints: tuple[str, ...]
    timeout: float = DEFAULT_TIMEOUT
    run: RunKind = "script"
    app: str | None = None
    needs: frozenset[str] = frozenset()
    try_commands: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """Lesson-dot-exercise number, e.g. `1.2`, a short handle a learner can type."""
        return f"{self.lesson_number}.{self.number}"

    @property
    def main_file(self) -> str:
        """The file a learner starts in; checks import it as the exercise's module."""
        return self.files[0]


@dataclass(frozen=True, slots=True)
class Lesson:
    """A lesson: a Markdown text plus the exercises that practise it."""

    id: str
    number: int
    title: str
    file: str
    exercises: tuple[Exercise, ...]


@dataclass(frozen=True, slots=True)
class Course:
    """A loaded, validated course rooted at a folder holding `course.toml`."""

    root: Path
    title: str
    lessons: tuple[Lesson, ...]
    language: str = DEFAULT_LANGUAGE

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    @property
    def solutions_dir(self) -> Path:
        return self.root / "solutions"

    @property
    def checks_dir(self) -> Path:
        return self.root / "checks"

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        """Every exercise in course order."""
        return tuple(ex for lesson in self.lessons for ex in lesson.exercises)

    def lesson_of(self, exercise: Exercise) -> Lesson:
        return next(lesson for lesson in self.lessons if lesson.id == exercise.lesson_id)

    def lesson_path(self, lesson: Lesson, language: str | None = None) -> Path:
        """The Markdown file of a lesson, in `language` (default: the course's) when translated, else English."""
        translated = self.root / "lessons" / (language or self.language) / lesson.file
        return translated if translated.is_file() else self.root / "lessons" / DEFAULT_LANGUAGE / lesson.file

    def locale_dir(self, language: str | None = None) -> Path:
        """Where the course's translations into `language` live."""
        return self.root / "locale" / (language or self.language)

    def _translated_copy(self, kind: str, relative: str, language: str | None) -> Path | None:
        """`locale/<lang>/<kind>/<relative>`: a file with translated comments, when there is one."""
        language = language or self.language
        if language == DEFAULT_LANGUAGE:
            return None
        translated = self.locale_dir(language) / kind / relative
        return translated if translated.is_file() else None

    def exercise_file(self, relative: str, language: str | None = None) -> Path:
        """The pristine version of an exercise file, with translated comments when there is a copy."""
        return self._translated_copy("exercises", relative, language) or self.exercises_dir / relative

    def check_dir(self, exercise: Exercise) -> Path:
        return self.checks_dir / exercise.check

    def solution_file(self, relative: str, language: str | None = None) -> Path:
        """The reference version of an exercise file: `solutions/` holds only the files an answer
        changes (a Django project's settings and urls stay as shipped), so fall back to `exercises/`."""
        if not self.has_own_solution(relative):
            return self.exercise_file(relative, language)
        return self._translated_copy("solutions", relative, language) or self.solutions_dir / relative

    def has_own_solution(self, relative: str) -> bool:
        """Whether the reference answer changes this file (else it is the exercise file as shipped)."""
        return (self.solutions_dir / relative).is_file()

    def find_exercise(self, ref: str) -> Exercise:
        """An exercise by id (`first-coroutine`) or by label (`1.2`)."""
        ref = ref.strip()
        for ex in self.exercises:
            if ref in (ex.id, ex.label):
                return ex
        known = [ex.id for ex in self.exercises]
        close = difflib.get_close_matches(ref, known, n=3)
        hint = _("Did you mean: {ids}?", ids=", ".join(close)) if close else _("See every exercise with `tutor list`.")
        raise UnknownExerciseError(_("There is no exercise '{ref}'.", ref=ref), hint)

    def find_lesson(self, ref: str) -> Lesson:
        """A lesson by number (`1`) or id (`event-loop`)."""
        ref = ref.strip()
        for lesson in self.lessons:
            if ref in (str(lesson.number), lesson.id):
                return lesson
        numbers = ", ".join(str(lesson.number) for lesson in self.lessons)
        raise UnknownExerciseError(
            _("There is no lesson '{ref}'.", ref=ref), _("Lessons are numbered {numbers}.", numbers=numbers)
        )


def default_course_root() -> Path:
    """Where the course content is: `$TUTOR_COURSE_DIR`, inside the installed package, or the checkout."""
    override = os.environ.get(COURSE_DIR_ENV)
    if override:
        return Path(override)
    package_dir = Path(__file__).resolve().parent
    bundled = package_dir / "_course"
    if (bundled / "course.toml").is_file():
        return bundled
    return package_dir.parent


def load_course(root: Path | None = None, language: str | None = None) -> Course:
    """Read and validate `course.toml` in `language` (default: the one in force); raise `CourseError`
    naming the first problem found."""
    root = (root or default_course_root()).resolve()
    language = language or current_language()
    manifest = root / "course.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CourseError(
            _("The course manifest is missing: {path}", path=manifest),
            _("Reinstall with `pip install --force-reinstall async-django-tutor`."),
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise CourseError(f"The course manifest {manifest} is not valid TOML: {exc}") from None
    course = Course(
        root=root,
        title=str(data.get("course", {}).get("title", "Async Django")),
        lessons=tuple(
            _parse_lesson(raw, number) for number, raw in enumerate(_tables(data, "lesson", "the course"), start=1)
        ),
    )
    _validate(course)
    if language == DEFAULT_LANGUAGE:
        return course
    locale_dir = course.locale_dir(language)
    files = locale_data(language, root)  # parsed once, cached on disk
    title = files.get(str(locale_dir / COURSE_TRANSLATION_FILE), {}).get("title")
    return dataclasses.replace(
        course,
        title=str(title or course.title),
        lessons=tuple(_translated(lesson, locale_dir, files) for lesson in course.lessons),
        language=language,
    )


COURSE_TRANSLATION_FILE = "course.toml"  # `title = "..."`: the course's own title


def lesson_translation_file(locale_dir: Path, lesson: Lesson) -> Path:
    """`locale/<lang>/<lesson file stem>.toml`: a lesson's title, its exercises' titles and hints,
    and its checks' messages, in one language."""
    return locale_dir / f"{Path(lesson.file).stem}.toml"


def _translated(lesson: Lesson, locale_dir: Path, files: dict[str, dict[str, Any]]) -> Lesson:
    """`lesson` with the titles and hints its translation file gives; the rest stays English."""
    data = files.get(str(lesson_translation_file(locale_dir, lesson)))
    if not data:
        return lesson
    exercises_data = data.get("exercise", {})

    def exercise(ex: Exercise) -> Exercise:
        raw = exercises_data.get(ex.id, {}) if isinstance(exercises_data, dict) else {}
        hints = raw.get("hints")
        if not isinstance(hints, list) or len(hints) != len(ex.hints):
            hints = ex.hints  # a hint list that does not match the English one is not used
        return dataclasses.replace(
            ex, title=str(raw.get("title") or ex.title), hints=tuple(str(h).strip() for h in hints)
        )

    return dataclasses.replace(
        lesson,
        title=str(data.get("title") or lesson.title),
        exercises=tuple(exercise(ex) for ex in lesson.exercises),
    )


def _tables(raw: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """An array of tables (`[[lesson]]`, `[[lesson.exercise]]`), or a CourseError saying how to write it."""
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        parent = "lesson." if key == "exercise" else ""
        raise CourseError(f"course.toml: in {where}, write each {key} as a [[{parent}{key}]] table (double brackets).")
    return value


def _timeout(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise CourseError(f"course.toml: {where} has timeout = {value!r}; expected a positive number of seconds.")
    return float(value)


def _require(raw: dict[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise CourseError(f"course.toml: {where} has no '{key}'.")
    return raw[key]


def _parse_lesson(raw: dict[str, Any], number: int) -> Lesson:
    lesson_id = str(_require(raw, "id", f"lesson {number}"))
    exercises = tuple(
        _parse_exercise(ex, lesson_id, number, ex_number)
        for ex_number, ex in enumerate(_tables(raw, "exercise", f"lesson '{lesson_id}'"), start=1)
    )
    return Lesson(
        id=lesson_id,
        number=number,
        title=str(_require(raw, "title", f"lesson '{lesson_id}'")),
        file=str(_require(raw, "file", f"lesson '{lesson_id}'")),
        exercises=exercises,
    )


def _parse_exercise(raw: dict[str, Any], lesson_id: str, lesson_number: int, number: int) -> Exercise:
    where = f"exercise {lesson_number}.{number}"
    ex_id = str(_require(raw, "id", where))
    where = f"exercise '{ex_id}'"
    files = raw.get("files")
    if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
        raise CourseError(f"course.toml: {where} needs 'files', a non-empty list of paths.")
    hints = raw.get("hints")
    if not isinstance(hints, list) or not hints:
        raise CourseError(f"course.toml: {where} needs 'hints', at least one, from gentle to explicit.")
    run = raw.get("run", "script")
    if run not in RUN_KINDS:
        raise CourseError(f"course.toml: {where} has run = '{run}'; expected one of {', '.join(RUN_KINDS)}.")
    needs = frozenset(raw.get("needs", []))
    if unknown := needs - KNOWN_NEEDS:
        raise CourseError(f"course.toml: {where} needs unknown things: {', '.join(sorted(unknown))}.")
    return Exercise(
        id=ex_id,
        title=str(_require(raw, "title", where)),
        lesson_id=lesson_id,
        lesson_number=lesson_number,
        number=number,
        files=tuple(files),
        check=str(raw.get("check", files[0].removesuffix(".py"))),
        hints=tuple(str(h).strip() for h in hints),
        timeout=_timeout(raw.get("timeout", DEFAULT_TIMEOUT), where),
        run=run,
        app=raw.get("app"),
        needs=needs,
        try_commands=tuple(str(c) for c in raw.get("try", [])),
    )


def _validate(course: Course) -> None:
    seen: set[str] = set()
    for lesson in course.lessons:
        if not (course.root / "lessons" / "en" / lesson.file).is_file():
            raise CourseError(f"Lesson '{lesson.id}': lessons/en/{lesson.file} does not exist.")
        for ex in lesson.exercises:
            if ex.id in seen:
                raise CourseError(f"Exercise id '{ex.id}' is used twice in course.toml.")
            seen.add(ex.id)
            for rel in ex.files:
                if not (course.exercises_dir / rel).is_file():
                    raise CourseError(f"Exercise '{ex.id}': exercises/{rel} does not exist.")
            if not (course.solutions_dir / ex.main_file).is_file():
                raise CourseError(f"Exercise '{ex.id}': solutions/{ex.main_file} does not exist.")
            if not (course.check_dir(ex) / "check.py").is_file():
                raise CourseError(f"Exercise '{ex.id}': checks/{ex.check}/check.py does not exist.")
            if ex.run == "asgi" and not ex.app:
                raise CourseError(f"Exercise '{ex.id}': run = 'asgi' needs app = 'module:attribute'.")


def read_brief(source: str) -> str:
    """The exercise's instructions: the comment block at the top of its pristine file."""
    lines: list[str] = []
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("#!") or stripped.startswith("# -*-"):
            continue
        if not stripped.startswith("#"):
            if lines or stripped:
                break
            continue
        lines.append(stripped.removeprefix("#").removeprefix(" "))
    return "\n".join(lines).strip()
