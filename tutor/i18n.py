"""One lookup for every learner-facing string: the tool's, the course's and the checks'.

Strings are written in English at the call site and passed through `_()` (or `ngettext()` when a
number decides the form). A catalog maps the English text to its translation: TOML files of
`[[message]]` tables with an `en` and a `<lang>` key. The tool's catalogs live in
`tutor/locale/<lang>/*.toml`; the course's (lesson titles, hints, check messages) in the course's
`locale/<lang>/*.toml`. English needs no catalog; a missing translation falls back to English.

The language in force is decided once per process by `choose_language` (command line, then
`TUTOR_LANG`, then the workspace setting, then the system locale) and then lives in `TUTOR_LANG`,
so every child process (checks, servers) speaks the same language.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DEFAULT_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("en", "ru")
LANGUAGE_NAMES = {"en": "English", "ru": "русский"}
LANGUAGE_ENV = "TUTOR_LANG"
LANGUAGE_OPTION = "--lang"
LOCALE_ENVS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # the order gettext reads them in

Translation = str | tuple[str, ...]  # one text, or the plural forms of a counted one


def normalize_language(value: str | None) -> str | None:
    """`ru`, `RU`, `ru_RU.UTF-8`, `ru-RU` -> `ru`; None when it names no supported language."""
    if not value:
        return None
    code = value.strip().split(":")[0].split(".")[0].replace("-", "_").split("_")[0].lower()
    return code if code in SUPPORTED_LANGUAGES else None


def system_language(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language of the system locale (`LANG=ru_RU.UTF-8` -> `ru`), if it is one we speak."""
    for name in LOCALE_ENVS:
        value = environ.get(name, "")
        if value in ("C", "POSIX") or value.startswith("C."):
            return None  # the plain C locale: English
        if value:
            return normalize_language(value)
    return None


@dataclass(frozen=True, slots=True)
class LanguageChoice:
    """The language in force and where it came from (shown by `tutor config`)."""

    language: str
    source: str  # "option", "environment", "workspace", "locale" or "default"


def choose_language(
    option: str | None = None,
    workspace_setting: str | None = None,
    environ: Mapping[str, str] = os.environ,
) -> LanguageChoice:
    """`--lang`, then `TUTOR_LANG`, then `tutor config lang`, then the system locale, then English."""
    candidates = ((option, "option"), (environ.get(LANGUAGE_ENV), "environment"), (workspace_setting, "workspace"))
    for value, source in candidates:
        if language := normalize_language(value):
            return LanguageChoice(language, source)
    if language := system_language(environ):
        return LanguageChoice(language, "locale")
    return LanguageChoice(DEFAULT_LANGUAGE, "default")


_chosen: LanguageChoice | None = None


def current_language() -> str:
    """The language in force in this process: `TUTOR_LANG`, else the system locale, else English."""
    return choose_language().language


def language_choice() -> LanguageChoice:
    """The language in force and where it came from, as settled at start-up (see `tutor.entry`)."""
    return _chosen or choose_language()


def use_language(choice: LanguageChoice) -> None:
    """Make `choice` the language in force here and in every child process started from now on,
    including the words click and Typer print themselves (they ask `gettext.gettext`)."""
    global _chosen
    _chosen = choice
    os.environ[LANGUAGE_ENV] = choice.language
    if choice.language != DEFAULT_LANGUAGE:
        import gettext

        gettext.gettext = _library_gettext
        gettext.ngettext = _library_ngettext


def _library_gettext(message: str) -> str:
    return translate_text(message)


def _library_ngettext(msgid1: str, msgid2: str, n: int) -> str:
    """gettext's `ngettext`: picks the form, leaves the formatting to the caller."""
    return _plural_form(msgid1, msgid2, n, current_language())


# --- catalogs -------------------------------------------------------------------------------


def catalog_files(language: str, course_root: Path) -> list[Path]:
    """Every catalog file of `language`: the tool's, then the course's."""
    tool = Path(__file__).resolve().parent / "locale" / language
    course = course_root / "locale" / language
    return sorted(tool.glob("*.toml")) + sorted(course.glob("*.toml"))


