"""Единственное представление проекта: спрашивает сервис погоды через единственный HTTP-клиент проекта."""

import upstreams
from django.http import JsonResponse


async def weather(request):
    """GET /weather/: ответ сервиса погоды и то, какой клиент его получил.

    `client` — это id объекта клиента: при одном клиенте на весь сервер каждый запрос показывает одно
    и то же число.
    """
    client = upstreams.get_client()
    response = await client.get("/weather/")
    return JsonResponse({"weather": response.json(), "client": hex(id(client))})
