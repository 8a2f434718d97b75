# Напишите JSON API доски в виде асинхронных представлений на нативном асинхронном ORM (никаких
# синхронных запросов, никакого `sync_to_async`): GET /api/notices/ выдаёт 20 самых новых объявлений;
# POST /api/notices/ проверяет JSON в теле запроса (400 с "error" при некорректных данных) и создаёт
# объявление (201); GET /api/notices/<pk>/ отвечает одним объявлением или 404.
# `notice.to_json()` (notices/models.py) даёт JSON одного объявления.
# Урок 16: Итоговый проект: живая доска объявлений (`tutor lesson 16`)

from django.http import JsonResponse
from django.views.decorators.http import require_GET, require_http_methods
from notices.models import Notice

LATEST = 20  # сколько объявлений показывает список


@require_http_methods(["GET", "POST"])
def notices(request):
    """GET: {"notices": [LATEST самых новых объявлений, сначала новые]}.
    POST {"title": "...", "body": "..."}: 201 и новое объявление. "title" должен быть непустой строкой
    не длиннее 200 символов, "body" — строкой (необязательно, по умолчанию ""); на всё остальное
    ответ 400 {"error": "..."}."""
    raise NotImplementedError("выведите список объявлений или создайте новое")


@require_GET
def notice_detail(request, pk):
    """GET /api/notices/<pk>/: одно объявление или 404, если такого объявления нет."""
    raise NotImplementedError("ответьте одним объявлением или 404")
