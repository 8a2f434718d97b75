"""URL проекта: POST /notify/ из notifications.py и стрим событий из stream.py."""

from django.urls import path

import notifications
import stream

urlpatterns = [
    path("notify/", notifications.notify),
    path("events/", stream.events),
]
