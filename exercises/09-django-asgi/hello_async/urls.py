"""URLs of the `hello_async` project: /quote/<symbol>/ goes to `views.quote`."""

import views
from django.urls import path

urlpatterns = [
    path("quote/<str:symbol>/", views.quote),
]
