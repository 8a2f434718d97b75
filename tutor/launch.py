"""`tutor run`: run the learner's script, or serve their ASGI app with uvicorn on 127.0.0.1.

The child runs in its own process group; Ctrl-C stops the whole group (gently, then firmly),
so no server outlives the command.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from typing import TYPE_CHECKING

from tutor.i18n import _
from tutor.runner import kill_group

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.app import Session
    from tutor.course import Exercise

LOOPBACK = "127.0.0.1"


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((LOOPBACK, port))
        except (OSError, OverflowError):
            return False
    return True


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        return int(sock.getsockname()[1])


def launch(session: Session, exercise: Exercise, console: Console, *, port: int = 8000) -> int:
    """Run or serve `exercise`; return the exit code to pass on."""
    from tutor import render

    path = session.workspace.exercise_path(exercise)
    if exercise.run == "asgi":
        chosen = port if port_is_free(port) else free_port()
        if chosen != port:
            render.note(console, _("Port {busy} is busy; using {port} instead.").format(busy=port, port=chosen))
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            str(exercise.app),
            "--host",
            LOOPBACK,
            "--port",
            str(chosen),
            "--app-dir",
            str(path.parent),
        ]
        url = f"http://{LOOPBACK}:{chosen}/"
        console.print(_("Serving your app at [bold cyan]{url}[/] (Ctrl-C to stop).").format(url=url))
        console.print(_("Try it: [bold]curl -i {url}[/] or open the URL in a browser.").format(url=url))
    else:
        command = [sys.executable, str(path)]
        console.print(_("Running [bold]python {file}[/] (Ctrl-C to stop).").format(file=render.display_path(path)))
    console.rule(style="dim")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(command, cwd=path.parent, env=env, start_new_session=True)
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
    console.rule(style="dim")
    if code:
        console.print(_("Your program exited with code {code}.").format(code=code))
    return code
