from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DiploTrack staff"
admin.site.site_title = "DiploTrack admin"
admin.site.index_title = "Enter and publish rounds"

urlpatterns = [
    # Before admin.site.urls, whose catch-all would otherwise read "from-communique" as a pk.
    path("admin/rounds/round/from-communique/", include("rounds.intake.urls")),
    path("admin/", admin.site.urls),
    path("", include("rounds.urls")),
]
