from django.urls import path

from . import views

app_name = "rounds"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
