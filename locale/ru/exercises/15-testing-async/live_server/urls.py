"""URL проекта: медленное представление и тикер из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("slow/", views.slow),
    path("ticker/", views.ticker),
]
