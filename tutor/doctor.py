"""`tutor doctor`: what is installed, whether the workspace is healthy, and how to fix what is not."""

from __future__ import annotations

import socket
import sys
from dataclasses import dataclass
from importlib import metadata

from tutor.course import load_course
from tutor.errors import TutorError
from tutor.i18n import _, ngettext
from tutor.workspace import FileState, Workspace

PACKAGES = ("django", "uvicorn", "httpx", "pytest", "typer", "rich", "watchfiles", "daphne", "gunicorn")


@dataclass(frozen=True, slots=True)
class DoctorItem:
    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass(frozen=True, slots=True)
class DoctorReport:
    items: tuple[DoctorItem, ...]

    @property
    def ok(self) -> bool:
        return all(item.ok for item in self.items)


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _postgres_item() -> DoctorItem:
    """PostgreSQL is optional (one track needs it): its absence is reported with the install command,
    never counted as a problem."""
    from tutor import postgres

    folder = postgres.binaries()
    if folder is None:
        return DoctorItem(
            _("PostgreSQL (optional track)"),
            True,
            _("not installed: the PostgreSQL track's checks will be skipped"),
            _("Install it with `{command}`.", command=postgres.install_command()),
        )
    return DoctorItem(_("PostgreSQL (optional track)"), True, f"{postgres.version() or '?'} ({folder})")


def examine() -> DoctorReport:
    """Look at Python, the packages, the course, the workspace and the loopback network."""
    items: list[DoctorItem] = []
    py = sys.version_info
    items.append(
        DoctorItem(
            "Python",
            py >= (3, 11),
            f"{py.major}.{py.minor}.{py.micro} ({sys.executable})",
            "" if py >= (3, 11) else _("Install Python 3.11 or newer."),
        )
    )
    for package in PACKAGES:
        version = _version(package)
        fix = _("pip install {pkg}", pkg=package) if version is None else ""
        items.append(DoctorItem(package, version is not None, version or _("not installed"), fix))
    django = _version("django")
    if django is not None:
        major = int(django.split(".")[0])
        fine = major < 6 or py >= (3, 12)
        note = _("Django {v} on Python {p}.{m}", v=django, p=py.major, m=py.minor)
        items.append(DoctorItem(_("Django/Python pair"), fine, note, "" if fine else _("Django 6 needs Python 3.12+.")))
    items.append(_postgres_item())
    try:
        course = load_course()
        items.append(
            DoctorItem(
                _("Course"),
                True,
                _(
                    "{n} lessons, {m} exercises in {root}",
                    n=len(course.lessons),
                    m=len(course.exercises),
                    root=course.root,
                ),
            )
        )
    except TutorError as problem:
        items.append(DoctorItem(_("Course"), False, problem.message, problem.hint or ""))
        return DoctorReport(tuple(items))
    workspace = Workspace.find()
    if workspace is None:
        items.append(DoctorItem(_("Workspace"), True, _("none yet"), _("`tutor next` creates one.")))
    else:
        items.append(DoctorItem(_("Workspace"), True, str(workspace.root)))
        loaded = workspace.progress.load()
        items.append(
            DoctorItem(
                _("Progress file"),
                loaded.recovery_note is None,
                loaded.recovery_note
                or ngettext("{n} exercise solved", "{n} exercises solved", len(loaded.progress.solved)),
            )
        )
        missing = [rel for ex in course.exercises for rel in ex.files if workspace.file_state(rel) is FileState.MISSING]
        items.append(
            DoctorItem(
                _("Exercise files"),
                not missing,
                _("all present") if not missing else _("missing: {files}", files=", ".join(missing)),
                "" if not missing else _("`tutor reset EXERCISE` restores a file (after a backup)."),
            )
        )
    items.append(_loopback())
    return DoctorReport(tuple(items))


def _loopback() -> DoctorItem:
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        return DoctorItem(_("Loopback network"), True, _("can bind 127.0.0.1 (tried port {p})", p=port))
    except OSError as exc:
        return DoctorItem(_("Loopback network"), False, str(exc), _("Server exercises need 127.0.0.1."))
