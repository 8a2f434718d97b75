"""What the parity tests compare: texts to translate found in code, lesson code blocks, file copies,
and a detector for English left in a translated text.

Kept apart from the tests so a course author can call it by hand, e.g.
`python -c "import sys; sys.path.insert(0, 'tests'); import i18n_audit as a; print(a.english_words(t))"`.
"""

from __future__ import annotations

import ast
import io
import re
import string
import tokenize
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

# Function words that only an English sentence has. Code, names and program output are removed
# before looking, so what is left is prose.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "is",
        "are",
        "was",
        "were",
        "your",
        "you",
        "should",
        "must",
        "not",
        "with",
        "this",
        "that",
        "does",
        "did",
        "has",
        "have",
        "when",
        "which",
        "from",
        "into",
        "then",
        "than",
        "its",
        "and",
        "but",
        "will",
        "would",
        "can",
        "could",
        "there",
        "their",
        "they",
        "what",
        "why",
        "how",
        "only",
        "every",
        "because",
        "before",
        "after",
        "instead",
        "while",
        "until",
        "of",
        "to",
        "for",
        "it",
        "an",
        "on",
        "in",
        "if",
        "or",
        "be",
        "by",
        "as",
        "at",
        "we",
        "our",
        "here",
        "yet",
    ]
)

