"""URLs of the maintenance project: the shop's two pages (in views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("", views.home),
    path("products/", views.products),
]
