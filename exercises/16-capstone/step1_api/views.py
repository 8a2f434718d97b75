# Write the board's JSON API as async views on the native async ORM (no sync queries, no sync_to_async):
# GET /api/notices/ lists the 20 newest notices; POST /api/notices/ checks the JSON body (400 with an
# "error" on bad input) and creates a notice (201); GET /api/notices/<pk>/ answers one notice or 404.
# `notice.to_json()` (notices/models.py) gives the JSON of one notice.
# Lesson 16: Capstone: a live notifications board (`tutor lesson 16`)

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_http_methods
from notices.models import Notice

LATEST = 20  # how many notices the list shows


@require_http_methods(["GET", "POST"])
def notices(request):
    """GET: {"notices": [the LATEST newest notices, newest first]}.
    POST {"title": "...", "body": "..."}: 201 and the new notice. "title" must be a non-empty string of at
    most 200 characters, "body" a string (optional, default ""); anything else answers 400 {"error": "..."}."""
    raise NotImplementedError("list the notices, or create one")


@require_GET
def notice_detail(request, pk):
    """GET /api/notices/<pk>/: one notice, or 404 when there is no such notice."""
    raise NotImplementedError("answer one notice, or 404")
