# expect: request.POST
# expect-ru: request.POST
# Reading the JSON body as if it were a form.

import store
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    async def get(self, request):
        return JsonResponse({"notes": await store.list_notes()})

    async def post(self, request):
        text = request.POST["text"]
        if not text.strip():
            return JsonResponse({"error": "empty text"}, status=400)
        return JsonResponse(await store.add_note(text), status=201)


notes = NotesView.as_view()
