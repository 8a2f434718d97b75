"""URL проекта `one_client`: /weather/ ведёт на `views.weather`."""

import views
from django.urls import path

urlpatterns = [
    path("weather/", views.weather),
]
