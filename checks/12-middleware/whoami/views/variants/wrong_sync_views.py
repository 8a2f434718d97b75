# expect: is a plain `def` view
# expect-ru: обычное представление на `def`
# The sync views, as shipped: they work (Django runs them in a worker thread), but nothing here is async.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.contrib.auth import authenticate, login, logout
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST


@require_POST
def login_view(request):
    user = authenticate(request, username=request.POST.get("username"), password=request.POST.get("password"))
    if user is None:
        return JsonResponse({"error": "wrong username or password"}, status=401)
    login(request, user)
    return JsonResponse({"username": user.username})


@require_GET
def me(request):
    user = request.user
    if not user.is_authenticated:
        return JsonResponse({"error": "not logged in"}, status=401)
    return JsonResponse({"username": user.username})


@require_POST
def logout_view(request):
    logout(request)
    return HttpResponse(status=204)
