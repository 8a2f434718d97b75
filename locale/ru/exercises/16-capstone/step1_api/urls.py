"""URL доски: небольшой JSON API (views.py)."""

from django.urls import path

import views

urlpatterns = [
    path("api/notices/", views.notices),
    path("api/notices/<int:pk>/", views.notice_detail),
]
