"""The words click and Typer print themselves ("Usage:", "Show this message and exit.", error lines).

Older Typer runs on click, which asks `gettext.gettext` (routed to our catalog by
`tutor.i18n.use_language`). Typer 0.20+ carries its own copy of click with those words written in,
so here we translate them at the few places they come out: the usage line, the help option, and
the error messages. The templates and their Russian are in `tutor/locale/<lang>/click.toml`, and
an English message made from a template is translated back through it (`translate_formatted`).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from functools import cache
from typing import Any

from tutor.i18n import DEFAULT_LANGUAGE, _, catalog, current_language, translate_text

LIBRARY_CATALOG = "click.toml"


@cache
def _patterns(language: str) -> list[tuple[re.Pattern[str], str]]:
    """Each one-text template of the catalog as a regex that captures its placeholders."""
    patterns = []
    for english, translated in catalog(language).items():
        if not isinstance(translated, str) or "{" not in english:
            continue
        regex, names = "", list[str]()
        try:
            parsed = list(string.Formatter().parse(english))
        except ValueError:
            continue
        for literal, name, _spec, _conversion in parsed:
            regex += re.escape(literal)
            if name is not None:
                group = f"f{len(names)}"
                names.append(name)
                regex += f"(?P<{group}>.+?)"
        plain = re.sub(r"\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}", lambda m: "{" + m.group(1) + "}", translated)
        for index, name in enumerate(names):
            plain = plain.replace("{" + name + "}", "{" + f"f{index}" + "}")
        patterns.append((re.compile(f"^{regex}$", re.S), plain))
    # The most specific template first: "No such option: {name} (Possible options: ...)" before the shorter one.
    return sorted(patterns, key=lambda item: -len(re.sub(r"\(\?P<f\d+>\.\+\?\)", "", item[0].pattern)))


def translate_formatted(text: str) -> str:
    """An English message made from a known template, in the language in force (else as is)."""
    language = current_language()
    if language == DEFAULT_LANGUAGE:
        return text
    direct = translate_text(text)
    if direct != text:
        return direct
    for pattern, translated in _patterns(language):
        if match := pattern.match(text):
            return translated.format(**{key: translate_formatted(value) for key, value in match.groupdict().items()})
    return text


def translate_typer() -> None:
    """Patch Typer's own copy of click so its words go through our catalog (no-op without one)."""
    try:
        from typer._click import core, exceptions, formatting
    except ImportError:  # Typer on plain click: gettext does the work
        return
    write_usage = formatting.HelpFormatter.write_usage

    def translated_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _("Usage:") + " " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = translated_usage  # type: ignore[method-assign]

    get_help_option = core.Command.get_help_option

    def translated_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    core.Command.get_help_option = translated_help_option  # type: ignore[method-assign]

    for cls in vars(exceptions).values():
        if isinstance(cls, type) and "format_message" in vars(cls):
            cls.format_message = _translating(vars(cls)["format_message"])  # type: ignore[attr-defined]


def _translating(format_message: Callable[[Any], str]) -> Callable[[Any], str]:
    def translated(self: Any) -> str:
        return translate_formatted(format_message(self))

    return translated