def locale_data(language: str, course_root: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every catalog file of `language`, parsed: path -> its TOML data (a broken file is left out).

    Parsing all of them takes about 0.1 s, too much for every command and every check; so the parsed
    data is kept in the user's cache folder, keyed by the files' names, sizes and times."""
    if course_root is None:
        from tutor.course import default_course_root

        course_root = default_course_root()
    return _locale_data(language, str(course_root.resolve()))


@cache
def _locale_data(language: str, course_root: str) -> dict[str, dict[str, Any]]:
    paths = catalog_files(language, Path(course_root))
    try:
        stamp = [(str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in paths]
    except OSError:
        stamp = []
    key = hashlib.sha256(repr(stamp).encode()).hexdigest()[:16]
    cache_dir = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "async-django-tutor" / "i18n"
    cached = cache_dir / f"{language}-{key}.marshal"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        data = marshal.loads(cached.read_bytes())
        if isinstance(data, dict):
            return data
    data = {}
    for path in paths:
        with contextlib.suppress(OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            data[str(path)] = tomllib.loads(path.read_text(encoding="utf-8"))
    with contextlib.suppress(OSError, ValueError):
        from tutor._fs import write_atomic

        write_atomic(cached, marshal.dumps(data))
        for stale in cache_dir.glob(f"{language}-*.marshal"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    return data


def messages_of(data: dict[str, Any], language: str) -> dict[str, Translation]:
    """The `[[message]]` pairs of a catalog file's data, English text -> translation."""
    messages: dict[str, Translation] = {}
    for entry in data.get("message", []):
        english, translated = entry.get("en"), entry.get(language)
        if isinstance(english, str) and isinstance(translated, str):
            messages[english] = translated
        elif isinstance(english, str) and isinstance(translated, list):
            messages[english] = tuple(str(form) for form in translated)
    return messages


@cache
def catalog(language: str) -> dict[str, Translation]:
    """All messages of `language`, loaded once per process. A broken file is skipped, not fatal:
    the learner then reads English, and the parity test names the file."""
    messages: dict[str, Translation] = {}
    if language == DEFAULT_LANGUAGE:
        return messages
    for data in locale_data(language).values():
        with contextlib.suppress(AttributeError, TypeError):
            messages.update(messages_of(data, language))
    return messages


class _NumberFormatter(string.Formatter):
    """`str.format` that writes numbers the way the language does: Russian has a decimal comma and
    a thin space between thousands (0,25 с; 1 500 000). A value shown with `!r` is code, and keeps
    its point."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, format_spec: str) -> str:
        text: str = super().format_field(value, format_spec)
        if self.language in DECIMAL_COMMA and isinstance(value, int | float) and not isinstance(value, bool):
            text = text.replace(",", "\u202f").replace(".", ",")
        return text


DECIMAL_COMMA = frozenset({"ru"})


def _format(template: str, language: str, values: dict[str, Any]) -> str:
    if language in DECIMAL_COMMA:
        return _NumberFormatter(language).vformat(template, (), values)
    return template.format(**values)


def _(text: str, /, **values: Any) -> str:
    """Translate English `text` into the language in force; fill `{placeholders}` from `values`.

    Without `values` the text is returned as is (braces in it stay braces)."""
    language = current_language()
    found = catalog(language).get(text, text)
    translated = found if isinstance(found, str) else text
    return _format(translated, language, values) if values else translated


def translate_text(text: str) -> str:
    """The translation of a text that is not written in our code as a literal (a check's docstring
    title, a library's message): looked up as is, never formatted. Code uses `_` instead, so the
    parity test can find every text."""
    found = catalog(current_language()).get(text, text)
    return found if isinstance(found, str) else text


def ngettext(singular: str, plural: str, n: int, /, **values: Any) -> str:
    """A counted text: `ngettext("{n} exercise", "{n} exercises", n)`, with `{n}` filled in."""
    language = current_language()
    return _format(_plural_form(singular, plural, n, language), language, {"n": n, **values})


def _plural_form(singular: str, plural: str, n: int, language: str) -> str:
    """The form of a counted text for `n`: the catalog's, else English's."""
    forms = catalog(language).get(singular)
    if isinstance(forms, tuple) and forms:
        return forms[min(PLURAL_RULES[language](n), len(forms) - 1)]
    return singular if n == 1 else plural


def _english_plural(n: int) -> int:
    return 0 if n == 1 else 1


def _russian_plural(n: int) -> int:
    """1 упражнение, 2 упражнения, 5 упражнений (21 упражнение, 11 упражнений)."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


PLURAL_RULES: dict[str, Callable[[int], int]] = {"en": _english_plural, "ru": _russian_plural}
