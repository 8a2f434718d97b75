"""tutor.launch: `tutor run` serves an ASGI exercise on 127.0.0.1 and Ctrl-C leaves no server behind."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import TUTOR_CMD, TutorEnv, assert_no_crash

from tutor.course import load_course
from tutor.loopback import free_port, port_is_free
from tutor.workspace import Workspace

SERVER = "02_serving/server.py"


def _server_processes(port: int, server: str = "uvicorn") -> list[int]:
    """Pids of live server processes (uvicorn or daphne) serving `port` (found through /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if server.encode() in argv and str(port).encode() in argv and state != "Z":
            found.append(int(entry.name))
    return found


def _refuses_connections(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        try:
            sock.connect(("127.0.0.1", port))
        except ConnectionRefusedError:
            return True
    return False


def test_port_helpers() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert not port_is_free(port)
        other = free_port()
        assert other != port and port_is_free(other)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the server process through /proc")
@pytest.mark.parametrize("server", ["uvicorn", "daphne"])
def test_run_serves_the_app_on_another_port_when_busy_and_ctrl_c_stops_it(tutor_env: TutorEnv, server: str) -> None:
    course = load_course()
    workspace = Workspace.create(tutor_env.workspace, course)
    shutil.copyfile(course.solutions_dir / SERVER, workspace.file_path(SERVER))

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        busy_port = busy.getsockname()[1]

        process = subprocess.Popen(
            [*TUTOR_CMD, "run", "hello-asgi", "--port", str(busy_port), "--server", server],
            cwd=workspace.root,
            env=tutor_env.subprocess_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def pump() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        seen: list[str] = []
        try:
            url = None
            while url is None:
                line = lines.get(timeout=30)
                assert line is not None, "tutor run ended early:\n" + "".join(seen)
                seen.append(line)
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match:
                    url, port = match.group(0), int(match.group(1))
            assert port != busy_port, "the busy port must not be reused"
            assert f"Port {busy_port} is busy; using {port} instead" in " ".join("".join(seen).split())

            # Wait (with a deadline) for uvicorn to accept connections, then ask it for the page.
            deadline = time.monotonic() + 20
            while True:
                try:
                    response = httpx.get(url, timeout=2)
                    break
                except httpx.TransportError:
                    assert process.poll() is None, "tutor run exited before serving"
                    assert time.monotonic() < deadline, "the server never answered:\n" + "".join(seen)
                    time.sleep(0.05)
            assert response.status_code == 200
            assert response.text == "hello"
            servers = _server_processes(port, server)
            assert servers, f"expected to find the {server} process"

            process.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground `tutor`
            assert process.wait(timeout=15) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()

    while (line := lines.get(timeout=10)) is not None:
        seen.append(line)
    assert "Stopped." in "".join(seen)
    assert_no_crash("".join(seen))
    assert _refuses_connections(port), "the server still listens after Ctrl-C"
    assert _server_processes(port, server) == [], f"an orphan {server} process survived `tutor run`"


DJANGO_SETTINGS = """\
from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = "test"
INSTALLED_APPS = ["notes"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
"""

MANAGE = """\
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.management import execute_from_command_line
execute_from_command_line(sys.argv)
"""


def test_a_django_exercise_is_served_from_its_project_root_with_a_migrated_database(tmp_path: Path) -> None:
    """`tutor run` finds manage.py above the exercise file and runs `migrate` before serving."""
    from io import StringIO

    from rich.console import Console

    from tutor.launch import django_project_root, prepare_database

    workspace = tmp_path / "ws"
    (workspace / ".tutor").mkdir(parents=True)
    project = workspace / "exercises" / "10-bridges" / "shop"
    (project / "notes" / "management" / "commands").mkdir(parents=True)
    (project / "settings.py").write_text(DJANGO_SETTINGS, encoding="utf-8")
    (project / "manage.py").write_text(MANAGE, encoding="utf-8")
    (project / "notes" / "__init__.py").write_text("", encoding="utf-8")
    (project / "notes" / "models.py").write_text(
        "from django.db import models\nclass Note(models.Model):\n    text = models.TextField()\n", encoding="utf-8"
    )
    command = project / "notes" / "management" / "commands" / "tidy.py"
    command.write_text("", encoding="utf-8")
    assert django_project_root(command) == project
    assert django_project_root(workspace / "exercises" / "01-event-loop" / "hello.py") is None

    output = StringIO()
    assert prepare_database(project, {**os.environ, "PYTHONPATH": str(project)}, Console(file=output)) == 0
    tables = sqlite3.connect(project / "db.sqlite3").execute("SELECT name FROM sqlite_master").fetchall()
    assert ("notes_note",) in tables, tables

    (project / "notes" / "models.py").write_text("def broken(:\n", encoding="utf-8")
    output = StringIO()
    assert prepare_database(project, dict(os.environ), Console(file=output, width=200)) != 0
    assert "SyntaxError" in output.getvalue() and "manage.py migrate` failed" in output.getvalue()

    (project / "notes" / "models.py").write_text("while True:\n    pass\n", encoding="utf-8")
    output = StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tutor.launch.MIGRATE_TIMEOUT", 2)
        assert prepare_database(project, dict(os.environ), Console(file=output, width=200)) == 1
    assert "did not finish within 2 s" in output.getvalue()
