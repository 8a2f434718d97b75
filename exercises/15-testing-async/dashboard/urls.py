"""The project's URLs: the event stream and the dashboard from views.py."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("dashboard/", views.dashboard),
]
