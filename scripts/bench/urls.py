"""diplotrack.urls plus a trivial view in the same Django: the benchmark's yardstick."""

from django.http import HttpResponse
from django.urls import path

from diplotrack.urls import handler400, handler500  # noqa: F401 - same error pages
from diplotrack.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "__bench_trivial__"


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path(TRIVIAL_PATH, trivial),
    *site_urlpatterns,  # spread, not include(): the site's i18n_patterns must stay at the root
]
