"""URLs of the `whoami` project: / is an async view, /sync/ the same as a plain def view."""

import views
from django.urls import path

urlpatterns = [
    path("", views.async_whoami),
    path("sync/", views.sync_whoami),
]
