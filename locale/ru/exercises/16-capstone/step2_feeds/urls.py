"""URL доски: JSON API (views.py) и поддельные внешние ленты (fakefeeds.py)."""

from django.urls import path

import fakefeeds
import views

urlpatterns = [
    path("api/notices/", views.notices),
    path("api/notices/<int:pk>/", views.notice_detail),
    path("api/refresh/", views.refresh),
    path("fake-feeds/<slug:name>.json", fakefeeds.fake_feed),
]
