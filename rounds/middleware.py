"""Site-wide response policies: a Content-Security-Policy per part of the site, and a 503 page
while the database does not answer."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.urls import reverse

logger = logging.getLogger(__name__)

# A database that refuses or drops connections (restart, failover, network): worth a retry.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    """Render a self-contained error page (no database, no context processors).

    Its inline <style> carries the request's CSP nonce, so the strict policy lets it apply.
    """
    # str(): the nonce is lazy, and only a nonce that was read makes it into the header.
    nonce = str(getattr(request, "csp_nonce", ""))
    body = loader.render_to_string(template, {"csp_nonce": nonce})
    return HttpResponse(body, status=status)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The page for a request the database could not serve: try again shortly."""
    response = error_page(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After, not 500, when a view finds the database unreachable.

    Failures outside views (e.g. saving the session) reach handler500, which answers the same
    (rounds.views.site.server_error). Stale persistent connections never get here: Django's
    CONN_HEALTH_CHECKS replaces them before the request uses them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
        )
        return database_unavailable(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with two policies: the strict one of settings.CONTENT_SECURITY_POLICY for the
    public site (no scripts at all), and ADMIN_CONTENT_SECURITY_POLICY for the admin, whose
    pages run their own scripts (never inline ones)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


def is_admin_path(path: str) -> bool:
    return path.startswith(reverse("admin:index"))
