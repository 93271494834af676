"""A page that reads the CSP nonce, to test how cached pages get a fresh one (test_nonce)."""

from django.http import HttpResponse
from django.urls import path

from diplotrack.urls import urlpatterns as site_urlpatterns


def styled(request):
    return HttpResponse(f'<style nonce="{request.csp_nonce}">p {{}}</style><p>ok</p>')


# The site's own list, not include(): i18n_patterns is allowed only in the root URLconf.
urlpatterns = [path("styled/", styled), *site_urlpatterns]
