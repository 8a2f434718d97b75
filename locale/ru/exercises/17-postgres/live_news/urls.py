"""URL проекта: живой стрим и POST, который отправляет NOTIFY (чтобы попробовать стрим вручную)."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("notify/", views.notify),
]
