"""Everything the learner sees: Rich panels, tables, code excerpts and Markdown.

The core returns dataclasses; this module turns them into output. It is the only module that
imports Rich, and the CLI imports it lazily so that `tutor --help` stays fast.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from tutor.i18n import LANGUAGE_NAMES, LanguageChoice, _, ngettext
from tutor.runner import CheckOutcome, CheckRun, LearnerFrame, RunStatus

if TYPE_CHECKING:
    from tutor.app import ExerciseRow, HintView, Session, SolutionView
    from tutor.course import Exercise, Lesson
    from tutor.doctor import DoctorReport
    from tutor.errors import TutorError
    from tutor.lab import Experiment, LabResult, Measurement
    from tutor.verify import VerifyReport
    from tutor.workspace import SyncReport

CODE_THEME = "monokai"
STATUS_MARKS = {
    "solved": ("✔", "green"),
    "current": ("▶", "bold yellow"),
    "started": ("✎", "cyan"),
    "pending": ("·", "dim"),
    "missing": ("✘", "red"),
}


def _markdown(text: str) -> RenderableType:
    from rich.markdown import Markdown  # markdown-it is slow to import; only lessons and hints need it

    return Markdown(text, code_theme=CODE_THEME, hyperlinks=True)


def _syntax(code: str, lexer: str = "python", **options: Any) -> RenderableType:
    from rich.syntax import Syntax  # Pygments is slow to import; only code excerpts need it

    return Syntax(code, lexer, theme=CODE_THEME, **options)


def prepare_code_excerpts() -> None:
    """Import Pygments' Python lexer ahead of need (called on a thread while a check runs)."""
    from pygments.lexers.python import PythonLexer
    from rich.syntax import Syntax

    Syntax("", PythonLexer())


