# expect: one after the other
# expect-ru: но один за другим
import legacy_geo
from asgiref.sync import sync_to_async
from django.http import JsonResponse


async def locate(request):
    lookup = sync_to_async(legacy_geo.lookup, thread_sensitive=False)
    results = []
    for ip in request.GET.getlist("ip"):
        results.append(await lookup(ip))  # waits for each before starting the next
    return JsonResponse({"results": results})
