"""The project's URLs: POST /notify/ from notifications.py, and the event stream from stream.py."""

from django.urls import path

import notifications
import stream

urlpatterns = [
    path("notify/", notifications.notify),
    path("events/", stream.events),
]