def make_console(stderr: bool = False) -> Console:
    """A console that drops colour when output is not a terminal (and honours NO_COLOR)."""
    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def display_path(path: Path) -> str:
    """A path relative to the current folder when it is inside it (and shorter), else absolute."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    inside_here = not relative.startswith("..")
    return relative if inside_here and len(relative) < len(str(path)) else str(path)


def file_link(path: Path, line: int | None = None) -> Text:
    """A clickable path (terminals that support hyperlinks open it)."""
    label = display_path(path) + (f":{line}" if line else "")
    return Text(label, style=f"bold cyan link {path.resolve().as_uri()}")


# --- errors and notes -----------------------------------------------------------------------


def error(console: Console, problem: TutorError) -> None:
    body = Text(problem.message, style="bold")
    if problem.hint:
        body.append("\n" + problem.hint, style="")
    console.print(Panel(body, title=_("Problem"), title_align="left", border_style="red", expand=False))


def note(console: Console, text: str, style: str = "yellow") -> None:
    console.print(Text(text, style=style))


# --- settings -------------------------------------------------------------------------------


def _language_source(choice: LanguageChoice) -> str:
    return {
        "option": _("from --lang"),
        "environment": _("from the TUTOR_LANG environment variable"),
        "workspace": _("from this workspace's setting (`tutor config lang`)"),
        "locale": _("from the system locale"),
        "default": _("the default"),
    }[choice.source]


def language_setting(console: Console, choice: LanguageChoice, stored: str | None) -> None:
    """`tutor config`: the language in force, where it comes from, and how to change it."""
    table = Table.grid(padding=(0, 2))
    table.add_row(
        Text("lang", style="bold"),
        Text(f"{choice.language} ({LANGUAGE_NAMES[choice.language]})"),
        Text(_language_source(choice), style="dim"),
    )
    console.print(table)
    if stored is None:
        console.print(
            _("This workspace has no language setting; `tutor config lang ru` or `tutor config lang en` sets one.")
        )
    console.print(
        _("Order of precedence: --lang, then TUTOR_LANG, then `tutor config lang`, then the system locale (LANG).")
    )


def language_kept(console: Console, choice: LanguageChoice) -> None:
    """After a workspace was created with --lang: the language stays for its next commands."""
    console.print(
        _(
            "The course language of this workspace is {language}; change it with `tutor config lang`.",
            language=f"{choice.language} ({LANGUAGE_NAMES[choice.language]})",
        )
    )


def language_changed(console: Console, choice: LanguageChoice, overridden_by: LanguageChoice | None) -> None:
    """After `tutor config lang X`: what changed, and what did not (progress, files)."""
    console.print(
        _("Language for this workspace: {language}.", language=f"{choice.language} ({LANGUAGE_NAMES[choice.language]})")
        if overridden_by is None
        else _("Saved. The setting applies when neither --lang nor TUTOR_LANG says otherwise.")
    )
    if overridden_by is not None:
        note(
            console,
            _(
                "Right now the language is {language}, {source}.",
                language=overridden_by.language,
                source=_language_source(overridden_by),
            ),
        )
    console.print(
        _(
            "Your progress and your files are unchanged. Exercise files keep the comments they were copied with; "
            "`tutor reset EXERCISE` gives a fresh copy in the new language (your version is backed up first)."
        ),
        style="dim",
    )


def sync_report(console: Console, report: SyncReport, workspace_root: Path) -> None:
    if report.updated:
        note(
            console,
            ngettext(
                "Course update: refreshed {n} exercise file you had not started.",
                "Course update: refreshed {n} exercise files you had not started.",
                len(report.updated),
            ),
        )
    for rel in report.held_back:
        note(
            console,
            _(
                "Course update available for exercises/{rel}; you edited it, so it was left alone. "
                "`tutor reset` gets the new version (your file is backed up first).",
                rel=rel,
            ),
        )


# --- lessons and exercises ----------------------------------------------------------------


def lesson(console: Console, lesson: Lesson, text: str, *, use_pager: bool) -> None:
    """The whole lesson as Markdown; through a pager when it is taller than the screen."""
    body: RenderableType = _markdown(text)
    if not text.lstrip().startswith("# "):  # a lesson without its own title gets one
        body = Group(Rule(_("Lesson {n}: {title}", n=lesson.number, title=lesson.title)), body)
    if use_pager and console.is_terminal and text.count("\n") > console.height:
        # `less` shows colour codes as junk unless told to pass them through.
        os.environ.setdefault("LESS", "-R")
        with console.pager(styles=True):
            console.print(body)
    else:
        console.print(body)


def lesson_recap(console: Console, lesson: Lesson) -> None:
    console.print(
        Text.assemble(
            (_("Lesson {n}: {title}", n=lesson.number, title=lesson.title), "bold magenta"),
            "  ",
            (_("(read it again: `tutor lesson {n}`)", n=lesson.number), "dim"),
        )
    )


def exercise_card(console: Console, session: Session, exercise: Exercise) -> None:
    """The exercise to do now: what, where, and how to check it."""
    path = session.workspace.exercise_path(exercise)
    body: list[RenderableType] = [
        Text.assemble((_("Edit: "), "bold"), file_link(path)),
        *_project_files(exercise),
        Text(""),
        _markdown(_brief_markdown(session.brief(exercise))),
        Text(""),
        Text.from_markup(
            _(
                "[bold]When ready:[/] [bold green]tutor check[/]  (or leave [bold green]tutor watch[/] running).  "
                "Stuck? [bold green]tutor hint[/]"
            )
        ),
    ]
    if "postgres" in exercise.needs:
        from tutor import postgres

        if postgres.binaries() is None:
            body.append(Text(postgres.missing_message(), style="yellow"))
    if exercise.run == "script":
        body.append(Text.from_markup(_("Try it yourself: [bold green]tutor run[/]")))
    elif exercise.run == "asgi":
        body.append(Text.from_markup(_("Serve it: [bold green]tutor run[/] then open the URL it prints")))
    title = _("Exercise {label}: {title}", label=exercise.label, title=exercise.title)
    console.print(Panel(Group(*body), title=title, title_align="left", border_style="yellow"))


def _project_files(exercise: Exercise) -> list[RenderableType]:
    """For a multi-file exercise (a Django project), the other files worth reading, relative to the
    project's folder; package markers and migrations are left out."""
    if len(exercise.files) < 2:
        return []
    project = PurePosixPath(os.path.commonpath([str(PurePosixPath(rel).parent) for rel in exercise.files]))
    others = [
        str(PurePosixPath(rel).relative_to(project))
        for rel in exercise.files[1:]
        if not rel.endswith("__init__.py") and "/migrations/" not in rel
    ]
    if not others:
        return []
    return [Text.assemble((_("Around it: "), "bold"), (", ".join(others), "cyan"), _("  (read them; no need to edit)"))]


