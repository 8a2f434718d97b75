# expect: answer 400
# expect-ru: ответьте 400
# Trusts every body: bad JSON or a missing text crash the view.
import json

import store
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    async def get(self, request):
        return JsonResponse({"notes": await store.list_notes()})

    async def post(self, request):
        data = json.loads(request.body)
        note = await store.add_note(data["text"])
        return JsonResponse(note, status=201)


notes = NotesView.as_view()
