"""URL проекта whoami: войти, спросить, кто вы, выйти (сами представления — в views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("login/", views.login_view),
    path("me/", views.me),
    path("logout/", views.logout_view),
]