def _escape_angle_brackets(line: str) -> str:
    """`<` outside code spans, escaped so Markdown keeps it as text; inside backticks it is literal already."""
    parts = line.split("`")
    return "`".join(part if index % 2 else part.replace("<", "\\<") for index, part in enumerate(parts))


def _brief_markdown(brief: str) -> str:
    """The exercise's header comment as Markdown: `<name>` stays visible (it is not HTML), and the
    closing "Lesson N: ..." line stands on its own."""
    lines = [_escape_angle_brackets(line) for line in brief.splitlines()]
    # "Lesson " in English, its translation in a translated copy of the file.
    lesson_word = _("Lesson {n}: {title}").split("{", 1)[0]
    return "\n".join("\n" + line if line.startswith(("Lesson ", lesson_word)) else line for line in lines)


def course_complete(console: Console, total: int, waiting: Sequence[Exercise] = ()) -> None:
    console.print(
        Panel(
            Text(
                ngettext(
                    "You have solved the {n} exercise of the course. Well done! `tutor list` shows your path; "
                    "`tutor lesson N` reopens any lesson.",
                    "You have solved all {n} exercises. Well done! `tutor list` shows your path; "
                    "`tutor lesson N` reopens any lesson.",
                    total,
                ),
                style="bold green",
            ),
            border_style="green",
        )
    )
    if waiting:
        from tutor import postgres

        note(
            console,
            _(
                "The optional PostgreSQL track is waiting ({n} left): it needs a PostgreSQL server on this "
                "machine. Install it with `{command}`, and `tutor next` takes you there.",
                n=len(waiting),
                command=postgres.install_command(),
            ),
        )


def workspace_created(console: Console, root: Path) -> None:
    console.print(
        Panel(
            Text.assemble(
                (_("Created your course workspace in "), ""),
                file_link(root),
                "\n",
                _(
                    "Your exercise files are in its exercises/ folder; `tutor` finds the workspace from "
                    "any folder inside it."
                ),
            ),
            border_style="green",
            expand=False,
        )
    )


# --- check results ------------------------------------------------------------------------


def code_excerpt(frame: LearnerFrame, context: int = 3) -> RenderableType:
    """The learner's code around `frame.line`, that line highlighted."""
    try:
        source = frame.path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Text(frame.code or "", style="dim")
    last_line = max(source.count("\n") + 1, 1)
    line = min(max(frame.line, 1), last_line)
    syntax = _syntax(
        source,
        line_numbers=True,
        line_range=(max(1, line - context), min(last_line, line + context)),
        highlight_lines={line},
        word_wrap=True,
    )
    caption = Text.assemble(
        file_link(frame.path, line),
        (
            "  " + _("in {function}", function=frame.function)
            if frame.function and frame.function != "<module>"
            else "",
            "dim",
        ),
    )
    items: list[RenderableType] = [caption, syntax]
    if frame.column:
        items.append(Text(" " * 0 + _("(column {col})", col=frame.column), style="dim"))
    return Group(*items)


