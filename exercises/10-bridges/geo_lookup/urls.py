"""URLs of the geo_lookup project: one view, in views.py."""

from django.urls import path

import views

urlpatterns = [
    path("locate", views.locate),
]
