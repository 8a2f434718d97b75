# expect: did you forget `await`
# expect-ru: вы забыли `await`
import json

import store
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    async def get(self, request):
        notes = store.list_notes()
        return JsonResponse({"notes": notes})

    async def post(self, request):
        try:
            data = json.loads(request.body)
        except ValueError:
            return JsonResponse({"error": "the body must be JSON"}, status=400)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return JsonResponse({"error": 'give a non-empty string "text"'}, status=400)
        note = await store.add_note(text)
        return JsonResponse(note, status=201)


notes = NotesView.as_view()
