# expect: ran on the event loop's own thread
# expect-ru: выполнялся в потоке самого событийного цикла
import legacy_geo
from django.http import JsonResponse


async def locate(request):
    ips = request.GET.getlist("ip")
    results = [legacy_geo.lookup(ip) for ip in ips]
    return JsonResponse({"results": results})
