# Эти три представления работают, но они синхронные: под ASGI Django выполняет каждое в рабочем потоке.
# Сделайте их `async def` и используйте асинхронный API аутентификации Django (5.0+): `await request.auser()`
# вместо `request.user`, `aauthenticate`, `alogin`, `alogout`. Отвечать они должны так же, как сейчас:
# POST /login/ (поля формы username, password): 200 {"username": ...} или 401 {"error": ...};
# GET /me/: 200 {"username": ...}, если пользователь вошёл, иначе 401 {"error": ...}; POST /logout/: 204.
# Урок 12: Асинхронные middleware и запрос (`tutor lesson 12`)

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
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not logged in"}, status=401)
    return JsonResponse({"username": request.user.username})


@require_POST
def logout_view(request):
    logout(request)
    return HttpResponse(status=204)
