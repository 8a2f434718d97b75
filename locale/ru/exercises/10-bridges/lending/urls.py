"""URL проекта lending: одно представление, в views.py."""

from django.urls import path

import views

urlpatterns = [
    path("books/<int:book_id>/borrow", views.borrow),
]