def _outcome_details(outcome: CheckOutcome) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if outcome.message:
        parts.append(Text(outcome.message, style="red" if not outcome.passed else ""))
    if outcome.frames:
        # The deepest learner frame is where it went wrong; show it with context.
        parts.append(code_excerpt(outcome.frames[-1]))
        if len(outcome.frames) > 1:
            chain = " → ".join(
                _("{function} (line {line})", function=f.function or "?", line=f.line) for f in outcome.frames
            )
            parts.append(Text(_("called via: ") + chain, style="dim"))
    if outcome.output.strip():
        parts.append(Text(_("Your code printed:"), style="bold dim"))
        parts.append(Text(_indent(outcome.output.rstrip()[-1200:]), style="dim"))
    return parts


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def check_run(console: Console, run: CheckRun) -> None:
    """Each check passed or failed, with the teaching message and the learner's code."""
    ex = run.exercise
    console.print(
        Text.assemble(
            (_("Checking {label} {title}", label=ex.label, title=ex.title), "bold"),
            ("  (" + _("{seconds:.2f} s", seconds=run.duration) + ")", "dim"),
        )
    )
    if run.problem:
        body: list[RenderableType] = [Text(run.problem, style="bold red")]
        if run.location is not None:
            body.append(code_excerpt(run.location))
        if run.output.strip() and run.status in (
            RunStatus.CRASHED,
            RunStatus.COURSE_ERROR,
            RunStatus.TIMED_OUT,
        ):
            body.append(Text(_("Output before it stopped:"), style="bold dim"))
            body.append(Text(_indent(run.output.rstrip()[-1500:]), style="dim"))
        border = "yellow" if run.status is RunStatus.NEEDS_SETUP else "red"
        console.print(Panel(Group(*body), border_style=border, title=_status_title(run.status), title_align="left"))
    shown: list[tuple[str, tuple[LearnerFrame, ...]]] = []
    for outcome in run.outcomes:
        mark, style = {
            "passed": ("✔", "green"),
            "skipped": ("–", "dim"),
            "timeout": ("⏱", "red"),
        }.get(outcome.status, ("✘", "red"))
        line = Text.assemble((f" {mark} ", style), (outcome.title, style if outcome.passed else "bold"))
        if outcome.status == "skipped" and outcome.message:
            line.append(f"  ({outcome.message})", style="dim")
        console.print(line)
        if outcome.passed or outcome.status == "skipped":
            continue
        problem = (outcome.message, outcome.frames)
        if problem in shown:  # e.g. one import error failing every check: say it once
            console.print(Text("   " + _("(same problem as above)"), style="dim"))
            continue
        shown.append(problem)
        console.print(Panel(Group(*_outcome_details(outcome)), border_style="red", padding=(0, 1)))
    _verdict(console, run)


def _status_title(status: RunStatus) -> str:
    return {
        RunStatus.SYNTAX_ERROR: _("Python cannot read your file"),
        RunStatus.TIMED_OUT: _("Stopped: took too long"),
        RunStatus.CRASHED: _("The check process stopped early"),
        RunStatus.MISSING_FILE: _("File missing"),
        RunStatus.COURSE_ERROR: _("Course problem"),
        RunStatus.FAILED: _("Not yet"),
        RunStatus.PASSED: _("Passed"),
        RunStatus.NEEDS_SETUP: _("Not run: something to install first"),
    }[status]


def _verdict(console: Console, run: CheckRun) -> None:
    total = len(run.outcomes)
    passed = sum(o.passed for o in run.outcomes)
    if run.passed:
        console.print(
            Text(
                _(
                    "✔ All {n} checks passed: exercise {label} solved! Next: `tutor next`.",
                    n=total,
                    label=run.exercise.label,
                ),
                style="bold green",
            )
        )
        return
    if run.status is RunStatus.NEEDS_SETUP:
        hint = _("Skipped, not failed: nothing was checked, and the exercise is not marked solved.")
    elif run.status is RunStatus.MISSING_FILE:
        hint = _("Run `tutor reset {id}` to get a fresh copy of the file.", id=run.exercise.id)
    elif run.status is RunStatus.COURSE_ERROR:
        hint = _("Please report it; `tutor doctor` shows versions to include.")
    elif total:
        hint = _(
            "{passed} of {total} checks passed. Fix the first failure, then `tutor check` again. Stuck? `tutor hint`.",
            passed=passed,
            total=total,
        )
    else:
        hint = _("Fix it, then `tutor check` again. Stuck? `tutor hint`.")
    console.print(Text(hint, style="yellow"))


# --- list, hints, solutions -----------------------------------------------------------------


def exercise_list(console: Console, rows: Sequence[ExerciseRow]) -> None:
    solved = sum(r.status.value == "solved" for r in rows)
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("", width=1)
    table.add_column(_("No."))
    table.add_column(_("Exercise"))
    table.add_column(_("Id"), style="dim")
    table.add_column(_("Status"))
    last_lesson = None
    for row in rows:
        if row.lesson.id != last_lesson:
            last_lesson = row.lesson.id
            table.add_row("", "", Text(f"{row.lesson.number}. {row.lesson.title}", style="bold magenta"), "", "")
        mark, style = STATUS_MARKS[row.status.value]
        status = Text(_status_label(row.status.value), style=style)
        if row.update_held_back:
            status.append(_(" (update available)"), style="dim")
        if "postgres" in row.exercise.needs and not _postgres_installed():
            status.append(_(" (needs PostgreSQL)"), style="yellow")
        table.add_row(Text(mark, style=style), row.exercise.label, row.exercise.title, row.exercise.id, status)
    console.print(table)
    total = len(rows)
    bar = ProgressBar(total=max(total, 1), completed=solved, width=40)
    console.print(Text.assemble(_("Progress "), f"{solved}/{total}  "), bar, end="\n")


