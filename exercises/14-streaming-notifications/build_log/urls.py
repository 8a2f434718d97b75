"""The project's URLs: the live build log from views.py."""

from django.urls import path

import views

urlpatterns = [
    path("build/", views.build_log),
]
