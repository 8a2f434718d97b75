"""URLs of the prices project: one page listing the products, in views.py."""

from django.urls import path

import views

urlpatterns = [
    path("products", views.products),
]
