"""URL проекта: стрим событий и дашборд из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("dashboard/", views.dashboard),
]
