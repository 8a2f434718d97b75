"""URL проекта maintenance: две страницы магазина (в views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("", views.home),
    path("products/", views.products),
]
