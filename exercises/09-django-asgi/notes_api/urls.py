"""URLs of the `notes_api` project: /notes/ goes to `views.notes`, the view made from NotesView."""

import views
from django.urls import path

urlpatterns = [
    path("notes/", views.notes),
]
