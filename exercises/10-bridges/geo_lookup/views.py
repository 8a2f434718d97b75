# `locate` answers GET /locate?ip=A&ip=B with {"results": [lookup(A), lookup(B)]}, in that order.
# `legacy_geo.lookup` is a slow *blocking* sync function. Call it from this async view without
# blocking the event loop, and look all the addresses up at the same time, not one by one.
# Lesson 10: Bridging sync and async (`tutor lesson 10`)

from django.http import JsonResponse

import legacy_geo


async def locate(request):
    """GET /locate?ip=...&ip=...: the location of every address, in the order asked."""
    ips = request.GET.getlist("ip")
    # TODO: this calls the blocking function on the event loop, once per address: every other
    # request waits meanwhile. Run the lookups in threads (sync_to_async) and gather them.
    results = [legacy_geo.lookup(ip) for ip in ips]
    return JsonResponse({"results": results})
