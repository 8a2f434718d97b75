"""URL проекта: стрим событий из views.py и тестовая страница, которая публикует одно событие."""

from django.urls import path

import views

urlpatterns = [
    path("events/", views.events),
    path("publish/", views.publish_demo),  # POST: опубликовать событие (чтобы попробовать стрим вручную)
]
