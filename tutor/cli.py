"""The `tutor` command line: thin Typer commands that call the core and hand results to the renderer.

Heavy modules (Rich, the runner, pytest, Django) are imported inside the commands that need them,
so `tutor --help` and `tutor list` start fast.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from tutor import __version__
from tutor.errors import TutorError
from tutor.i18n import LANGUAGE_OPTION, _

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.app import Session

F = TypeVar("F", bound=Callable[..., Any])

EXIT_NOT_RUN = 3  # `tutor check` could not run the checks here (PostgreSQL missing): neither passed nor failed

app = typer.Typer(
    name="tutor",
    help=_(
        "An interactive course on async Python and async Django. Start with [bold]tutor next[/bold]; "
        "check your work with [bold]tutor check[/bold] or [bold]tutor watch[/bold]."
    ),
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)

ExerciseArg = Annotated[
    str | None,
    typer.Argument(help=_("Exercise id or number (e.g. hello-loop or 1.1); default: the current one.")),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask for confirmation."))]


def _console(stderr: bool = False) -> Console:
    from tutor.render import make_console

    return make_console(stderr)


def learner_command(func: F) -> F:
    """Turn learner-caused errors, Ctrl-C and closed pipes into short messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except TutorError as problem:
            from tutor import render

            render.error(_console(stderr=True), problem)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _console(stderr=True).print(_("\nInterrupted. Nothing was lost; your files are as you left them."))
            raise typer.Exit(130) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """After `tutor list | head` closes the pipe, point stdout at /dev/null so exit is quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"tutor {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help=_("Show the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            LANGUAGE_OPTION,
            metavar="en|ru",
            help=_("Language of the course for this command (also TUTOR_LANG, or `tutor config lang`)."),
        ),
    ] = None,
) -> None:
    """An interactive course on async Python and async Django."""
    # `tutor.entry` takes --lang out of the command line before Typer sees it (it may stand after
    # the command's name too); the option is declared here so `tutor --help` shows it.
    if ctx.invoked_subcommand is None:
        ctx.invoke(next_exercise)


def _keep_chosen_language(state_dir: Path, console: Console) -> None:
    """A workspace created with `--lang X` keeps X: `tutor next --lang ru` starts a course in Russian,
    and the next commands need no option (`tutor config lang` changes it)."""
    from tutor import render
    from tutor.i18n import language_choice
    from tutor.settings import LANGUAGE_KEY, save_setting

    choice = language_choice()
    if choice.source == "option":
        save_setting(state_dir, LANGUAGE_KEY, choice.language)
        render.language_kept(console, choice)


def _open(create: bool = False) -> Session:
    from tutor.app import Session

    session = Session.open(create=create)
    sync = session.sync
    if not (session.created or session.recovery_note or sync.updated or sync.held_back):
        return session
    from tutor import render

    console = _console(stderr=True)
    if session.created:
        render.workspace_created(console, session.workspace.root)
        _keep_chosen_language(session.workspace.state_dir, console)
    if session.recovery_note:
        render.note(console, session.recovery_note)
    render.sync_report(console, session.sync, session.workspace.root)
    return session


@app.command(
    "init", help=_("Create a course workspace: your own copies of the exercise files, plus progress tracking.")
)
@learner_command
def init(
    directory: Annotated[
        Path | None,
        typer.Argument(help=_("Where to create the workspace (default: ~/async-django-tutor).")),
    ] = None,
) -> None:
    from tutor import render
    from tutor.course import load_course
    from tutor.workspace import Workspace, default_location

    workspace = Workspace.create(directory or default_location(), load_course())
    console = _console()
    render.workspace_created(console, workspace.root)
    _keep_chosen_language(workspace.state_dir, console)
    console.print(_("Next: `cd {path}` and run `tutor next`.", path=render.display_path(workspace.root)))


@app.command("next", help=_("Show the current lesson and exercise (creates a workspace the first time)."))
@learner_command
def next_exercise(
    no_pager: Annotated[bool, typer.Option("--no-pager", help=_("Print the lesson without a pager."))] = False,
) -> None:
    from tutor import render

    session = _open(create=True)
    console = _console()
    exercise = session.current_exercise()
    if exercise is None:
        waiting = session.waiting_for_setup()
        render.course_complete(console, len(session.course.exercises) - len(waiting), waiting)
        return
    lesson = session.course.lesson_of(exercise)
    if lesson.id not in session.progress.lessons_read:
        text = session.course.lesson_path(lesson).read_text(encoding="utf-8")
        render.lesson(console, lesson, text, use_pager=not no_pager)
        session.mark_lesson_read(lesson)
    else:
        render.lesson_recap(console, lesson)
    render.exercise_card(console, session, exercise)


def _prepare_renderer() -> None:
    from tutor import render

    render.prepare_code_excerpts()


@app.command("check", help=_("Run the checks on your exercise; marks it solved when every check passes."))
@learner_command
def check(exercise: ExerciseArg = None) -> None:
    from tutor.runner import RunStatus

    session = _open()
    target = session.resolve(exercise)
    # Import the renderer while the check's child process runs: the two overlap on separate cores.
    warm_up = threading.Thread(target=_prepare_renderer, daemon=True)
    warm_up.start()
    run = session.check(target)
    warm_up.join()
    from tutor import render

    render.check_run(_console(), run)
    if run.status is RunStatus.NEEDS_SETUP:
        raise typer.Exit(EXIT_NOT_RUN)
    if not run.passed:
        raise typer.Exit(1)


@app.command("watch", help=_("Re-check every time you save; move on to the next exercise when it passes."))
@learner_command
def watch() -> None:
    from tutor.watch import watch_loop

    watch_loop(_open(), _console())


@app.command("list", help=_("Every lesson and exercise with your progress."))
@learner_command
def list_exercises(
    as_json: Annotated[bool, typer.Option("--json", help=_("Print machine-readable JSON."))] = False,
) -> None:
    session = _open()
    rows = session.rows()
    if as_json:
        import json

        payload = [
            {
                "id": row.exercise.id,
                "label": row.exercise.label,
                "title": row.exercise.title,
                "lesson": row.lesson.id,
                "status": row.status.value,
                "path": str(row.path),
                "update_available": row.update_held_back,
            }
            for row in rows
        ]
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return
    from tutor import render

    render.exercise_list(_console(), rows)


@app.command(
    "hint", help=_("Show the next hint for the exercise (each call reveals one more, from gentle to explicit).")
)
@learner_command
def hint(exercise: ExerciseArg = None) -> None:
    from tutor import render

    session = _open()
    render.hints(_console(), session.reveal_hint(session.resolve(exercise)))


@app.command("lesson", help=_("Read a lesson (again)."))
@learner_command
def lesson(
    number: Annotated[str | None, typer.Argument(help=_("Lesson number or id; default: the current one."))] = None,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=_("Print without a pager."))] = False,
) -> None:
    from tutor import render
    from tutor.app import Session
    from tutor.course import load_course

    course = load_course()
    if number is not None:
        chosen = course.find_lesson(number)
    else:
        session = Session.open()
        current = session.current_exercise()
        chosen = course.lesson_of(current) if current else course.lessons[-1]
    text = course.lesson_path(chosen).read_text(encoding="utf-8")
    render.lesson(_console(), chosen, text, use_pager=not no_pager)


@app.command(
    "solution", help=_("Show the reference solution and how yours differs (after you solve it, or with --yes).")
)
@learner_command
def solution(exercise: ExerciseArg = None, yes: YesOption = False) -> None:
    from tutor import render

    session = _open()
    target = session.resolve(exercise)
    confirmed = yes
    if not yes and not session.progress.is_solved(target.id) and sys.stdin.isatty():
        confirmed = typer.confirm(_("You have not solved {id} yet. Show the solution anyway?", id=target.id))
        if not confirmed:
            raise typer.Exit(1)
    render.solution(_console(), session.solution(target, confirmed=confirmed))


@app.command("reset", help=_("Restore the original exercise file; your version is backed up first."))
@learner_command
def reset(exercise: ExerciseArg = None, yes: YesOption = False) -> None:
    from tutor import render
    from tutor.errors import ConfirmationRequired

    session = _open()
    target = session.resolve(exercise)
    if not yes:
        if not sys.stdin.isatty():
            raise ConfirmationRequired(
                _("Resetting replaces your file with the original."),
                _("Add --yes to confirm: `tutor reset {id} --yes` (your version is backed up).", id=target.id),
            )
        question = _("Replace your {id} with the original? Your version is backed up first.", id=target.id)
        if not typer.confirm(question):
            raise typer.Exit(1)
    backup = session.reset(target)
    render.reset_done(_console(), target, backup, session.workspace.exercise_path(target))


@app.command("run", help=_("Try your exercise for real: run the script, or serve your app on 127.0.0.1."))
@learner_command
def run(
    exercise: ExerciseArg = None,
    port: Annotated[
        int, typer.Option(min=1, max=65535, help=_("Port for server exercises (a free one is used if busy)."))
    ] = 8000,
    server: Annotated[
        str, typer.Option(help=_("ASGI server for server exercises: uvicorn or daphne."), case_sensitive=False)
    ] = "uvicorn",
) -> None:
    from tutor.launch import SERVERS, launch

    session = _open()
    target = session.resolve(exercise)
    session.workspace.ensure_files_present(target)
    if server.lower() not in SERVERS:
        raise TutorError(_("Unknown server '{name}'.", name=server), _("Choose uvicorn or daphne."))
    code = launch(session, target, _console(), port=port, server=server.lower())
    raise typer.Exit(code)


@app.command(
    "lab", help=_("Measure what the lessons claim: real servers on 127.0.0.1, real concurrent requests, drawn here.")
)
@learner_command
def lab(
    experiment: Annotated[str | None, typer.Argument(help=_("The experiment to run; without it, the list."))] = None,
    quick: Annotated[bool, typer.Option("--quick", help=_("A short run: fewer clients and requests."))] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print the figures as JSON instead of tables."))] = False,
) -> None:
    import json

    from tutor import lab as lab_core
    from tutor import render

    console = _console()
    if experiment is None:
        render.lab_list(console, lab_core.EXPERIMENTS.values())
        return
    if experiment not in lab_core.EXPERIMENTS:
        raise TutorError(
            _("There is no experiment called '{name}'.", name=experiment),
            _("`tutor lab` lists them: {names}.", names=", ".join(lab_core.EXPERIMENTS)),
        )
    from tutor.app import Session
    from tutor.workspace import Workspace

    # Without a workspace the lab still runs (on the reference solutions); it just keeps no history.
    session = _open() if Workspace.find() is not None else None
    sources = session.lab_source if session is not None else Session.reference_source
    if not as_json:
        console.print(_("Starting servers on 127.0.0.1; every one is stopped at the end (Ctrl-C stops early)."))
    try:
        with render.LabProgress(console, enabled=not as_json) as progress:
            result = lab_core.run(experiment, quick=quick, sources=sources, progress=progress)
    except lab_core.LabError as problem:
        raise TutorError(
            _("The experiment could not run: {problem}", problem=problem),
            _("If it names your code, `tutor check` shows what is wrong with it."),
        ) from None
    before = None
    if session is not None:
        history = session.workspace.state_dir / "lab"
        before = lab_core.previous(experiment, history)
        lab_core.save(result, history)
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2) + "\n")
        return
    render.lab_result(console, result, before)


@app.command(
    "config", help=_("Show or change the workspace's settings: `tutor config lang ru` switches the course to Russian.")
)
@learner_command
def config(
    name: Annotated[str | None, typer.Argument(help=_("The setting: lang."))] = None,
    value: Annotated[
        str | None, typer.Argument(help=_("Its new value: en, ru, or auto (follow TUTOR_LANG and the system locale)."))
    ] = None,
) -> None:
    from tutor import render
    from tutor.i18n import LANGUAGE_ENV, SUPPORTED_LANGUAGES, choose_language, language_choice, use_language
    from tutor.settings import LANGUAGE_KEY, load_settings, save_setting
    from tutor.workspace import Workspace

    console = _console()
    if name is None or value is None:
        if name not in (None, LANGUAGE_KEY):
            raise TutorError(_("There is no setting '{name}'.", name=name), _("The settings are: lang."))
        workspace = Workspace.find()
        stored = load_settings(workspace.state_dir).get(LANGUAGE_KEY) if workspace else None
        render.language_setting(console, language_choice(), stored)
        return
    if name != LANGUAGE_KEY:
        raise TutorError(_("There is no setting '{name}'.", name=name), _("The settings are: lang."))
    wanted = value.strip().lower()
    if wanted != "auto" and wanted not in SUPPORTED_LANGUAGES:
        raise TutorError(
            _("Unknown language '{value}'.", value=value),
            _("Choose one of: {languages}, or auto.", languages=", ".join(SUPPORTED_LANGUAGES)),
        )
    workspace = Workspace.require()
    save_setting(workspace.state_dir, LANGUAGE_KEY, None if wanted == "auto" else wanted)
    before = language_choice()
    overridden = before.source in ("option", "environment")
    if not overridden:
        # Nothing overrides the setting: speak the new language from this very message on.
        environ = {key: text for key, text in os.environ.items() if key != LANGUAGE_ENV}
        use_language(choose_language(None, None if wanted == "auto" else wanted, environ))
    render.language_changed(console, language_choice(), overridden_by=before if overridden else None)


@app.command(
    "doctor", help=_("Check Python, the packages, the course and your workspace; say how to fix what is wrong.")
)
@learner_command
def doctor() -> None:
    from tutor import render
    from tutor.doctor import examine

    report = examine()
    render.doctor(_console(), report)
    if not report.ok:
        raise typer.Exit(1)


@app.command(
    "verify",
    help=_("For course authors and CI: pristine files must fail, solutions and right variants pass, wrong ones fail."),
)
@learner_command
def verify(
    exercises: Annotated[list[str] | None, typer.Argument(help=_("Exercises to verify; default: all."))] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help=_("Parallel runs (default: one per core)."))] = None,
) -> None:
    from tutor import render
    from tutor.course import load_course
    from tutor.verify import verify as verify_course

    course = load_course()
    chosen = [course.find_exercise(ref) for ref in exercises] if exercises else list(course.exercises)
    report = verify_course(course, chosen, jobs)
    render.verify(_console(), report)
    if not report.ok:
        raise typer.Exit(1)


def main() -> None:
    """Console-script entry point: a bug in the tool shows a short note, the traceback goes to a file."""
    try:
        app()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except Exception as bug:
        import tempfile
        import traceback

        with tempfile.NamedTemporaryFile("w", prefix="tutor-crash-", suffix=".txt", delete=False) as report:
            traceback.print_exc(file=report)
        sys.stderr.write(
            _(
                "tutor hit an internal error ({kind}: {bug}). This is a bug in tutor, not in your code.\n"
                "Details are in {path}; please include that file when you report it.\n",
                kind=type(bug).__name__,
                bug=bug,
                path=report.name,
            )
        )
        sys.exit(70)
