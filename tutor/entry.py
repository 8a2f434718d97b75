"""The `tutor` console script: settle the language, then hand over to the Typer app.

The language must be known before `tutor.cli` is imported, because command help texts are
translated when the commands are defined; and before click and Typer are imported, because their
own words ("Usage:", "Options", error messages) go through `gettext.gettext`, which we point at
our catalog here. `--lang` is accepted anywhere on the command line and taken out before Typer
parses it.
"""

from __future__ import annotations

import sys

from tutor.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_OPTION,
    SUPPORTED_LANGUAGES,
    choose_language,
    normalize_language,
    use_language,
)


def split_language_option(args: list[str]) -> tuple[str | None, list[str]]:
    """`["check", "--lang", "ru"]` -> `("ru", ["check"])`. A missing value gives `("", ...)`."""
    chosen: str | None = None
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg == LANGUAGE_OPTION:
            chosen = args[index + 1] if index + 1 < len(args) else ""
            index += 2
            continue
        if arg.startswith(LANGUAGE_OPTION + "="):
            chosen = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        index += 1
    return chosen, rest


def main() -> None:
    option, args = split_language_option(sys.argv[1:])
    from tutor.settings import language_setting

    choice = choose_language(option, language_setting())
    use_language(choice)
    if option is not None and normalize_language(option) is None:
        from tutor.i18n import _

        sys.stderr.write(
            _(
                "Unknown language '{value}'. Choose one of: {languages}.",
                value=option,
                languages=", ".join(SUPPORTED_LANGUAGES),
            )
            + "\n"
        )
        sys.exit(2)
    sys.argv[1:] = args
    if choice.language != DEFAULT_LANGUAGE:
        from tutor._library_words import translate_typer

        translate_typer()
    from tutor.cli import main as cli_main

    cli_main()
