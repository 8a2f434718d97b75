"""A middleware that does nothing and is sync-only (Django's default for a function middleware without
flags): in an async stack, Django wraps it in thread hops. The middleware experiment adds it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def sync_only(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        return get_response(request)

    return middleware