def _status_label(status: str) -> str:
    return {
        "solved": _("solved"),
        "current": _("current"),
        "started": _("started"),
        "pending": _("pending"),
        "missing": _("missing"),
    }.get(status, status)


def _postgres_installed() -> bool:
    from tutor import postgres

    return postgres.binaries() is not None


def hints(console: Console, view: HintView) -> None:
    for number, hint in enumerate(view.shown, start=1):
        title = _("Hint {n} of {total}", n=number, total=len(view.exercise.hints))
        console.print(Panel(_markdown(hint), title=title, title_align="left", border_style="blue"))
    if view.remaining:
        note(
            console,
            _("Run `tutor hint` again for a more explicit hint ({n} left).", n=view.remaining),
            "dim",
        )
    else:
        note(console, _("That was the last hint. `tutor solution --yes` shows the reference answer."), "dim")


def solution(console: Console, view: SolutionView) -> None:
    for rel, reference, mine in view.files:
        console.print(Rule(_("Reference solution: {rel}", rel=rel)))
        console.print(_syntax(reference, line_numbers=True))
        if mine is None:
            note(console, _("(your copy of this file is missing)"))
            continue
        diff = list(
            difflib.unified_diff(mine.splitlines(), reference.splitlines(), _("yours"), _("reference"), lineterm="")
        )
        console.print(Rule(_("Your version → the reference")))
        if diff:
            console.print(_syntax("\n".join(diff), "diff"))
        else:
            note(console, _("Identical to yours."), "green")


def reset_done(console: Console, exercise: Exercise, backup: Path | None, path: Path) -> None:
    text = Text.assemble(_("Restored the original "), file_link(path))
    if len(exercise.files) > 1:  # a project: every file of it went back, not only the main one
        others = len(exercise.files) - 1
        text.append(
            " " + ngettext("and the {n} other file of its project", "and the {n} other files of its project", others)
        )
    if backup is not None:
        text.append("\n" + _("Your version is saved in "))
        text.append_text(file_link(backup))
    console.print(Panel(text, border_style="green", expand=False))


# --- doctor and verify --------------------------------------------------------------------


def doctor(console: Console, report: DoctorReport) -> None:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(width=1)
    table.add_column(style="bold")
    table.add_column()
    for item in report.items:
        mark, style = ("✔", "green") if item.ok else ("✘", "red")
        detail = Text(item.detail)
        if item.fix:
            detail.append(
                "\n" + (_("Fix: ") + item.fix if not item.ok else item.fix), style="yellow" if not item.ok else "dim"
            )
        table.add_row(Text(mark, style=style), item.name, detail)
    console.print(table)


def verify(console: Console, report: VerifyReport) -> None:
    from tutor.verify import case_label, outcome_label

    table = Table(header_style="bold")
    for column in (_("Exercise"), _("Case"), _("Expected"), _("Got"), _("Time"), ""):
        table.add_column(column)
    for result in report.results:
        mark = Text("✔", style="green") if result.ok else Text("✘", style="bold red")
        table.add_row(
            result.exercise_id,
            case_label(result.case),
            outcome_label(result.expected),
            outcome_label(result.got),
            _("{seconds:.2f}s", seconds=result.duration),
            mark,
        )
    console.print(table)
    for result in report.results:
        if not result.ok:
            console.print(Text(f"✘ {result.exercise_id} / {case_label(result.case)}: {result.detail}", style="red"))
    summary = _(
        "{ok} of {n} cases as expected in {t:.1f} s ({jobs} parallel jobs).",
        ok=sum(r.ok for r in report.results),
        n=len(report.results),
        t=report.duration,
        jobs=report.jobs,
    )
    console.print(Text(summary, style="bold green" if report.ok else "bold red"))


def lines(console: Console, items: Iterable[str]) -> None:
    for item in items:
        console.print(item)


# --- tutor lab ------------------------------------------------------------------------------------


