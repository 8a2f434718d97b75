"""The project's URLs: the live stream, and a POST that sends a NOTIFY (for trying the stream by hand)."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("notify/", views.notify),
]
