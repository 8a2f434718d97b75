"""URLs of the `one_client` project: /weather/ goes to `views.weather`."""

import views
from django.urls import path

urlpatterns = [
    path("weather/", views.weather),
]
