"""The project's one view: it asks the weather service through the project's one HTTP client."""

import upstreams
from django.http import JsonResponse


async def weather(request):
    """GET /weather/: the weather service's answer, and which client fetched it.

    `client` is the id of the client object: with one client for the whole server, every request
    shows the same number.
    """
    client = upstreams.get_client()
    response = await client.get("/weather/")
    return JsonResponse({"weather": response.json(), "client": hex(id(client))})
