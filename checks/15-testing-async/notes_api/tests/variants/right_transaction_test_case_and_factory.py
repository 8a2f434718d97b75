# A different thorough suite: TransactionTestCase (rows really committed, tables emptied after each
# test), every view called directly with AsyncRequestFactory, plus one trip through the URLconf.
import json

import views
from django.test import AsyncRequestFactory, TransactionTestCase
from notes.models import Note

factory = AsyncRequestFactory()


def body(response):
    return json.loads(response.content)


class DirectViewTests(TransactionTestCase):
    async def test_newest_first(self):
        a = await Note.objects.acreate(title="a")
        b = await Note.objects.acreate(title="b")
        c = await Note.objects.acreate(title="c")
        notes = body(await views.note_list(factory.get("/notes/")))["notes"]
        self.assertEqual([n["id"] for n in notes], [c.id, b.id, a.id])

    async def test_detail_and_missing(self):
        note = await Note.objects.acreate(title="x", body="y")
        found = await views.note_detail(factory.get("/"), pk=note.id)
        self.assertEqual((found.status_code, body(found)["title"]), (200, "x"))
        missing = await views.note_detail(factory.get("/"), pk=note.id + 1)
        self.assertEqual(missing.status_code, 404)

    async def test_create_is_saved(self):
        request = factory.post("/notes/new/", {"title": "saved?", "body": "yes"}, content_type="application/json")
        response = await views.note_create(request)
        self.assertEqual(response.status_code, 201)
        self.assertEqual(await Note.objects.filter(title="saved?", body="yes").acount(), 1)

    async def test_bad_create(self):
        request = factory.post("/notes/new/", "not json", content_type="application/json")
        self.assertEqual((await views.note_create(request)).status_code, 400)

    async def test_through_the_urls(self):
        response = await self.async_client.get("/notes/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("notes", response.json())
