"""URL проекта: одно JSON-представление из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("orders/", views.order_create),
]
