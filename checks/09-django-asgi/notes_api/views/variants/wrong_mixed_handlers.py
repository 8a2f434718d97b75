# expect: all sync or all async
# expect-ru: либо целиком синхронное, либо целиком асинхронное
# get is async, post stayed sync: Django refuses the class when as_view() runs.
import json

import store
from asgiref.sync import async_to_sync
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    async def get(self, request):
        return JsonResponse({"notes": await store.list_notes()})

    def post(self, request):
        data = json.loads(request.body)
        note = async_to_sync(store.add_note)(data["text"])
        return JsonResponse(note, status=201)


notes = NotesView.as_view()
