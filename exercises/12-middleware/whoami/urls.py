"""URLs of the whoami project: log in, ask who you are, log out (the views are in views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("login/", views.login_view),
    path("me/", views.me),
    path("logout/", views.logout_view),
]
