"""URL проекта `notes_api`: /notes/ ведёт в `views.notes`, представление, созданное из NotesView."""

import views
from django.urls import path

urlpatterns = [
    path("notes/", views.notes),
]
