# Напишите тесты для этого API заметок. views.py работает (сначала прочитайте его): на нём ваши тесты
# должны пройти, а затем проверка по очереди подбросит в представления три бага и будет ждать, что на
# каждом упадёт какой-нибудь тест. Используйте `async def test_...` с `self.async_client`, асинхронный
# ORM (`await Note.objects.acreate(...)`) и `AsyncRequestFactory` там, где тест вызывает функцию
# представления напрямую.
# Запустите их сами: `python manage.py test` в этой папке.
# Урок 15: Тестирование асинхронного Django (`tutor lesson 15`)

import json

from django.test import AsyncRequestFactory, TestCase
from notes.models import Note

import views


class NoteApiTests(TestCase):
    async def test_list_is_newest_first(self):
        """GET /notes/ выдаёт все заметки, сначала новые."""
        # Создайте две заметки через `await Note.objects.acreate(...)`, запросите GET /notes/ через
        # self.async_client и проверьте, что более новая заметка идёт первой.
        self.fail("write this test")

    async def test_detail(self):
        """GET /notes/<pk>/ отвечает этой заметкой в виде JSON."""
        self.fail("write this test")

    async def test_detail_of_a_missing_note_is_404(self):
        """GET /notes/<pk>/ для несуществующей заметки отвечает 404."""
        self.fail("write this test")

    async def test_create_saves_the_note(self):
        """POST /notes/new/ отвечает 201, и заметка оказывается в базе."""
        # Один код ответа ничего не доказывает: после запроса найдите заметку в базе.
        self.fail("write this test")

    async def test_detail_view_called_directly(self):
        """views.note_detail, вызванное с запросом из AsyncRequestFactory (без URLconf, без middleware)."""
        # `request = AsyncRequestFactory().get(...)`, затем `await views.note_detail(request, pk=...)`.
        self.fail("write this test")
