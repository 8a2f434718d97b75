"""The learner's workspace: editable copies of the exercise files, plus a `.tutor/` state folder.

The course stays pristine; a workspace holds the learner's copies. `.tutor/pristine.json` records
the hash of each file as it was copied, which tells apart a file the learner has not touched (safe
to update when the course changes) from one they edited (left alone; an update is reported).

It also records the language each file was copied in (its comments are translated): a file keeps
that language until `tutor reset` copies it afresh, so switching language never touches a file.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path

from tutor import __version__
from tutor._fs import exclusive_lock, sha256_of, write_atomic
from tutor.course import Course, Exercise
from tutor.errors import ExerciseFileMissingError, NoWorkspaceError, TutorError
from tutor.i18n import DEFAULT_LANGUAGE, _
from tutor.progress import ProgressStore

STATE_DIR = ".tutor"
MARKER = "workspace.json"
DEFAULT_DIR_NAME = "async-django-tutor"


class FileState(Enum):
    """How a learner's file relates to the course's pristine version."""

    PRISTINE = "pristine"
    EDITED = "edited"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What `Workspace.sync` did: files added or updated, and updates held back by learner edits."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    held_back: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PristineCopy:
    """What was copied into the workspace for one file: its hash and the language of its comments."""

    sha256: str
    language: str = DEFAULT_LANGUAGE

    def to_json(self) -> dict[str, str]:
        return {"sha256": self.sha256, "language": self.language}

    @classmethod
    def from_json(cls, value: object) -> PristineCopy | None:
        if isinstance(value, str):  # written before translations: a bare hash of the English file
            return cls(value)
        if isinstance(value, dict) and isinstance(value.get("sha256"), str):
            return cls(value["sha256"], str(value.get("language") or DEFAULT_LANGUAGE))
        return None


@dataclass(frozen=True, slots=True)
class Workspace:
    """A folder where a learner does the course."""

    root: Path
    _pristine_cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def state_dir(self) -> Path:
        return self.root / STATE_DIR

    @property
    def exercises_dir(self) -> Path:
        return self.root / "exercises"

    @property
    def backups_dir(self) -> Path:
        return self.state_dir / "backups"

    @property
    def progress(self) -> ProgressStore:
        return ProgressStore(self.state_dir)

    @property
    def _pristine_path(self) -> Path:
        return self.state_dir / "pristine.json"

    def file_path(self, relative: str) -> Path:
        return self.exercises_dir / relative

    def exercise_path(self, exercise: Exercise) -> Path:
        """The file a learner opens first for `exercise`."""
        return self.file_path(exercise.main_file)

    # --- finding and creating -------------------------------------------------------------

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace | None:
        """The workspace containing `start` (default: the current directory), else the default one."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if (folder / STATE_DIR / MARKER).is_file():
                return cls(folder)
        fallback = default_location()
        if (fallback / STATE_DIR / MARKER).is_file():
            return cls(fallback.resolve())
        return None

    @classmethod
    def require(cls, start: Path | None = None) -> Workspace:
        """Like `find`, but a missing workspace is a learner-facing error with the way out."""
        found = cls.find(start)
        if found is None:
            raise NoWorkspaceError(
                _("No course workspace here."),
                _(
                    "Run `tutor next` to create one in {path}, or `tutor init DIR` to choose where.",
                    path=default_location(),
                ),
            )
        return found

    @classmethod
    def create(cls, root: Path, course: Course) -> Workspace:
        """Make a new workspace at `root` with every exercise file copied in."""
        root = root.expanduser().resolve()
        if (root / STATE_DIR / MARKER).is_file():
            raise TutorError(_("{path} is already a course workspace.", path=root), _("Run `tutor next`."))
        if root.exists() and not root.is_dir():
            raise TutorError(_("{path} exists and is not a folder.", path=root))
        if (root / "exercises").exists():
            raise TutorError(
                _("{path} already has an exercises/ folder that is not a course workspace.", path=root),
                _("Choose another folder: `tutor init DIR`."),
            )
        workspace = cls(root)
        try:
            workspace.state_dir.mkdir(parents=True, exist_ok=True)
            workspace._write_editor_config()
            marker = {"created": datetime.now(UTC).isoformat(timespec="seconds"), "tutor": __version__}
            write_atomic(workspace.state_dir / MARKER, (json.dumps(marker, indent=2) + "\n").encode())
            workspace.sync(course)
        except OSError as exc:
            raise TutorError(
                _("Cannot create a workspace in {path}: {reason}.", path=root, reason=exc.strerror or exc),
                _("Choose another folder: `tutor init DIR`."),
            ) from None
        return workspace

    def _write_editor_config(self) -> None:
        """Point VS Code / Pyright / PyCharm at this Python so `import django` resolves in the editor."""
        python = sys.executable
        vscode = {
            "python.defaultInterpreterPath": python,
            "python.analysis.extraPaths": ["exercises"],
            "files.exclude": {"**/__pycache__": True, ".tutor": True},
        }
        write_atomic(self.root / ".vscode" / "settings.json", (json.dumps(vscode, indent=2) + "\n").encode())
        venv = Path(sys.prefix)
        pyright = {"venvPath": str(venv.parent), "venv": venv.name, "extraPaths": ["exercises"]}
        write_atomic(self.root / "pyrightconfig.json", (json.dumps(pyright, indent=2) + "\n").encode())
        readme = _(
            "# Your async-django-tutor workspace\n\n"
            "Edit the files under `exercises/`; the course never overwrites your edits.\n\n"
            "- `tutor next`: the current lesson and exercise\n"
            "- `tutor check` or `tutor watch`: check your work\n"
            "- `tutor hint`: a hint, one level at a time\n"
            "- `tutor list`: where you are\n\n"
            "Your progress is in `.tutor/`; backups made by `tutor reset` are in `.tutor/backups/`.\n"
        )
        write_atomic(self.root / "README.md", readme.encode("utf-8"))

    # --- keeping in step with the course ----------------------------------------------------

    def _load_pristine(self) -> dict[str, PristineCopy]:
        try:
            data = json.loads(self._pristine_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, UnicodeDecodeError):
            return {}
        if not isinstance(data, dict):
            return {}
        copies = {str(rel): PristineCopy.from_json(value) for rel, value in data.items()}
        return {rel: copy for rel, copy in copies.items() if copy is not None}

    def _save_pristine(self, pristine: dict[str, PristineCopy]) -> None:
        document = {rel: copy.to_json() for rel, copy in sorted(pristine.items())}
        write_atomic(self._pristine_path, (json.dumps(document, indent=2) + "\n").encode())
        self._remember(pristine)

    def _remember(self, pristine: dict[str, PristineCopy]) -> None:
        self._pristine_cache.clear()
        self._pristine_cache.update({rel: copy.sha256 for rel, copy in pristine.items()})

    def file_language(self, relative: str) -> str:
        """The language of the comments in the learner's copy of a file, as it was copied in."""
        copy = self._load_pristine().get(relative)
        return copy.language if copy else DEFAULT_LANGUAGE

    def sync(self, course: Course) -> SyncReport:
        """Copy in new exercise files and update untouched ones; leave edited ones alone.

        A file the learner deleted stays deleted (they are told, and `tutor reset` brings it back).
        """
        added: list[str] = []
        updated: list[str] = []
        held_back: list[str] = []
        with exclusive_lock(self.state_dir / "workspace.lock"):
            pristine = self._load_pristine()
            changed = False
            for exercise in course.exercises:
                for rel in exercise.files:
                    target = self.file_path(rel)
                    recorded = pristine.get(rel)
                    if recorded is None:
                        source = course.exercise_file(rel)
                        if not target.exists():
                            _copy(source, target)
                            added.append(rel)
                        pristine[rel] = PristineCopy(sha256_of(source) or "", course.language)
                        changed = True
                        continue
                    # An update keeps the language the file was copied in.
                    source = course.exercise_file(rel, recorded.language)
                    course_hash = sha256_of(source) or ""
                    if recorded.sha256 != course_hash:
                        learner_hash = sha256_of(target)
                        if learner_hash == recorded.sha256:
                            _copy(source, target)
                            pristine[rel] = PristineCopy(course_hash, recorded.language)
                            changed = True
                            updated.append(rel)
                        elif learner_hash is not None:
                            held_back.append(rel)
            if changed:
                self._save_pristine(pristine)
            else:
                self._remember(pristine)
        return SyncReport(tuple(added), tuple(updated), tuple(held_back))

    def file_state(self, relative: str) -> FileState:
        """Whether the learner's copy is missing, untouched, or edited."""
        current = sha256_of(self.file_path(relative))
        if current is None:
            return FileState.MISSING
        if not self._pristine_cache:
            self._remember(self._load_pristine())
        return FileState.PRISTINE if self._pristine_cache.get(relative) == current else FileState.EDITED

    def exercise_state(self, exercise: Exercise) -> FileState:
        """MISSING if any file is gone, EDITED if any was changed, else PRISTINE."""
        states = {self.file_state(rel) for rel in exercise.files}
        for state in (FileState.MISSING, FileState.EDITED):
            if state in states:
                return state
        return FileState.PRISTINE

    def ensure_files_present(self, exercise: Exercise) -> None:
        """Raise a learner-facing error naming the first deleted file of `exercise`."""
        for rel in exercise.files:
            if not self.file_path(rel).is_file():
                raise ExerciseFileMissingError(
                    _("Your exercise file {path} is missing.", path=self.file_path(rel)),
                    _("Run `tutor reset {id}` to get a fresh copy.", id=exercise.id),
                )

    # --- backups and resets ---------------------------------------------------------------

    def backup(self, exercise: Exercise) -> Path | None:
        """Copy the learner's files of `exercise` into a timestamped backup folder; None if nothing to keep."""
        present = [rel for rel in exercise.files if self.file_path(rel).is_file()]
        if not present:
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        folder = self.backups_dir / exercise.id / stamp
        for rel in present:
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(self.file_path(rel), target)
        return folder

    def reset(self, exercise: Exercise, course: Course) -> Path | None:
        """Back up the learner's files, then restore the course's pristine copies, in the course's
        language (the way to get the files in a newly chosen language). Returns the backup."""
        backup = self.backup(exercise)
        with exclusive_lock(self.state_dir / "workspace.lock"):
            pristine = self._load_pristine()
            for rel in exercise.files:
                source = course.exercise_file(rel)
                _copy(source, self.file_path(rel))
                pristine[rel] = PristineCopy(sha256_of(source) or "", course.language)
            self._save_pristine(pristine)
        return backup


def default_location() -> Path:
    """Where `tutor next` creates a workspace when none exists: `$TUTOR_HOME` or `~/async-django-tutor`."""
    configured = os.environ.get("TUTOR_HOME")
    return Path(configured).expanduser() if configured else Path.home() / DEFAULT_DIR_NAME


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, source.read_bytes())
