"""URL проекта prices: одна страница со списком товаров, в views.py."""

from django.urls import path

import views

urlpatterns = [
    path("products", views.products),
]
