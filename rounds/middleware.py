"""Site-wide response policies: a Content-Security-Policy per part of the site, a 503 page
while the database does not answer, and the reader's language on a first visit."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import loader
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

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


# Public URLs that are not pages: files, feeds, exports and machines' URLs keep their address
# whatever the reader's language.
NOT_PAGES = frozenset(
    {
        "round-cite",
        "dialogue-calendar",
        "round-export-csv",
        "round-export-json",
        "dataset-latest",
        "dataset-file",
        "feed-rounds",
        "feed-search",
        "feed-dialogue",
        "feed-topic",
        "sitemap",
        "sitemap-section",
        "robots",
        "healthz",
    }
)
CHOICE_PARAMETER = "lang"


class FirstVisitLanguageMiddleware:
    """Send a first visit (no language cookie) whose Accept-Language prefers Spanish from an
    unprefixed page to its /es/ twin (302), once: the answer sets the cookie.

    Visiting a /es/ page sets the cookie to Spanish; the switcher's links to English pages
    carry ``?lang=en``, which sets it to English and redirects to the plain address. With a
    cookie, the address decides: an unprefixed page is English, a /es/ page Spanish, so a
    reader (or a crawler) that chose, or followed a link, is never redirected.
    Runs after LocaleMiddleware and before the page cache, so cached pages never hold a
    redirect decision: every answer that depends on it varies on Accept-Language and Cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or not is_public_page(request.path_info):
            return self.get_response(request)
        from_path = translation.get_language_from_path(request.path_info)
        chosen = request.GET.get(CHOICE_PARAMETER, "")
        if not from_path and chosen in dict(settings.LANGUAGES):
            return self.remember(redirect(without_choice(request)), chosen)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if from_path:
            response = self.get_response(request)
            return self.remember(response, from_path) if cookie != from_path else response
        if cookie is None and prefers(request) != settings.LANGUAGE_CODE:
            response = redirect(translate_url(request.get_full_path(), prefers(request)))
        else:
            response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def remember(response: HttpResponse, language: str) -> HttpResponse:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            httponly=True,
        )
        return response


def prefers(request: HttpRequest) -> str:
    """The supported language the request's Accept-Language prefers (the default if none)."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def is_public_page(path: str) -> bool:
    """Whether the path is a page of the public site (not the admin, the API, a file, a feed)."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace == "rounds" and match.url_name not in NOT_PAGES


def without_choice(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop(CHOICE_PARAMETER, None)
    return request.path + (f"?{query.urlencode()}" if query else "")


def redirect(url: str) -> HttpResponse:
    response = HttpResponseRedirect(url)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
