"""Checks for lesson 15, exercise `notes_api/tests.py`: the learner's tests of an async JSON API.

Their tests run with Django's runner against the working app, then against three broken copies of
views.py (bugs/): each broken copy must make at least one of their tests fail.
"""

from __future__ import annotations

import re
from pathlib import Path

from tutor.checkkit import CheckFailure, LearnerTests, PlantedBug, _, fail

BUGS = Path(__file__).parent / "bugs"

TESTS = LearnerTests(
    [
        PlantedBug(
            "missing-404",
            {"views.py": BUGS / "views_missing_404.py"},
            _("GET /notes/<pk>/ for a note that does not exist answers 200 (the view forgot `status=404`)"),
            _("Ask for a note that does not exist (`/notes/999999/`) and assert the status code is 404."),
        ),
        PlantedBug(
            "not-saved",
            {"views.py": BUGS / "views_not_saved.py"},
            _("POST /notes/new/ answers 201 but saves nothing (the view forgot `await` before `note.asave()`)"),
            _(
                "A 201 proves nothing by itself: after the POST, look the note up in the database "
                '(`await Note.objects.aget(pk=response.json()["id"])`) and compare its title and body.'
            ),
        ),
        PlantedBug(
            "oldest-first",
            {"views.py": BUGS / "views_oldest_first.py"},
            _("GET /notes/ lists the notes oldest first instead of newest first"),
            _(
                "Create two notes one after the other, GET /notes/ and assert the newer one comes first "
                "(compare ids in order: a test that only counts the notes cannot see the order)."
            ),
        ),
    ],
    within=8,
)


def test_tests_pass_on_the_working_app() -> None:
    """your tests pass against the working notes API (at least 5 of them)"""
    try:
        TESTS.assert_pass_on_correct_app(at_least=5)
    except CheckFailure as failure:
        raise CheckFailure(f"{failure}{_why(str(failure))}") from None


def test_every_coroutine_is_awaited() -> None:
    """your tests await every coroutine they make (no test passes vacuously)"""
    output = TESTS.runs["correct"].output
    if "deprecated to return a value that is not None from a test case" in output:
        fail(
            _(
                "Some of your `async def test_...` methods never ran: unittest called them, got a coroutine "
                "back and dropped it, so they 'passed' without running a line (Python warned: 'It is deprecated "
                "to return a value that is not None from a test case'). Plain `unittest.TestCase` does not run "
                "async tests. Subclass `django.test.TestCase` (or `SimpleTestCase`): Django wraps every "
                "`async def test_...` in `async_to_sync` and runs it to the end."
            )
        )
    dropped = [
        re.sub(r"\S*/(tests\.py:\d+)", r"\1", line.strip())
        for line in output.splitlines()
        if "was never awaited" in line
    ]
    if dropped:
        fail(
            _(
                "A coroutine in your tests was never awaited ({where}), so the check it stood for never "
                "ran. A coroutine object is truthy: `self.assertTrue(Note.objects.filter(...).aexists())` "
                "passes whatever the database holds. Put `await` in front of every async call: "
                "`self.assertTrue(await Note.objects.filter(...).aexists())`.",
                where=dropped[0],
            )
        )


def test_catches_a_missing_404() -> None:
    """your tests catch a detail view that answers 200 for a missing note"""
    TESTS.assert_catches("missing-404")


def test_catches_a_create_that_saves_nothing() -> None:
    """your tests catch a create view that answers 201 but saves nothing"""
    TESTS.assert_catches("not-saved")


def test_catches_a_list_in_the_wrong_order() -> None:
    """your tests catch a list that comes oldest first"""
    TESTS.assert_catches("oldest-first")


def _why(failure: str) -> str:
    """A line of advice for the common ways a test fails on a working async app."""
    if "SynchronousOnlyOperation" in failure:
        return "\n" + _(
            "A plain ORM call (`Note.objects.create(...)`, `.count()`, `.get(...)`) ran inside an "
            "`async def test_...`: Django refuses synchronous queries where an event loop runs, in tests as "
            "in views. Use the async ORM there (`await Note.objects.acreate(...)`, `acount()`, `aget()`), "
            "or make that test a plain `def` that uses `self.client`."
        )
    if "'coroutine' object" in failure:
        return "\n" + _(
            "A test used a coroutine as if it were its result: did you forget `await`? "
            "`self.async_client.get(...)` gives a coroutine; `response = await self.async_client.get(...)` "
            "gives the response."
        )
    return ""
