"""URL проекта timing: асинхронное представление, которое ждёт, и синхронное (оба в views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("slow/", views.slow),
    path("hello/", views.hello),
]
