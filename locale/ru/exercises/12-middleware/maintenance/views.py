"""Страницы магазина (менять их не нужно). Оба представления асинхронные; `products` немного ждёт,
как ждал бы запрос к медленному сервису."""

import asyncio

from django.http import HttpResponse, JsonResponse


async def home(request):
    return HttpResponse("Welcome to the shop!\n", content_type="text/plain; charset=utf-8")


async def products(request):
    await asyncio.sleep(0.1)
    return JsonResponse({"products": ["teapot", "kettle", "mug"]})