_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?^\1[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`]*`")
_URL = re.compile(r"(https?://|file://)\S+")
_PLACEHOLDER = re.compile(r"\{[^{}\s]*\}")
_MARKUP = re.compile(r"\[/?[a-z][a-z0-9 #._=-]*\]")
_QUOTED_ENGLISH = re.compile(r"«[^«»а-яёА-ЯЁ]*»")  # a program's own English message, quoted as is
_QUOTED = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|«[^«»а-яёА-ЯЁ]*»")
_PATH = re.compile(r"(?:[\w.-]*/)+[\w.-]+")
_WORD = re.compile(r"(?<![\w.-])[A-Za-z][\w'.-]*")  # an identifier such as measure-it or wrong_x is one token


def english_lines(markdown: str) -> list[str]:
    """The lines of a Markdown text's prose that still hold English words (code may span lines)."""
    text = _FENCE.sub("", markdown)
    for pattern in (_INLINE_CODE, _QUOTED_ENGLISH):
        text = pattern.sub(lambda match: " " + "\n" * match.group(0).count("\n"), text)
    return [line.strip() for line in text.splitlines() if english_words(line)]


def english_words(text: str) -> list[str]:
    """English function words in `text` outside code, quotes, URLs, paths and placeholders."""
    for pattern in (_FENCE, _INLINE_CODE, _URL, _PLACEHOLDER, _MARKUP, _QUOTED, _PATH):
        text = pattern.sub(" ", text)
    return [word for word in _WORD.findall(text) if word.lower() in ENGLISH_WORDS]


# --- texts in code ------------------------------------------------------------------------------


@dataclass
class Extracted:
    """The texts a module sends through `_`/`ngettext`, its check titles, and misuses found."""

    messages: dict[str, str | None] = field(default_factory=dict)  # English text -> plural (ngettext) or None
    problems: list[str] = field(default_factory=list)


def extract(path: Path, *, check_titles: bool = False) -> Extracted:
    """Every literal passed to `_()` or `ngettext()` in `path`; with `check_titles`, also the first
    docstring line of each `test_*` function (the title of a check)."""
    found = Extracted()
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            where = f"{path}:{node.lineno}"
            if not node.args:
                found.problems.append(f"{where}: {node.func.id}() without a text")
                continue
            first = node.args[0]
            if isinstance(first, ast.JoinedStr):
                found.problems.append(f"{where}: {node.func.id}() takes a template, not an f-string")
            elif not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.problems.append(f"{where}: {node.func.id}() takes a string literal")
            elif node.func.id == "ngettext":
                second = node.args[1] if len(node.args) > 1 else None
                plural = second.value if isinstance(second, ast.Constant) and isinstance(second.value, str) else None
                found.messages[first.value] = plural
            else:
                found.messages.setdefault(first.value, None)
        elif isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            found.problems.append(f"{path}:{node.lineno}: `_` is assigned here; it is the translation function")
        elif check_titles and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            doc = ast.get_docstring(node)
            if doc:
                found.messages.setdefault(doc.splitlines()[0], None)
    return found


def fields(template: str) -> list[str] | None:
    """The `{placeholders}` of a format template (name, conversion and spec), or None if it is not one."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    return sorted(f"{name}!{conv or ''}:{spec or ''}" for _text, name, spec, conv in parsed if name is not None)


# --- catalogs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    english: str
    plural: str | None
    translation: str | tuple[str, ...]
    file: Path


def read_catalog(path: Path, language: str) -> tuple[dict[str, object], list[Entry], list[str]]:
    """A catalog file's other keys, its `[[message]]` entries, and what is wrong with them."""
    problems: list[str] = []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return {}, [], [f"{path}: not valid TOML: {exc}"]
    entries: list[Entry] = []
    for index, raw in enumerate(data.get("message", []), start=1):
        english, translated = raw.get("en"), raw.get(language)
        if not isinstance(english, str) or not isinstance(translated, str | list) or not translated:
            problems.append(f"{path}: [[message]] number {index} needs `en` and `{language}`")
            continue
        if isinstance(translated, list):
            translated = tuple(str(form) for form in translated)
        entries.append(Entry(english, raw.get("en_plural"), translated, path))
    return data, entries, problems


# --- code blocks and file copies --------------------------------------------------------------------

_DOCSTRING_BODY = re.compile(r'("""|\'\'\')(.*?)\1', re.S)


def _without_trailing_comment(line: str) -> str:
    """`x = 1  # note` -> `x = 1`; a `#` inside a string literal is kept."""
    quote: str | None = None
    for index, char in enumerate(line):
        if quote:
            if char == quote and line[index - 1] != "\\":
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "#" and index > 0 and line[index - 1].isspace():
            return line[:index]
    return line


def code_blocks(markdown: str) -> list[str]:
    """The fenced code blocks of a Markdown text, in order."""
    return [match.group(0) for match in _FENCE.finditer(markdown)]


def is_diagram(block: str) -> bool:
    """A ```diagram block: a picture drawn with text, translated like prose (Rich shows it as plain text)."""
    return block.split("\n", 1)[0].strip("`~ ") == "diagram"


def normalized_code(block: str) -> list[str]:
    """A code block without what a translation may change: `#` comments and docstring text."""
    block = _DOCSTRING_BODY.sub(r"\1\1", block)
    lines = []
    for line in block.splitlines():
        if line.lstrip().startswith("#") and not line.lstrip().startswith("#!"):
            continue
        line = _without_trailing_comment(line).rstrip()
        if line:
            lines.append(line)
    return lines


def headings(markdown: str) -> list[int]:
    """The levels of the Markdown headings outside code blocks (`## A` -> 2)."""
    prose = _FENCE.sub("", markdown)
    return [len(match.group(1)) for match in re.finditer(r"^(#{1,6}) ", prose, re.M)]


class _Neutral(ast.NodeTransformer):
    """Blank docstrings and `NotImplementedError("...")` messages: the parts a translated copy changes."""

    def _blank_docstring(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        first = body[0] if body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            first.value.value = ""
        self.generic_visit(node)
        return node

    visit_Module = visit_ClassDef = visit_FunctionDef = visit_AsyncFunctionDef = _blank_docstring

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if isinstance(node.func, ast.Name) and node.func.id == "NotImplementedError":
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    arg.value = ""
        self.generic_visit(node)
        return node


def code_shape(source: str) -> str:
    """The code of a Python file, without comments, docstrings and NotImplementedError messages."""
    return ast.dump(_Neutral().visit(ast.parse(source)))


def prose_of(source: str) -> str:
    """Comments, docstrings and NotImplementedError messages of a Python file, as one text."""
    parts = [
        token.string.lstrip("#")
        for token in tokenize.generate_tokens(io.StringIO(source).readline)
        if token.type == tokenize.COMMENT and not token.string.startswith(("#!", "# noqa", "# type:"))
    ]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                parts.append(doc)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "NotImplementedError":
            parts.extend(arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str))
    return "\n".join(parts)
