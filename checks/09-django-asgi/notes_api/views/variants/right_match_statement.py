# Another correct answer: names imported from store, a match statement for the body, and only
# GET and POST in http_method_names (Django's 405 then allows just those two).
import json

from django.http import JsonResponse
from django.views import View
from store import add_note, list_notes


class NotesView(View):
    http_method_names = ("get", "post")

    async def get(self, request):
        notes = await list_notes()
        return JsonResponse({"notes": notes})

    async def post(self, request):
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            data = None
        match data:
            case {"text": str(text)} if text.strip():
                return JsonResponse(await add_note(text), status=201)
            case _:
                return JsonResponse({"error": 'expected JSON like {"text": "..."}'}, status=400)


notes = NotesView.as_view()
