"""One wait, four ways. Each view waits `?ms=` milliseconds (default 100), standing in for a call to
another service, then answers a little JSON."""

from __future__ import annotations

import asyncio
import time

from asgiref.sync import sync_to_async
from django.http import HttpRequest, JsonResponse


def _wait_seconds(request: HttpRequest) -> float:
    return int(request.GET.get("ms", "100")) / 1000


def sync_wait(request: HttpRequest) -> JsonResponse:
    """A plain sync view: it blocks its thread while it waits (fine under WSGI, where a thread is its own)."""
    time.sleep(_wait_seconds(request))
    return JsonResponse({"waited_ms": round(_wait_seconds(request) * 1000)})


async def async_wait(request: HttpRequest) -> JsonResponse:
    """An async view that awaits: the event loop serves other requests meanwhile."""
    await asyncio.sleep(_wait_seconds(request))
    return JsonResponse({"waited_ms": round(_wait_seconds(request) * 1000)})


async def async_blocking(request: HttpRequest) -> JsonResponse:
    """The mistake: a blocking call inside `async def` stops the whole event loop while it waits."""
    time.sleep(_wait_seconds(request))
    return JsonResponse({"waited_ms": round(_wait_seconds(request) * 1000)})


async def async_thread(request: HttpRequest) -> JsonResponse:
    """The fix: the same blocking call, moved to a thread (`thread_sensitive=False`: any pool thread)."""
    await sync_to_async(time.sleep, thread_sensitive=False)(_wait_seconds(request))
    return JsonResponse({"waited_ms": round(_wait_seconds(request) * 1000)})
