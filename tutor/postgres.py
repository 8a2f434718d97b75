"""A throwaway PostgreSQL server for the optional PostgreSQL track: found on this machine, started from
a cached `initdb` template in a folder of the caller's choosing, always stopped.

The server is a direct child process (`postgres`, not `pg_ctl`, which would put it in a session of its
own), so killing the caller's process group kills it too. PostgreSQL refuses to run as root; when
the tutor runs as root (a container, CI), the server runs as the unprivileged user `nobody`.
"""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tutor.i18n import _
from tutor.loopback import LOOPBACK, free_port

START_LIMIT = 20.0  # seconds for a fresh server to accept connections
UNPRIVILEGED_USER = "nobody"


class PostgresMissing(Exception):
    """PostgreSQL's server programs are not installed here; the message says how to install them."""


class PostgresFailed(Exception):
    """The server could not be set up or started; the message carries its log."""


BIN_ENV = "TUTOR_POSTGRES_BIN"  # a folder holding initdb and postgres; "none" to act as if not installed


@functools.cache
def binaries() -> Path | None:
    """The folder holding `initdb` and `postgres`: $TUTOR_POSTGRES_BIN, else `pg_config --bindir`, else
    the usual places."""
    chosen = os.environ.get(BIN_ENV)
    if chosen:
        folder = Path(chosen)
        return folder if (folder / "initdb").is_file() and (folder / "postgres").is_file() else None
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            if done.returncode == 0:
                candidates.append(Path(done.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)  # Debian, Ubuntu
    candidates += sorted(Path("/usr/pgsql-").parent.glob("pgsql-*/bin"), reverse=True)  # Fedora, RHEL
    candidates += [Path("/opt/homebrew/bin"), Path("/usr/local/bin"), Path("/usr/bin")]
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "postgres").is_file():
            return folder
    return None


def install_command() -> str:
    """How to install PostgreSQL's server on this system, as one command."""
    if platform.system() == "Darwin":
        return "brew install postgresql@17"
    if Path("/etc/debian_version").exists():
        return "sudo apt install postgresql"
    if Path("/etc/fedora-release").exists() or Path("/etc/redhat-release").exists():
        return "sudo dnf install postgresql-server"
    if Path("/etc/arch-release").exists():
        return "sudo pacman -S postgresql"
    return _("install PostgreSQL's server from your system's packages (https://www.postgresql.org/download/)")


def missing_message() -> str:
    return _(
        "This exercise needs a PostgreSQL server on this machine, and none was found (no `initdb`). "
        "Install it with `{command}`, then run `tutor check` again; the check starts and stops a "
        "throwaway server by itself. The rest of the course does not need it.",
        command=install_command(),
    )


@functools.cache
def version() -> str | None:
    folder = binaries()
    if folder is None:
        return None
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = subprocess.run([str(folder / "postgres"), "--version"], capture_output=True, text=True, timeout=10)
        found = re.search(r"\(PostgreSQL\) (\d+(?:\.\d+)*)", done.stdout)  # "postgres (PostgreSQL) 15.18 (Debian...)"
        return found.group(1) if found else None
    return None


@dataclass(frozen=True, slots=True)
class Server:
    """A running server: connect with user `postgres` (no password) to 127.0.0.1:`port`."""

    port: int
    data: Path

    def dsn(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@{LOOPBACK}:{self.port}/{database}"

    def environment(self) -> dict[str, str]:
        """libpq's variables for this server: asyncpg, psycopg and Django's backend all read them."""
        return {"PGHOST": LOOPBACK, "PGPORT": str(self.port), "PGUSER": "postgres", "PGDATABASE": "postgres"}


def _as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def _unprivileged() -> tuple[int, int]:
    import pwd

    entry = pwd.getpwnam(UNPRIVILEGED_USER)
    return entry.pw_uid, entry.pw_gid


def _demote() -> None:  # pragma: no cover - runs in the child between fork and exec
    uid, gid = _unprivileged()
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)


def _give_away(path: Path) -> None:
    """Make `path` and everything under it belong to the unprivileged user (root only)."""
    uid, gid = _unprivileged()
    os.chown(path, uid, gid)
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, gid, follow_symlinks=False)


def _cache_folder() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "async-django-tutor" / "postgres"


def _template(folder: Path) -> Path:
    """A freshly `initdb`-ed data folder for this PostgreSQL version, made once and cached."""
    template = _cache_folder() / f"template-{version() or 'unknown'}"
    if (template / "PG_VERSION").is_file():
        return template
    work = Path(tempfile.mkdtemp(prefix="initdb-", dir=folder))
    data = work / "data"
    if _as_root():
        os.chmod(work, 0o755)
        _give_away(work)
    command = [str(folder / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
               "--no-sync", "--no-instructions", "--locale=C"]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, preexec_fn=_demote if _as_root() else None
    )
    if done.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        raise PostgresFailed(_("initdb failed:\n{log}", log=(done.stdout + done.stderr)[-2000:]))
    template.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(data, template)  # atomic: another process may be making the same template
    except OSError:
        if not (template / "PG_VERSION").is_file():
            shutil.copytree(data, template, dirs_exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    return template


@contextlib.contextmanager
def running(parent: Path, *, created: Callable[[Path], None] | None = None) -> Iterator[Server]:
    """Start a server whose data lives in a new folder under `parent`; stop it and remove the folder
    when the block ends. Raises PostgresMissing when PostgreSQL is not installed.

    As root the folder goes in the system's temporary folder instead (the unprivileged server user
    may not reach `parent`); `created` is told where, so a caller can arrange its removal.
    """
    folder = binaries()
    if folder is None:
        raise PostgresMissing(missing_message())
    home = Path(tempfile.mkdtemp(prefix="tutor-pg-", dir=None if _as_root() else parent))
    if created is not None:
        created(home)
    data = home / "data"
    shutil.copytree(_template(folder), data)
    os.chmod(data, 0o700)
    if _as_root():
        os.chmod(home, 0o755)
        _give_away(home)
    port = free_port()
    log = home / "server.log"
    settings = [f"listen_addresses={LOOPBACK}", f"unix_socket_directories={home}", "fsync=off",
                "synchronous_commit=off", "full_page_writes=off", "max_connections=50"]  # fmt: skip
    command = [str(folder / "postgres"), "-D", str(data), "-p", str(port)]
    for setting in settings:
        command += ["-c", setting]
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            preexec_fn=_demote if _as_root() else None,
        )
    try:
        _wait_ready(process, port, log)
        yield Server(port, data)
    finally:
        _stop(process)
        shutil.rmtree(home, ignore_errors=True)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_LIMIT
    while True:
        if process.poll() is not None:
            raise PostgresFailed(_("PostgreSQL stopped while starting:\n{log}", log=_tail(log)))
        if "ready to accept connections" in _tail(log, 4000):
            with contextlib.suppress(OSError):
                socket.create_connection((LOOPBACK, port), timeout=0.2).close()
                return
        if time.monotonic() > deadline:
            raise PostgresFailed(
                _("PostgreSQL did not start within {limit:g} s:\n{log}", limit=START_LIMIT, log=_tail(log))
            )
        time.sleep(0.02)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGQUIT is PostgreSQL's immediate shutdown (a throwaway server needs no checkpoint); then kill."""
    import signal

    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGQUIT)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def _tail(log: Path, size: int = 1500) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-size:]
    except OSError:
        return ""
