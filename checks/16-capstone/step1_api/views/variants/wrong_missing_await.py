# expect: forget `await`
# expect-ru: вы забыли `await`
# Write the board's JSON API as async views on the native async ORM (no sync queries, no sync_to_async):
# GET /api/notices/ lists the 20 newest notices; POST /api/notices/ checks the JSON body (400 with an
# "error" on bad input) and creates a notice (201); GET /api/notices/<pk>/ answers one notice or 404.
# `notice.to_json()` (notices/models.py) gives the JSON of one notice.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

import json

from django.http import JsonResponse
from django.shortcuts import aget_object_or_404
from django.views.decorators.http import require_GET, require_http_methods
from notices.models import Notice

LATEST = 20  # how many notices the list shows


def bad_request(message):
    return JsonResponse({"error": message}, status=400)


def parse_notice(body):
    """(title, body) from a request body, or raise ValueError saying what is wrong with it."""
    try:
        data = json.loads(body)
    except ValueError:
        raise ValueError("the body must be JSON") from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    title, text = data.get("title"), data.get("body", "")
    if not isinstance(title, str) or not title.strip():
        raise ValueError('"title" must be a non-empty string')
    if len(title) > 200:
        raise ValueError('"title" must be at most 200 characters')
    if not isinstance(text, str):
        raise ValueError('"body" must be a string')
    return title.strip(), text


@require_http_methods(["GET", "POST"])
async def notices(request):
    """GET: {"notices": [the LATEST newest notices, newest first]}.
    POST {"title": "...", "body": "..."}: 201 and the new notice. "title" must be a non-empty string of at
    most 200 characters, "body" a string (optional, default ""); anything else answers 400 {"error": "..."}."""
    if request.method == "GET":
        latest = [notice.to_json() async for notice in Notice.objects.all()[:LATEST]]
        return JsonResponse({"notices": latest})
    try:
        title, body = parse_notice(request.body)
    except ValueError as error:
        return bad_request(str(error))
    notice = Notice.objects.acreate(title=title, body=body)
    return JsonResponse(notice.to_json(), status=201)


@require_GET
async def notice_detail(request, pk):
    """GET /api/notices/<pk>/: one notice, or 404 when there is no such notice."""
    notice = await aget_object_or_404(Notice, pk=pk)
    return JsonResponse(notice.to_json())