def lab_list(console: Console, experiments: Iterable[Experiment]) -> None:
    table = Table(header_style="bold", title=_("Live experiments: real servers on 127.0.0.1, measured now"))
    for column in (_("Experiment"), _("What it shows"), _("Lesson"), _("Run it")):
        table.add_column(column)
    for experiment in experiments:
        table.add_row(
            Text(experiment.name, style="bold cyan"),
            f"{experiment.title}\n[dim]{experiment.claim}[/]",
            experiment.lesson,
            f"tutor lab {experiment.name}",
        )
    console.print(table)
    console.print(_("Add [bold]--quick[/] for a short run, [bold]--json[/] for the raw figures."))


class LabProgress:
    """Rich progress bars for the load levels of an experiment (one bar per level, as it starts)."""

    def __init__(self, console: Console, enabled: bool = True) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not enabled,
        )
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> LabProgress:
        self._bars.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.__exit__(None, None, None)

    def __call__(self, level: str, done: int, total: int) -> None:
        if level not in self._tasks:
            self._tasks[level] = self._bars.add_task(level, total=total)
        self._bars.update(self._tasks[level], completed=done)


def lab_result(console: Console, result: LabResult, before: dict[str, Any] | None) -> None:
    quick = _(" (quick run)") if result.quick else ""
    console.print(Rule(f"[bold]{result.title}[/]{quick}"))
    console.print(Text(_("Claim: {claim}", claim=result.claim), style="italic"))
    console.print(Text(_("Code: {code}", code=result.code), style="dim"))
    measured = result.measurements
    best = max((m.throughput for m in measured), default=0.0) or 1.0
    with_app = any(m.app_ms for m in measured)
    table = Table(header_style="bold", show_lines=False, padding=(0, 1))
    table.add_column(_("Setup"), min_width=16)
    for column in (_("Clients"), _("Done"), _("Time"), _("req/s"), _("p50"), _("p95"), _("max")):
        table.add_column(column, justify="right", no_wrap=True)
    if with_app:
        table.add_column(_("app p50"), justify="right", no_wrap=True)
    table.add_column(_("req/s, drawn"), no_wrap=True, min_width=12)
    for m in measured:
        done = Text(str(m.ok))
        if m.errors:
            done.append(" " + ngettext("+{n} failed", "+{n} failed", m.errors), style="red")
        table.add_row(
            m.label,
            str(m.clients),
            done,
            _("{seconds:.2f}s", seconds=m.seconds),
            f"{m.throughput:.0f}",
            _ms(m.percentile(0.5)),
            _ms(m.percentile(0.95)),
            _ms(max(m.latencies, default=0)),
            *([_("{ms}ms", ms=_percentile_ms(m.app_ms))] if with_app else []),
            Text("█" * max(1, round(12 * m.throughput / best)), style="cyan"),
        )
    console.print(table)
    if result.timeline:
        console.print(_lab_timeline(measured))
    console.print(Text(result.verdict, style="bold"))
    names = {"cpus": _("cpus")}  # the other keys are program names: python, django, uvicorn
    machine = ", ".join(f"{names.get(k, k)} {v}" for k, v in result.machine.items())
    console.print(Text(_("Measured just now on this machine ({machine}).", machine=machine), style="dim"))
    if before is not None:
        console.print(
            Text(_("Your previous run ({when}): {verdict}", when=before["started"], verdict=before["verdict"]))
        )


def _lab_timeline(measured: Sequence[Measurement], rows: int = 8, width: int = 48) -> RenderableType:
    """When each of the first requests ran, one line per request, on one time scale for every setup."""
    spans = {m.label: m.spans(rows) for m in measured}
    end = max((stop for pairs in spans.values() for _start, stop in pairs), default=0.0) or 1.0
    parts: list[RenderableType] = [Text(_("When the first requests ran"), style="bold")]
    for label, pairs in spans.items():
        parts.append(Text(f"  {label}"))
        for number, (start, stop) in enumerate(pairs, 1):
            left = round(start / end * width)
            length = max(1, round(stop / end * width) - left)
            parts.append(Text(f"    #{number:<2} ") + Text(" " * left) + Text("━" * length, style="cyan"))
    scale = _("one line per request, left to right: {ms:.0f} ms in all", ms=end * 1000)
    parts.append(Text(scale, style="dim"))
    return Group(*parts)


def _ms(seconds: float) -> str:
    return _("{ms:.0f}ms", ms=seconds * 1000)


def _percentile_ms(values: Sequence[float]) -> str:
    ordered = sorted(values)
    return f"{ordered[len(ordered) // 2]:.2f}" if ordered else "-"
