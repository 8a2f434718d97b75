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

    # Every handler is `async def`: Django decides once per class (View.view_is_async) whether
    # the view is sync or async, so a class must not mix the two.
    async def get(self, request):
        return JsonResponse({"notes": await store.list_notes()})

    async def post(self, request):
        try:
            data = json.loads(request.body)  # request.POST only parses form data, never JSON
        except ValueError:
            return JsonResponse({"error": "the body must be JSON"}, status=400)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text.strip():
            return JsonResponse({"error": 'give a non-empty string "text"'}, status=400)
        note = await store.add_note(text)
        return JsonResponse(note, status=201)


# urls.py routes /notes/ to this view function.
notes = NotesView.as_view()
