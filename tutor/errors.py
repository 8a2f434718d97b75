"""The one family of errors a learner (or a course author) can cause.

Each carries a short message and, where there is one, the next step. The CLI renders them
as a short panel; a raw traceback reaching a learner is a bug.
"""

from __future__ import annotations


class TutorError(Exception):
    """A problem the learner can fix; `hint` says how."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class CourseError(TutorError):
    """The course content itself is broken (a bad manifest, a missing file): an author's problem."""


class NoWorkspaceError(TutorError):
    """No workspace was found from the current directory upward."""


class UnknownExerciseError(TutorError):
    """An exercise or lesson reference matched nothing."""


class ExerciseFileMissingError(TutorError):
    """A file the learner edits is gone from the workspace."""


class ConfirmationRequired(TutorError):
    """A destructive or spoiling action needs an explicit yes and there is no terminal to ask."""
