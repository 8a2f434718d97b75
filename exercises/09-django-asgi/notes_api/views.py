# Write NotesView, a class-based view whose handlers are all `async def`:
#   GET /notes/  answers 200 {"notes": [...]}, the list from `await store.list_notes()`;
#   POST /notes/ with a JSON body {"text": "..."} saves it with `await store.add_note(text)` and
#                answers 201 with the new note. A body that is not JSON, or has no non-empty
#                string "text", gets 400 {"error": "..."}. Other methods get Django's 405.
# Lesson 9: Django on ASGI (`tutor lesson 9`)

import json

import store
from django.http import JsonResponse
from django.views import View


class NotesView(View):
    """GET lists the notes, POST adds one: a tiny JSON API."""

    def get(self, request):
        # TODO: make every handler `async def`, and await the store.
        raise NotImplementedError("GET /notes/ is not written yet")

    def post(self, request):
        # TODO: read the JSON body (`json.loads(request.body)`), check "text", await store.add_note(...).
        raise NotImplementedError("POST /notes/ is not written yet")


# urls.py routes /notes/ to this view function.
notes = NotesView.as_view()
