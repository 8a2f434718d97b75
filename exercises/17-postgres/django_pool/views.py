"""The project's one view: a slow report (a query that sleeps on the server), run the way Django runs any
query from async code: in a thread, through sync_to_async. (Read it; no need to edit.)"""

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import JsonResponse


def _slow_report(seconds):
    """One query that takes `seconds` on the server; returns the server process (backend) that ran it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid() FROM pg_sleep(%s)", [seconds])
        return cursor.fetchone()[0]


async def report(request):
    """GET /report/?seconds=0.2: run the slow query and say which server connection ran it."""
    seconds = min(float(request.GET.get("seconds", "0.2")), 5.0)
    backend = await sync_to_async(_slow_report)(seconds)
    return JsonResponse({"backend": backend, "slept": seconds})
