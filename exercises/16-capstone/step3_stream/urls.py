"""The board's URLs: the page and the JSON API (views.py), the event stream (stream.py) and the fake\nexternal feeds (fakefeeds.py). Importing stream.py here also connects its signal receiver."""

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
    path("fake-feeds/<slug:name>.json", fakefeeds.fake_feed),
]
