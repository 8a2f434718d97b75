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

    # Все обработчики — `async def`: Django один раз для всего класса решает (`View.view_is_async`),
    # синхронное это представление или асинхронное, поэтому смешивать их в одном классе нельзя.
    async def get(self, request):
        return JsonResponse({"notes": await store.list_notes()})

    async def post(self, request):
        try:
            data = json.loads(request.body)  # request.POST разбирает только данные формы, но не JSON
        except ValueError:
            return JsonResponse({"error": "the body must be JSON"}, status=400)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return JsonResponse({"error": 'give a non-empty string "text"'}, status=400)
        note = await store.add_note(text)
        return JsonResponse(note, status=201)


# urls.py направляет /notes/ в эту функцию-представление.
notes = NotesView.as_view()
