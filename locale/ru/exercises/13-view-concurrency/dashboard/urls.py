"""URL проекта `dashboard`: /dashboard/ ведёт на `views.dashboard`."""

import views
from django.urls import path

urlpatterns = [
    path("dashboard/", views.dashboard),
]
