"""The shop's pages (you need not change them). Both are async views; `products` waits a little, like
a query to a slow service would."""

import asyncio

from django.http import HttpResponse, JsonResponse


async def home(request):
    return HttpResponse("Welcome to the shop!\n", content_type="text/plain; charset=utf-8")


async def products(request):
    await asyncio.sleep(0.1)
    return JsonResponse({"products": ["teapot", "kettle", "mug"]})
