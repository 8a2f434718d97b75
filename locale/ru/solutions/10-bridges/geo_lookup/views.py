# На GET /locate?ip=A&ip=B представление `locate` отвечает {"results": [lookup(A), lookup(B)]}, в том же порядке.
# `legacy_geo.lookup` — медленная *блокирующая* синхронная функция. Вызывайте её из этого асинхронного
# представления, не блокируя событийный цикл, и определяйте все адреса одновременно, а не по одному.
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

import asyncio

import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse

# thread_sensitive=False: каждый вызов может занять любой поток пула, поэтому вызовы в gather идут одновременно.
# Так можно с библиотекой, которая ничего не делит между вызовами; с ORM — никогда.
lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)


async def locate(request):
    """GET /locate?ip=...&ip=...: местоположение каждого адреса, в порядке запроса."""
    ips = request.GET.getlist("ip")
    results = await asyncio.gather(*(lookup(ip) for ip in ips))
    return JsonResponse({"results": results})
