# expect: answers 201 but saves nothing
# expect-ru: отвечает 201, но ничего не сохраняет
# Write the tests of this notes API. views.py works (read it first): your tests must pass on it, and
# then the check plants three bugs in the views, one at a time, and expects a test to fail on each.
# Use `async def test_...` with `self.async_client`, the async ORM (`await Note.objects.acreate(...)`),
# and `AsyncRequestFactory` where a test calls a view function directly.
# Try them yourself: `python manage.py test` in this folder.
# Lesson 15: Testing async Django (`tutor lesson 15`)

import json

import views
from django.test import AsyncRequestFactory, TestCase
from notes.models import Note


class NoteApiTests(TestCase):
    async def test_list_is_newest_first(self):
        """GET /notes/ lists every note, the newest first."""
        older = await Note.objects.acreate(title="older")
        newer = await Note.objects.acreate(title="newer")
        response = await self.async_client.get("/notes/")
        self.assertEqual(response.status_code, 200)
        notes = response.json()["notes"]
        self.assertEqual([note["id"] for note in notes[:2]], [newer.id, older.id])
        self.assertEqual(len(notes), await Note.objects.acount())

    async def test_detail(self):
        """GET /notes/<pk>/ answers that note as JSON."""
        note = await Note.objects.acreate(title="milk", body="two litres")
        response = await self.async_client.get(f"/notes/{note.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["title"], "milk")
        self.assertEqual(response.json()["body"], "two litres")

    async def test_detail_of_a_missing_note_is_404(self):
        """GET /notes/<pk>/ for a note that does not exist answers 404."""
        response = await self.async_client.get("/notes/999999/")
        self.assertEqual(response.status_code, 404)

    async def test_create_saves_the_note(self):
        """POST /notes/new/ answers 201 and the note is in the database."""
        response = await self.async_client.post(
            "/notes/new/", {"title": "call Ada", "body": "about the engine"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 201)
        self.assertEqual(response.json()["title"], "call Ada")

    async def test_create_without_title_is_400(self):
        """POST /notes/new/ without a title answers 400 and saves nothing."""
        before = await Note.objects.acount()
        response = await self.async_client.post("/notes/new/", {"body": "no title"}, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(await Note.objects.acount(), before)

    async def test_detail_view_called_directly(self):
        """views.note_detail, called with a request from AsyncRequestFactory (no URLconf, no middleware)."""
        note = await Note.objects.acreate(title="direct")
        request = AsyncRequestFactory().get(f"/notes/{note.pk}/")
        response = await views.note_detail(request, pk=note.pk)
        self.assertEqual(response.status_code, 200)
        # A response straight from the view has no .json(): that helper comes from the test client.
        self.assertEqual(json.loads(response.content)["title"], "direct")
