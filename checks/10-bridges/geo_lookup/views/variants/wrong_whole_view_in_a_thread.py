# expect: at most 1 lookup(s) ran at once
# expect-ru: одновременно выполнялось вызовов lookup: не больше 1
import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


def _locate_all(ips):
    return [legacy_geo.lookup(ip) for ip in ips]


async def locate(request):
    # "async" on the outside, but the lookups still run one after the other in one thread
    results = await sync_to_async(_locate_all, thread_sensitive=False)(request.GET.getlist("ip"))
    return JsonResponse({"results": results})
