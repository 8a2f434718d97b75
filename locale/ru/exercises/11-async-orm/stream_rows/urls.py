"""URL проекта: экспорт в CSV из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("export.csv", views.export_books),
]
