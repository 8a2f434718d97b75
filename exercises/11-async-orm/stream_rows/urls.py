"""The project's URLs: the CSV export from views.py."""

from django.urls import path

import views

urlpatterns = [
    path("export.csv", views.export_books),
]
