"""diplotrack.urls plus two trivial views in the same Django: the benchmark's yardsticks."""

import functools
import os

from django.http import Http404, HttpResponse
from django.urls import path

from diplotrack.urls import handler400, handler500  # noqa: F401 - same error pages
from diplotrack.urls import urlpatterns as site_urlpatterns

TRIVIAL_PATH = "__bench_trivial__"
SAME_BYTES_PATH = "__bench_bytes__/"
SAME_BYTES_LIMIT = 4_000_000


def trivial(request):
    return HttpResponse("ok")


@functools.cache
def _incompressible(size: int) -> bytes:
    return os.urandom(size)


def same_bytes(request, size: int):
    """The trivial view sending `size` bytes that gzip cannot shrink: the fastest a page whose
    body is that long on the wire can be served (a cached page of that size does no more)."""
    if size > SAME_BYTES_LIMIT:
        raise Http404
    response = HttpResponse(_incompressible(size), content_type="application/octet-stream")
    response["Content-Encoding"] = "identity"  # sent as it is: GZipMiddleware leaves it alone
    return response


urlpatterns = [
    path(TRIVIAL_PATH, trivial),
    path(f"{SAME_BYTES_PATH}<int:size>", same_bytes),
    *site_urlpatterns,  # spread, not include(): the site's i18n_patterns must stay at the root
]
