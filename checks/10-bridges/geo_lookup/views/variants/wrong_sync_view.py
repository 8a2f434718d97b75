# expect: plain `def` view
# expect-ru: обычное представление на `def`
import legacy_geo
from django.http import JsonResponse


def locate(request):
    results = [legacy_geo.lookup(ip) for ip in request.GET.getlist("ip")]
    return JsonResponse({"results": results})
