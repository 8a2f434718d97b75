# The idiom from before Django 5.0: the sync auth functions, each run in a worker thread with
# sync_to_async. `get_user` loads the user inside the thread, so nothing lazy reaches async code.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from asgiref.sync import sync_to_async
from django.contrib.auth import authenticate, get_user, login, logout
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST


@require_POST
async def login_view(request):
    credentials = {"username": request.POST.get("username"), "password": request.POST.get("password")}
    user = await sync_to_async(authenticate)(request, **credentials)
    if user is None:
        return JsonResponse({"error": "wrong username or password"}, status=401)
    await sync_to_async(login)(request, user)
    return JsonResponse({"username": user.username})


@require_GET
async def me(request):
    user = await sync_to_async(get_user)(request)
    if not user.is_authenticated:
        return JsonResponse({"error": "not logged in"}, status=401)
    return JsonResponse({"username": user.username})


@require_POST
async def logout_view(request):
    await sync_to_async(logout)(request)
    return HttpResponse(status=204)
