# Напишите тесты для этого API заметок. views.py работает (сначала прочитайте его): на нём ваши тесты
# должны пройти, а затем проверка по очереди подбросит в представления три бага и будет ждать, что на
# каждом упадёт какой-нибудь тест. Используйте `async def test_...` с `self.async_client`, асинхронный
# ORM (`await Note.objects.acreate(...)`) и `AsyncRequestFactory` там, где тест вызывает функцию
# представления напрямую.
# Запустите их сами: `python manage.py test` в этой папке.
# Урок 15: Тестирование асинхронного Django (`tutor lesson 15`)

import json

import views
from django.test import AsyncRequestFactory, TestCase
from notes.models import Note


class NoteApiTests(TestCase):
    async def test_list_is_newest_first(self):
        """GET /notes/ выдаёт все заметки, сначала новые."""
        older = await Note.objects.acreate(title="older")
        newer = await Note.objects.acreate(title="newer")
        response = await self.async_client.get("/notes/")
        self.assertEqual(response.status_code, 200)
        notes = response.json()["notes"]
        self.assertEqual([note["id"] for note in notes[:2]], [newer.id, older.id])
        self.assertEqual(len(notes), await Note.objects.acount())

    async def test_detail(self):
        """GET /notes/<pk>/ отвечает этой заметкой в виде JSON."""
        note = await Note.objects.acreate(title="milk", body="two litres")
        response = await self.async_client.get(f"/notes/{note.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["title"], "milk")
        self.assertEqual(response.json()["body"], "two litres")

    async def test_detail_of_a_missing_note_is_404(self):
        """GET /notes/<pk>/ для несуществующей заметки отвечает 404."""
        response = await self.async_client.get("/notes/999999/")
        self.assertEqual(response.status_code, 404)

    async def test_create_saves_the_note(self):
        """POST /notes/new/ отвечает 201, и заметка оказывается в базе."""
        response = await self.async_client.post(
            "/notes/new/", {"title": "call Ada", "body": "about the engine"}, content_type="application/json"
        )
        self.assertEqual(response.status_code, 201)
        saved = await Note.objects.aget(pk=response.json()["id"])
        self.assertEqual((saved.title, saved.body), ("call Ada", "about the engine"))

    async def test_create_without_title_is_400(self):
        """POST /notes/new/ без заголовка отвечает 400 и ничего не сохраняет."""
        before = await Note.objects.acount()
        response = await self.async_client.post("/notes/new/", {"body": "no title"}, content_type="application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(await Note.objects.acount(), before)

    async def test_detail_view_called_directly(self):
        """views.note_detail, вызванное с запросом из AsyncRequestFactory (без URLconf, без middleware)."""
        note = await Note.objects.acreate(title="direct")
        request = AsyncRequestFactory().get(f"/notes/{note.pk}/")
        response = await views.note_detail(request, pk=note.pk)
        self.assertEqual(response.status_code, 200)
        # У ответа прямо от представления нет .json(): этот метод есть только у ответов тестового клиента.
        self.assertEqual(json.loads(response.content)["title"], "direct")
