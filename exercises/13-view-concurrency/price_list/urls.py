"""URLs of the `price_list` project: /prices/?ids=1,2,3 goes to `views.prices`."""

import views
from django.urls import path

urlpatterns = [
    path("prices/", views.prices),
]
