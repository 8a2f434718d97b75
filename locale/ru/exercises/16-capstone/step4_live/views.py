"""Представления доски: страница по адресу /, JSON API (ваш шаг 1) и POST /api/refresh/ (шаг 2).

О каждом созданном здесь объявлении сообщает сигнал `notice_created` (notices/signals.py); ваш
stream.py слушает его и отправляет объявление в каждый открытый стрим событий."""

import json
from pathlib import Path

import feeds
import middleware
import stream
import upstream
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import aget_object_or_404
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from notices.models import Notice
from notices.signals import notice_created

LATEST = 20  # сколько объявлений показывает список
PAGE = (Path(__file__).parent / "page.html").read_text(encoding="utf-8")  # читается один раз, при запуске


@require_GET
async def index(request):
    """GET /: живая доска (обычные HTML и JavaScript, без CDN: работает офлайн)."""
    return HttpResponse(PAGE)


def bad_request(message):
    return JsonResponse({"error": message}, status=400)


def parse_notice(body):
    """(title, body) из тела запроса или ValueError с объяснением, что в нём не так."""
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
    """GET: {"notices": [LATEST самых новых объявлений, сначала новые]}.
    POST {"title": "...", "body": "..."}: 201 и новое объявление. "title" должен быть непустой строкой
    не длиннее 200 символов, "body" — строкой (необязательно, по умолчанию ""); на всё остальное
    ответ 400 {"error": "..."}."""
    if request.method == "GET":
        latest = [notice.to_json() async for notice in Notice.objects.all()[:LATEST]]
        return JsonResponse({"notices": latest})
    try:
        title, body = parse_notice(request.body)
    except ValueError as error:
        return bad_request(str(error))
    notice = await Notice.objects.acreate(title=title, body=body)
    await notice_created.asend(sender=Notice, notice=notice)  # асинхронные получатели — в этом же цикле (Django 5.0+)
    return JsonResponse(notice.to_json(), status=201)


@require_GET
async def notice_detail(request, pk):
    """GET /api/notices/<pk>/: одно объявление или 404, если такого объявления нет."""
    notice = await aget_object_or_404(Notice, pk=pk)
    return JsonResponse(notice.to_json())


@require_POST
async def refresh(request):
    """POST /api/refresh/: запросить все ленты из settings.BOARD_FEEDS; ответ {"new": <число новых объявлений>}.

    URL ленты может быть путём ("/fake-feeds/alpha.json"): тогда он дополняется собственным адресом сервера."""
    urls = [request.build_absolute_uri(url) for url in settings.BOARD_FEEDS]
    new = await feeds.refresh_feeds(upstream.shared_client(), urls)
    return JsonResponse({"new": new})


@require_GET
async def status(request):
    """GET /api/status/: сколько стримов событий открыто (по счётчику middleware) и сколько подписано на брокер."""
    return JsonResponse(
        {"open_streams": middleware.stats["open_streams"], "subscribers": len(stream.broker.subscribers)}
    )
