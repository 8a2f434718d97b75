"""URL проекта geo_lookup: одно представление, в views.py."""

from django.urls import path

import views

urlpatterns = [
    path("locate", views.locate),
]
