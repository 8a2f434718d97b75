"""URL проекта: JSON-представления из views.py."""

from django.urls import path

import views

urlpatterns = [
    path("items/", views.item_list),
    path("items/<int:item_id>/", views.item_detail),
    path("items/<int:item_id>/reserve/", views.item_reserve),
]
