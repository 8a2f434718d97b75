# Напишите NotesView, класс-представление, у которого все обработчики — `async def`:
#   GET /notes/  отвечает 200 {"notes": [...]}, списком из `await store.list_notes()`;
#   POST /notes/ с JSON-телом {"text": "..."} сохраняет заметку через `await store.add_note(text)`
#                и отвечает 201 с новой заметкой. Если тело — не JSON или в нём нет непустой
#                строки "text", ответ — 400 {"error": "..."}. На другие методы Django сам
#                ответит 405.
# Урок 9: Django на ASGI (`tutor lesson 9`)

import json

import store
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    """GET выдаёт список заметок, POST добавляет заметку: крошечный JSON API."""

    def get(self, request):
        # TODO: сделайте каждый обработчик `async def` и ждите хранилище через await.
        raise NotImplementedError("GET /notes/ ещё не написан")

    def post(self, request):
        # TODO: прочитайте JSON-тело (`json.loads(request.body)`), проверьте "text", await store.add_note(...).
        raise NotImplementedError("POST /notes/ ещё не написан")


# urls.py направляет /notes/ в эту функцию-представление.
notes = NotesView.as_view()
