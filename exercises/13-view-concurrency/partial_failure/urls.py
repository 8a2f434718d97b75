"""URLs of the `partial_failure` project: /dashboard/ goes to `views.dashboard`."""

import views
from django.urls import path

urlpatterns = [
    path("dashboard/", views.dashboard),
]
