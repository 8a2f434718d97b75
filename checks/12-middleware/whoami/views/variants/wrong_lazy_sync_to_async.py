# expect: lazy
# expect-ru: ленивым
# The pre-5.0 idiom done wrong: sync_to_async hands back the lazy object, unloaded.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from asgiref.sync import sync_to_async
from django.contrib.auth import aauthenticate, alogin, alogout
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST


@require_POST
async def login_view(request):
    username = request.POST.get("username")
    password = request.POST.get("password")
    user = await aauthenticate(request, username=username, password=password)
    if user is None:
        return JsonResponse({"error": "wrong username or password"}, status=401)
    await alogin(request, user)
    return JsonResponse({"username": user.username})


@require_GET
async def me(request):
    user = await sync_to_async(lambda: request.user)()
    if not user.is_authenticated:
        return JsonResponse({"error": "not logged in"}, status=401)
    return JsonResponse({"username": user.username})


@require_POST
async def logout_view(request):
    await alogout(request)
    return HttpResponse(status=204)
