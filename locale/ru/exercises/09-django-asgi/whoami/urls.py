"""URL проекта `whoami`: / — асинхронное представление, /sync/ — то же самое в виде обычного def."""

import views
from django.urls import path

urlpatterns = [
    path("", views.async_whoami),
    path("sync/", views.sync_whoami),
]
