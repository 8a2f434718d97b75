# Class-based async views (Django 4.1+): every handler `async def`. The URLconf's names stay.
# Lesson 12: Async middleware and the request (`tutor lesson 12`)

from django.contrib.auth import aauthenticate, alogin, alogout
from django.http import HttpResponse, JsonResponse
from django.views import View


class LoginView(View):
    async def post(self, request):
        user = await aauthenticate(
            request, username=request.POST.get("username", ""), password=request.POST.get("password", "")
        )
        if user is None:
            return JsonResponse({"error": "wrong username or password"}, status=401)
        await alogin(request, user)
        return JsonResponse({"username": user.get_username()})


class MeView(View):
    async def get(self, request):
        user = await request.auser()
        if user.is_anonymous:
            return JsonResponse({"error": "not logged in"}, status=401)
        return JsonResponse({"username": user.get_username()})


class LogoutView(View):
    async def post(self, request):
        await alogout(request)
        return HttpResponse(status=204)


login_view = LoginView.as_view()
me = MeView.as_view()
logout_view = LogoutView.as_view()
