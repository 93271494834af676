from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DiploTrack staff"
admin.site.site_title = "DiploTrack admin"
admin.site.index_title = "Enter and publish rounds"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("rounds.api.urls")),
    path("", include("rounds.urls")),
]
