"""URLs of the `dashboard` project: /dashboard/ goes to `views.dashboard`."""

import views
from django.urls import path

urlpatterns = [
    path("dashboard/", views.dashboard),
]
