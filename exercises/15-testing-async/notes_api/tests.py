# Write the tests of this notes API. views.py works (read it first): your tests must pass on it, and
# then the check plants three bugs in the views, one at a time, and expects a test to fail on each.
# Use `async def test_...` with `self.async_client`, the async ORM (`await Note.objects.acreate(...)`),
# and `AsyncRequestFactory` where a test calls a view function directly.
# Try them yourself: `python manage.py test` in this folder.
# Lesson 15: Testing async Django (`tutor lesson 15`)

import json

from django.test import AsyncRequestFactory, TestCase
from notes.models import Note

import views


class NoteApiTests(TestCase):
    async def test_list_is_newest_first(self):
        """GET /notes/ lists every note, the newest first."""
        # Create two notes with `await Note.objects.acreate(...)`, GET /notes/ with self.async_client,
        # and check that the newer note comes first.
        self.fail("write this test")

    async def test_detail(self):
        """GET /notes/<pk>/ answers that note as JSON."""
        self.fail("write this test")

    async def test_detail_of_a_missing_note_is_404(self):
        """GET /notes/<pk>/ for a note that does not exist answers 404."""
        self.fail("write this test")

    async def test_create_saves_the_note(self):
        """POST /notes/new/ answers 201 and the note is in the database."""
        # The status code alone proves nothing: look the note up in the database afterwards.
        self.fail("write this test")

    async def test_detail_view_called_directly(self):
        """views.note_detail, called with a request from AsyncRequestFactory (no URLconf, no middleware)."""
        # request = AsyncRequestFactory().get(...), then `await views.note_detail(request, pk=...)`.
        self.fail("write this test")
