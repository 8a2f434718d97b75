"""URL проекта: два JSON-представления из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("books/", views.book_list),
    path("authors/", views.author_list),
]
