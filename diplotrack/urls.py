from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "DiploTrack staff"
admin.site.site_title = "DiploTrack admin"
admin.site.index_title = "Enter and publish rounds"

# The staff workspace and the API stay unprefixed and English; the public site is English
# unprefixed and Spanish under /es/ (its /robots.txt, /healthz and feeds answer unprefixed too).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("rounds.api.urls")),
    *i18n_patterns(
        path("alerts/", include("rounds.alerts.urls")),
        path("", include("rounds.urls")),
        prefix_default_language=False,
    ),
]

# Self-contained pages that need no database; a 500 caused by an unreachable database is a 503.
handler400 = "rounds.views.site.bad_request"
handler500 = "rounds.views.site.server_error"
