"""URL проекта: живой лог сборки из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("build/", views.build_log),
]
