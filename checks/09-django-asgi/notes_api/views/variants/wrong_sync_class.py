# expect: plain `def` methods
# expect-ru: обычными методами `def`
# Not really async: sync handlers driving the async store with async_to_sync.
import json

import store
from asgiref.sync import async_to_sync
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    def get(self, request):
        return JsonResponse({"notes": async_to_sync(store.list_notes)()})

    def post(self, request):
        try:
            data = json.loads(request.body)
        except ValueError:
            return JsonResponse({"error": "not JSON"}, status=400)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return JsonResponse({"error": "no text"}, status=400)
        return JsonResponse(async_to_sync(store.add_note)(text), status=201)


notes = NotesView.as_view()
