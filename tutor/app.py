"""The learner's session: one course, one workspace, and the operations the commands share.

This is the core the CLI calls. It knows nothing about the terminal: it returns dataclasses,
and the renderer decides how they look.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.course import Course, Exercise, Lesson, load_course, read_brief
from tutor.errors import ConfirmationRequired, TutorError
from tutor.i18n import _
from tutor.progress import Progress, now_stamp
from tutor.runner import CheckRun, WarmWorker, missing_requirement, run_check
from tutor.workspace import FileState, SyncReport, Workspace, default_location

if TYPE_CHECKING:
    from tutor.lab import CodeSource


class ExerciseStatus(Enum):
    """Where an exercise stands for this learner."""

    SOLVED = "solved"
    CURRENT = "current"
    STARTED = "started"
    PENDING = "pending"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class ExerciseRow:
    """One line of `tutor list`."""

    exercise: Exercise
    lesson: Lesson
    status: ExerciseStatus
    path: Path
    update_held_back: bool


@dataclass(frozen=True, slots=True)
class HintView:
    """The hints revealed so far for an exercise, and how many remain."""

    exercise: Exercise
    shown: tuple[str, ...]
    remaining: int


@dataclass(frozen=True, slots=True)
class SolutionView:
    """The reference solution next to the learner's version."""

    exercise: Exercise
    files: tuple[tuple[str, str, str | None], ...]  # (relative path, solution text, learner text or None)


def can_run_here(exercise: Exercise) -> bool:
    """False when the exercise needs software this machine lacks (PostgreSQL, for its track)."""
    return missing_requirement(exercise) is None


