"""`tutor watch`: re-check on every save, advance on success, single-key commands.

Files are watched on disk (watchfiles), so an editor's atomic save (write a temp file, rename it)
counts, and a save that does not change the content (by hash) is ignored. Keys: h hint, l list,
c or Enter check now, q quit. When stdin is not a terminal, keys are read line by line.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import sys
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tutor.i18n import _
from tutor.runner import WarmWorker, modules_to_preload

if TYPE_CHECKING:
    from rich.console import Console

    from tutor.app import Session
    from tutor.course import Exercise

Event = tuple[str, str]


def content_hash(session: Session, exercise: Exercise) -> str:
    digest = hashlib.sha256()
    for rel in exercise.files:
        try:
            digest.update(session.workspace.file_path(rel).read_bytes())
        except FileNotFoundError:
            digest.update(b"\0missing\0")
    return digest.hexdigest()


def _watch_files(session: Session, events: queue.Queue[Event], stop: threading.Event) -> None:
    from watchfiles import watch

    for _changes in watch(session.workspace.exercises_dir, stop_event=stop, debounce=150, step=50):
        events.put(("change", ""))


def _read_keys(events: queue.Queue[Event], stop: threading.Event) -> None:
    while not stop.is_set():
        char = sys.stdin.read(1)
        if not char:  # no keyboard (stdin at end of file, e.g. an IDE panel): keep watching files
            return
        events.put(("key", char))


@contextlib.contextmanager
def _single_keys() -> Iterator[None]:
    """Put the terminal in cbreak mode (keys arrive without Enter); restore it on the way out."""
    if not sys.stdin.isatty():
        yield
        return
    try:
        import termios
        import tty
    except ImportError:  # Windows: keys need Enter
        yield
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def watch_loop(session: Session, console: Console) -> None:
    """Check, wait for a change or a key, repeat; returns when the learner quits or finishes."""
    from tutor import render

    exercise = session.current_exercise()
    if exercise is None:
        render.course_complete(console, len(session.course.exercises))
        return
    events: queue.Queue[Event] = queue.Queue()
    stop = threading.Event()
    threading.Thread(target=_watch_files, args=(session, events, stop), daemon=True).start()
    threading.Thread(target=_read_keys, args=(events, stop), daemon=True).start()
    keys_help = _(
        "[dim]Watching for saves. Keys: [bold]h[/] hint · [bold]l[/] list · "
        "[bold]c[/]/Enter check now · [bold]q[/] quit[/]"
    )
    checked_hash: str | None = None
    want_check = True
    # A check process started ahead of time: the next save's feedback skips Python and pytest start-up.
    warm: WarmWorker | None = None
    try:
        with _single_keys():
            while exercise is not None:
                if want_check:
                    want_check = False
                    checked_hash = content_hash(session, exercise)
                    run = session.check(exercise, warm=warm)
                    warm = WarmWorker(preload=modules_to_preload(exercise))
                    console.clear() if console.is_terminal else None
                    render.check_run(console, run)
                    if run.passed:
                        exercise = session.current_exercise()
                        if exercise is None:
                            render.course_complete(console, len(session.course.exercises))
                            return
                        render.exercise_card(console, session, exercise)
                        checked_hash = content_hash(session, exercise)
                    console.print(keys_help)
                kind, value = events.get()
                if kind == "change":
                    want_check = content_hash(session, exercise) != checked_hash
                elif value in ("q", "Q"):
                    return
                elif value in ("h", "H"):
                    render.hints(console, session.reveal_hint(exercise))
                elif value in ("l", "L"):
                    render.exercise_list(console, session.rows())
                elif value in ("c", "C", "\n", "\r"):
                    want_check = True
    finally:
        stop.set()
        if warm is not None:
            warm.close()
        console.print(_("Stopped watching. Your progress is saved."))
