"""diplotrack.urls plus a trivial view in the same Django: the benchmark's yardstick."""

from django.http import HttpResponse
from django.urls import include, path

from diplotrack.urls import handler400, handler500  # noqa: F401 - same error pages

TRIVIAL_PATH = "__bench_trivial__"


def trivial(request):
    return HttpResponse("ok")


urlpatterns = [
    path(TRIVIAL_PATH, trivial),
    path("", include("diplotrack.urls")),
]
