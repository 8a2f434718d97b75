"""URLs of the timing project: an async view that waits, and a sync one (both in views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("slow/", views.slow),
    path("hello/", views.hello),
]
