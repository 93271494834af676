"""A page that reads the CSP nonce, to test how cached pages get a fresh one (test_nonce)."""

from django.http import HttpResponse
from django.urls import include, path


def styled(request):
    return HttpResponse(f'<style nonce="{request.csp_nonce}">p {{}}</style><p>ok</p>')


urlpatterns = [path("styled/", styled), path("", include("diplotrack.urls"))]
