"""URL проекта `hello_async`: /quote/<symbol>/ ведёт в `views.quote`."""

import views
from django.urls import path

urlpatterns = [
    path("quote/<str:symbol>/", views.quote),
]
