"""The project's URLs: one JSON view from views.py."""

from django.urls import path

import views

urlpatterns = [
    path("orders/", views.order_create),
]
