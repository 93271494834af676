from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DiploTrack staff"
admin.site.site_title = "DiploTrack admin"
admin.site.index_title = "Enter and publish rounds"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("rounds.api.urls")),
    path("alerts/", include("rounds.alerts.urls")),
    path("", include("rounds.urls")),
]

# Self-contained pages that need no database; a 500 caused by an unreachable database is a 503.
handler400 = "rounds.views.site.bad_request"
handler500 = "rounds.views.site.server_error"
