"""The project's URLs: the slow view and the ticker from views.py."""

from django.urls import path

import views

urlpatterns = [
    path("slow/", views.slow),
    path("ticker/", views.ticker),
]
