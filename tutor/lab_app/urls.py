from django.urls import path

from tutor.lab_app import views

urlpatterns = [
    path("sync-wait/", views.sync_wait),
    path("async-wait/", views.async_wait),
    path("async-blocking/", views.async_blocking),
    path("async-thread/", views.async_thread),
]
