"""The project's URLs: the event stream from views.py, and a test page that publishes one event."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("publish/", views.publish_demo),  # POST: publish an event (for trying the stream by hand)
]
