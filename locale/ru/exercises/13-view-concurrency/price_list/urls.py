"""URL проекта `price_list`: /prices/?ids=1,2,3 ведёт на `views.prices`."""

import views
from django.urls import path

urlpatterns = [
    path("prices/", views.prices),
]
