"""URL проекта: три JSON-представления из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("notes/", views.note_list),
    path("notes/new/", views.note_create),
    path("notes/<int:pk>/", views.note_detail),
]
