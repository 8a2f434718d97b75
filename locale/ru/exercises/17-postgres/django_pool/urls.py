"""URL проекта."""

from django.urls import path

import views

urlpatterns = [path("report/", views.report)]
