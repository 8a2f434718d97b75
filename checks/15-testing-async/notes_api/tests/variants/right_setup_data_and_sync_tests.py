# A different thorough suite: data made once in setUpTestData (sync), plain `def` tests with the sync
# client where nothing is async-specific, async tests with `aexists`, `afirst` and AsyncRequestFactory.
import json

import views
from django.test import AsyncRequestFactory, TestCase
from notes.models import Note


class NotesApiTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.first = Note.objects.create(title="first", body="one")
        cls.second = Note.objects.create(title="second", body="two")

    def test_list_order(self):
        data = self.client.get("/notes/").json()
        ids = [note["id"] for note in data["notes"]]
        self.assertLess(ids.index(self.second.id), ids.index(self.first.id))

    def test_missing(self):
        self.assertEqual(self.client.get("/notes/424242/").status_code, 404)

    async def test_detail_json(self):
        response = await self.async_client.get(f"/notes/{self.first.id}/")
        self.assertEqual(response.json()["body"], "one")

    async def test_create(self):
        response = await self.async_client.post("/notes/new/", '{"title": "fresh"}', content_type="application/json")
        self.assertEqual(response.status_code, 201)
        self.assertTrue(await Note.objects.filter(title="fresh").aexists())
        newest = await Note.objects.order_by("-id").afirst()
        self.assertEqual(newest.title, "fresh")

    async def test_factory(self):
        request = AsyncRequestFactory().get("/notes/")
        response = await views.note_list(request)
        titles = [note["title"] for note in json.loads(response.content)["notes"]]
        self.assertEqual(titles[:2], ["second", "first"])
