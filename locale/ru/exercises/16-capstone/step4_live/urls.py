"""URL доски: страница и JSON API (views.py), стрим событий (stream.py) и поддельные\nвнешние ленты (fakefeeds.py). Импорт stream.py здесь заодно подключает его получатель сигнала."""

from django.urls import path

import fakefeeds
import stream
import views

urlpatterns = [
    path("", views.index),
    path("events/", stream.events),
    path("api/notices/", views.notices),
    path("api/notices/<int:pk>/", views.notice_detail),
    path("api/refresh/", views.refresh),
    path("api/status/", views.status),
    path("fake-feeds/<slug:name>.json", fakefeeds.fake_feed),
]
