"""`tutor run`: run the learner's script, or serve their ASGI app with uvicorn on 127.0.0.1.

The child runs in its own process group; Ctrl-C stops the whole group (gently, then firmly),
so no server outlives the command.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.i18n import _
from tutor.loopback import LOOPBACK, free_port, port_is_free
from tutor.runner import kill_group

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.app import Session
    from tutor.course import Exercise

SERVERS = ("uvicorn", "daphne")
MIGRATE_TIMEOUT = 120  # seconds; a small SQLite project migrates in about one


def server_command(server: str, app: str, port: int) -> list[str]:
    """The command that serves `app` (module:attribute, importable from the working folder) on loopback."""
    if server == "daphne":
        return [sys.executable, "-m", "daphne", "-b", LOOPBACK, "-p", str(port), app]
    # An open event stream never ends by itself: on Ctrl-C, uvicorn closes it after a second
    # instead of waiting for the browser to go away.
    return [
        sys.executable, "-m", "uvicorn", app, "--host", LOOPBACK, "--port", str(port), "--app-dir", ".",
        "--timeout-graceful-shutdown", "1",
    ]  # fmt: skip


def django_project_root(main_file: Path) -> Path | None:
    """The folder holding `manage.py` at or above an exercise file, when the exercise is a Django project."""
    for folder in (main_file.parent, *main_file.parent.parents):
        if (folder / "manage.py").is_file():
            return folder
        if (folder / ".tutor").is_dir():  # the workspace root: no project above here
            return None
    return None


def prepare_database(project: Path, env: dict[str, str], console: Console) -> int:
    """Create or update the project's SQLite database (`manage.py migrate`) before serving it."""
    from tutor import render

    render.note(console, _("Preparing the database: python manage.py migrate"))
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--run-syncdb", "--verbosity", "0"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            start_new_session=True,
            timeout=MIGRATE_TIMEOUT,
        )
    except subprocess.TimeoutExpired:  # run() has killed it: a loop in the project's code, most likely
        console.print(
            _(
                "`manage.py migrate` did not finish within {limit} s; is there an endless loop in the project's code?",
                limit=MIGRATE_TIMEOUT,
            )
        )
        return 1
    if done.returncode:
        console.print(done.stdout + done.stderr, markup=False, highlight=False)
        message = _("`manage.py migrate` failed (exit code {code}); fix the error above.")
        console.print(message.format(code=done.returncode))
    return done.returncode


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def launch(session: Session, exercise: Exercise, console: Console, *, port: int = 8000, server: str = "uvicorn") -> int:
    """Run or serve `exercise`; return the exit code to pass on."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if "postgres" not in exercise.needs:
        return _launch(session, exercise, console, env, port=port, server=server)
    from tutor import postgres, render

    if postgres.binaries() is None:
        console.print(postgres.missing_message())
        return 3
    # A throwaway server for this run, in the workspace's state folder; stopped (and its data removed)
    # when the run ends, Ctrl-C included.
    try:
        with postgres.running(session.workspace.state_dir) as database:
            env.update(database.environment())
            render.note(
                console,
                _(
                    "PostgreSQL {version} is running on 127.0.0.1:{port} for this run (user postgres, no password); "
                    "it stops, and its data goes, when you stop.",
                    version=postgres.version(),
                    port=database.port,
                ),
            )
            return _launch(session, exercise, console, env, port=port, server=server)
    except postgres.PostgresFailed as failed:
        console.print(_("PostgreSQL could not start: {problem}", problem=failed))
        return 1


def _launch(
    session: Session, exercise: Exercise, console: Console, env: dict[str, str], *, port: int, server: str
) -> int:
    from tutor import render

    path = session.workspace.exercise_path(exercise)
    folder = path.parent
    if exercise.run == "asgi":
        folder = django_project_root(path) or folder
        if "database" in exercise.needs and (folder / "manage.py").is_file():
            code = prepare_database(folder, env, console)
            if code:
                return code
        chosen = port if port_is_free(port) else free_port()
        if chosen != port:
            render.note(console, _("Port {busy} is busy; using {port} instead.", busy=port, port=chosen))
        command = server_command(server, str(exercise.app), chosen)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))
        url = f"http://{LOOPBACK}:{chosen}/"
        console.print(
            _("Serving your app with {server} at [bold cyan]{url}[/] (Ctrl-C to stop).", server=server, url=url)
        )
        suggestions = exercise.try_commands or ("curl -i {url}",)
        console.print(_("Try it (in another terminal):"))
        for suggestion in suggestions:
            command_text = suggestion.format(url=url, ws=f"ws://{LOOPBACK}:{chosen}/", port=chosen)
            console.print(f"  [bold]{command_text}[/]", highlight=False)
    else:
        command = [sys.executable, str(path)]
        console.print(_("Running [bold]python {file}[/] (Ctrl-C to stop).", file=render.display_path(path)))
    console.rule(style="dim")
    process = subprocess.Popen(command, cwd=folder, env=env, start_new_session=True)
    # Closing the terminal (SIGHUP) or `kill` (SIGTERM) must stop the server too, like Ctrl-C does:
    # it lives in its own session, so nothing else would reach it.
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        code = process.wait()
    except KeyboardInterrupt:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        console.print(_("\nStopped."))
        code = 0
    finally:
        kill_group(process)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    console.rule(style="dim")
    if code:
        console.print(_("Your program exited with code {code}.", code=code))
    return code
