"""One lookup for every learner-facing string of the tool.

Strings are written in English at the call site and passed through `_()`. A translation is a
catalog (English text -> translated text) per language; until the Russian catalog lands,
English is the only language and `_()` returns its argument. Keeping the lookup in one place
means a translation touches catalogs, not code paths.
"""

from __future__ import annotations

import os

DEFAULT_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("en",)

_catalogs: dict[str, dict[str, str]] = {"en": {}}


def current_language() -> str:
    """The language in force: `TUTOR_LANG` when it names a supported one, else English."""
    wanted = os.environ.get("TUTOR_LANG", "").split("_")[0].lower()
    return wanted if wanted in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def _(text: str) -> str:
    """Translate an English UI string into the current language (falls back to English)."""
    return _catalogs.get(current_language(), {}).get(text, text)
