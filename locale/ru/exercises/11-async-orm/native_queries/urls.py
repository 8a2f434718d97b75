"""URL проекта: четыре JSON-представления из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("books/", views.book_list),
    path("books/new/", views.book_create),
    path("books/<int:pk>/", views.book_detail),
    path("stats/", views.shop_stats),
]