class Session:
    """A course opened in a workspace, in step with the course's current files."""

    def __init__(self, course: Course, workspace: Workspace, sync: SyncReport, created: bool = False) -> None:
        self.course = course
        self.workspace = workspace
        self.sync = sync
        self.created = created
        loaded = workspace.progress.load()
        self.recovery_note = loaded.recovery_note
        self._progress = loaded.progress

    @classmethod
    def open(cls, *, create: bool = False, start: Path | None = None, course: Course | None = None) -> Session:
        """Find the workspace (or create the default one when `create`), and sync it with the course."""
        course = course or load_course()
        workspace = Workspace.find(start)
        created = False
        if workspace is None:
            if not create:
                workspace = Workspace.require(start)  # raises the learner-facing error
            else:
                workspace = Workspace.create(default_location(), course)
                created = True
        sync = workspace.sync(course)
        return cls(course, workspace, sync, created)

    @property
    def progress(self) -> Progress:
        return self._progress

    # --- where the learner is ---------------------------------------------------------------

    def current_exercise(self) -> Exercise | None:
        """The first exercise, in course order, that is not solved yet and can run here; None when none is left.

        An exercise of the optional PostgreSQL track is passed over where PostgreSQL is missing
        (`waiting_for_setup` lists them), so a learner without it can still finish the course.
        """
        return next(
            (ex for ex in self.course.exercises if not self._progress.is_solved(ex.id) and can_run_here(ex)), None
        )

    def waiting_for_setup(self) -> list[Exercise]:
        """Unsolved exercises that need software this machine lacks."""
        return [ex for ex in self.course.exercises if not self._progress.is_solved(ex.id) and not can_run_here(ex)]

    def resolve(self, ref: str | None) -> Exercise:
        """The exercise named by `ref`, else the current one."""
        if ref:
            return self.course.find_exercise(ref)
        current = self.current_exercise()
        if current is None:
            if self.waiting_for_setup():
                from tutor import postgres

                raise TutorError(
                    _("You have solved every exercise this machine can run. Congratulations!"),
                    _(
                        "The optional PostgreSQL track needs PostgreSQL: `{command}`.",
                        command=postgres.install_command(),
                    ),
                )
            raise TutorError(
                _("You have solved every exercise. Congratulations!"),
                _("Name one to revisit it, e.g. `tutor check 1.1`; `tutor list` shows them all."),
            )
        return current

    def brief(self, exercise: Exercise) -> str:
        """The instructions at the top of the exercise's pristine file."""
        source = self.course.exercise_file(exercise.main_file).read_text(encoding="utf-8")
        return read_brief(source)

    def rows(self) -> list[ExerciseRow]:
        """Every exercise with its status, for `tutor list`."""
        current = self.current_exercise()
        held_back = set(self.sync.held_back)
        rows = []
        for lesson in self.course.lessons:
            for ex in lesson.exercises:
                state = self.workspace.exercise_state(ex)
                if self._progress.is_solved(ex.id):
                    status = ExerciseStatus.SOLVED
                elif state is FileState.MISSING:
                    status = ExerciseStatus.MISSING
                elif ex == current:
                    status = ExerciseStatus.CURRENT
                elif state is FileState.EDITED:
                    status = ExerciseStatus.STARTED
                else:
                    status = ExerciseStatus.PENDING
                rows.append(
                    ExerciseRow(ex, lesson, status, self.workspace.exercise_path(ex), bool(held_back & set(ex.files)))
                )
        return rows

    # --- actions ------------------------------------------------------------------------------

    def check(self, exercise: Exercise, warm: WarmWorker | None = None) -> CheckRun:
        """Run the checks on the learner's files; a pass is saved as progress at once."""
        run = run_check(self.course, exercise, self.workspace.exercises_dir, warm=warm)
        if run.passed:
            stamp = now_stamp()

            def record(progress: Progress) -> None:
                progress.solved.setdefault(exercise.id, stamp)

            self._progress = self.workspace.progress.update(record).progress
        return run

    def lab_source(self, exercise_id: str) -> CodeSource:
        """The files `tutor lab` measures for an exercise: the learner's own once they have solved it
        (and the files are all there), the reference solution before that."""
        from tutor.lab import CodeSource

        exercise = self.course.find_exercise(exercise_id)
        mine = {rel: self.workspace.file_path(rel) for rel in exercise.files}
        if self.progress.is_solved(exercise.id) and all(path.is_file() for path in mine.values()):
            return CodeSource(mine, _("your code from exercise {label} ({id})", label=exercise.label, id=exercise.id))
        return self.reference_source(exercise_id, self.course)

    @staticmethod
    def reference_source(exercise_id: str, course: Course | None = None) -> CodeSource:
        """The reference solution's files of an exercise, for `tutor lab` (also without a workspace)."""
        from tutor.lab import CodeSource

        course = course or load_course()
        exercise = course.find_exercise(exercise_id)
        return CodeSource(
            {rel: course.solution_file(rel) for rel in exercise.files},
            _(
                "the reference solution of exercise {label} ({id}); solve it to measure your own code",
                label=exercise.label,
                id=exercise.id,
            ),
        )

    def mark_lesson_read(self, lesson: Lesson) -> bool:
        """Record that the learner has seen `lesson`; True if this is the first time."""
        if lesson.id in self._progress.lessons_read:
            return False
        self._progress = self.workspace.progress.update(lambda p: p.lessons_read.add(lesson.id)).progress
        return True

    def reveal_hint(self, exercise: Exercise) -> HintView:
        """Show one more hint level (all earlier ones stay visible)."""
        total = len(exercise.hints)

        def bump(progress: Progress) -> None:
            progress.hints_shown[exercise.id] = min(progress.hints_shown.get(exercise.id, 0) + 1, total)

        self._progress = self.workspace.progress.update(bump).progress
        shown = self._progress.hints_shown[exercise.id]
        return HintView(exercise, exercise.hints[:shown], total - shown)

    def solution(self, exercise: Exercise, *, confirmed: bool) -> SolutionView:
        """The reference solution; before solving, only with an explicit confirmation."""
        if not self._progress.is_solved(exercise.id) and not confirmed:
            raise ConfirmationRequired(
                _("You have not solved {id} yet; seeing the solution now spoils the exercise.", id=exercise.id),
                _("Pass --yes if you really want it: `tutor solution {id} --yes`.", id=exercise.id),
            )
        files = []
        for rel in exercise.files:
            if rel != exercise.main_file and not self.course.has_own_solution(rel):
                continue  # a support file the answer leaves as shipped
            solution = self.course.solution_file(rel).read_text(encoding="utf-8")
            mine_path = self.workspace.file_path(rel)
            mine = mine_path.read_text(encoding="utf-8", errors="replace") if mine_path.is_file() else None
            files.append((rel, solution, mine))
        return SolutionView(exercise, tuple(files))

    def reset(self, exercise: Exercise) -> Path | None:
        """Restore the pristine files of `exercise`; the learner's version goes to a backup first."""
        return self.workspace.reset(exercise, self.course)
