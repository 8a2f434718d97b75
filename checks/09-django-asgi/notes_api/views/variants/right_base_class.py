# Another correct answer: a small async base class with JSON helpers, and the view in urls built
# through it. Every handler of the final class is still async.
import json

import store
from django.http import HttpResponse, JsonResponse
from django.views import View


class JsonView(View):
    """Shared helpers for JSON endpoints (no handlers of its own)."""

    def json(self, data: object, status: int = 200) -> HttpResponse:
        return JsonResponse(data, status=status, safe=False)

    def error(self, message: str) -> HttpResponse:
        return self.json({"error": message}, status=400)


class NotesView(JsonView):
    async def get(self, request):
        return self.json({"notes": await store.list_notes()})

    async def post(self, request):
        try:
            data = json.loads(request.body)
        except ValueError as exc:
            return self.error(f"not JSON: {exc}")
        if not isinstance(data, dict):
            return self.error("send a JSON object")
        text = data.get("text")
        if not isinstance(text, str) or text.strip() == "":
            return self.error('"text" must be a non-empty string')
        return self.json(await store.add_note(text), status=201)


notes = NotesView.as_view()
