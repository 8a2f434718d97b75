"""Небольшой JSON API для заметок на нативном асинхронном ORM. Он работает: ваша задача — доказать это
в tests.py.

GET  /notes/           {"notes": [все заметки, сначала новые]}
GET  /notes/<pk>/      одна заметка или 404 {"error": ...}, если такой заметки нет
POST /notes/new/       {"title": "...", "body": "..."}: 201 и новая заметка; 400 без заголовка
"""

import json

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_POST
from notes.models import Note


def note_json(note):
    """Одна заметка в виде словаря, готового к JSON ("created" равно None у заметки, которую ни разу не сохраняли)."""
    created = note.created.isoformat() if note.created else None
    return {"id": note.id, "title": note.title, "body": note.body, "created": created}


@require_GET
async def note_list(request):
    notes = [note_json(note) async for note in Note.objects.order_by("-created", "-id")]
    return JsonResponse({"notes": notes})


@require_GET
async def note_detail(request, pk):
    try:
        note = await Note.objects.aget(pk=pk)
    except Note.DoesNotExist:
        return JsonResponse({"error": f"no note {pk}"}, status=404)
    return JsonResponse(note_json(note))


@require_POST
async def note_create(request):
    try:
        data = json.loads(request.body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("title"), str) or not data["title"].strip():
        return JsonResponse({"error": 'send JSON with a non-empty "title"'}, status=400)
    note = await Note.objects.acreate(title=data["title"].strip(), body=str(data.get("body", "")))
    return JsonResponse(note_json(note), status=201)
