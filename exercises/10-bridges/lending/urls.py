"""URLs of the lending project: one view, in views.py."""

from django.urls import path

import views

urlpatterns = [
    path("books/<int:book_id>/borrow", views.borrow),
]
