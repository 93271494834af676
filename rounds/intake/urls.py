"""URLs of the "Add round from communiqué" admin flow, mounted under /admin/rounds/round/."""

from django.contrib import admin
from django.urls import path

from .views import CommuniqueIntakeView

app_name = "intake"

urlpatterns = [
    path(
        "",
        admin.site.admin_view(CommuniqueIntakeView.as_view()),
        name="round-from-communique",
    ),
]
