"""The learner's progress: solved exercises, lessons read, hints shown.

Stored as JSON in `.tutor/progress.json`, written atomically under a lock, with the previous
good version kept as `progress.json.bak`. A corrupt file is set aside and recovered from (the
backup, else a fresh start), never a crash.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tutor._fs import exclusive_lock, write_atomic
from tutor.i18n import _

FORMAT_VERSION = 1


@dataclass(slots=True)
class Progress:
    """What the learner has done so far. Exercises and lessons are referred to by id."""

    solved: dict[str, str] = field(default_factory=dict)
    lessons_read: set[str] = field(default_factory=set)
    hints_shown: dict[str, int] = field(default_factory=dict)

    def is_solved(self, exercise_id: str) -> bool:
        return exercise_id in self.solved

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "solved": dict(sorted(self.solved.items())),
            "lessons_read": sorted(self.lessons_read),
            "hints_shown": dict(sorted(self.hints_shown.items())),
        }

    @classmethod
    def from_json(cls, data: Any) -> Progress:
        """Parse a stored document; raise ValueError when its shape is wrong."""
        if not isinstance(data, dict):
            raise ValueError(_("progress is not a JSON object"))
        solved = data.get("solved", {})
        lessons = data.get("lessons_read", [])
        hints = data.get("hints_shown", {})
        if not (isinstance(solved, dict) and isinstance(lessons, list) and isinstance(hints, dict)):
            raise ValueError(_("progress fields have the wrong types"))
        try:
            return cls(
                solved={str(k): str(v) for k, v in solved.items()},
                lessons_read={str(x) for x in lessons},
                hints_shown={str(k): int(v) for k, v in hints.items()},
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(_("progress values have the wrong types ({error})", error=exc)) from None


@dataclass(frozen=True, slots=True)
class LoadedProgress:
    """Progress plus what had to be done to read it (None when the file was healthy)."""

    progress: Progress
    recovery_note: str | None = None


class ProgressStore:
    """Reads and updates `progress.json` safely from any number of `tutor` processes."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / "progress.json"
        self.backup_path = state_dir / "progress.json.bak"
        self.lock_path = state_dir / "progress.lock"

    def load(self) -> LoadedProgress:
        """The current progress; a corrupt file is set aside and the last good copy used."""
        with exclusive_lock(self.lock_path):
            return self._load_unlocked()

    def update(self, change: Callable[[Progress], None]) -> LoadedProgress:
        """Apply `change` to the stored progress and save it, atomically and under the lock."""
        with exclusive_lock(self.lock_path):
            loaded = self._load_unlocked()
            change(loaded.progress)
            self._save_unlocked(loaded.progress)
            return loaded

    def _save_unlocked(self, progress: Progress) -> None:
        if self.path.exists():
            shutil.copyfile(self.path, self.backup_path)
        payload = json.dumps(progress.to_json(), indent=2, ensure_ascii=False) + "\n"
        write_atomic(self.path, payload.encode("utf-8"))

    def _load_unlocked(self) -> LoadedProgress:
        try:
            return LoadedProgress(_read(self.path))
        except FileNotFoundError:
            return LoadedProgress(Progress())
        except (ValueError, UnicodeDecodeError, OSError) as problem:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            aside = self.path.with_name(f"progress.json.corrupt-{stamp}")
            suffix = 1
            while aside.exists():
                suffix += 1
                aside = self.path.with_name(f"progress.json.corrupt-{stamp}-{suffix}")
            self.path.replace(aside)
            try:
                recovered = _read(self.backup_path)
                note = _("The progress file was damaged ({problem}); restored the previous copy.", problem=problem)
            except (FileNotFoundError, ValueError, UnicodeDecodeError, OSError):
                recovered = Progress()
                note = _(
                    "The progress file was damaged ({problem}) and no good copy existed; starting afresh.",
                    problem=problem,
                )
            write_atomic(self.path, (json.dumps(recovered.to_json(), indent=2) + "\n").encode())
            kept = _("The damaged file is kept as {name}.", name=aside.name)
            return LoadedProgress(recovered, f"{note} {kept}")


def _read(path: Path) -> Progress:
    return Progress.from_json(json.loads(path.read_text(encoding="utf-8")))


def now_stamp() -> str:
    """An ISO timestamp for 'solved at'."""
    return datetime.now(UTC).isoformat(timespec="seconds")
