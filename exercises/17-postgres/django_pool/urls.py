"""The project's URLs."""

from django.urls import path

import views

urlpatterns = [path("report/", views.report)]
