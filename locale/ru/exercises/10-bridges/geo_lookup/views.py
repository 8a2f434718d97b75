# На GET /locate?ip=A&ip=B представление `locate` отвечает {"results": [lookup(A), lookup(B)]}, в том же порядке.
# `legacy_geo.lookup` — медленная *блокирующая* синхронная функция. Вызывайте её из этого асинхронного
# представления, не блокируя событийный цикл, и определяйте все адреса одновременно, а не по одному.
# Урок 10: Мосты между синхронным и асинхронным кодом (`tutor lesson 10`)

from django.http import JsonResponse

import legacy_geo


async def locate(request):
    """GET /locate?ip=...&ip=...: местоположение каждого адреса, в порядке запроса."""
    ips = request.GET.getlist("ip")
    # TODO: здесь блокирующая функция вызывается в событийном цикле, по разу на адрес: все остальные
    # запросы тем временем ждут. Выполняйте вызовы в потоках (`sync_to_async`) и соберите их в `gather`.
    results = [legacy_geo.lookup(ip) for ip in ips]
    return JsonResponse({"results": results})
