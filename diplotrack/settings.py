"""DiploTrack settings: one module, driven by environment variables.

Safe defaults apply only while DEBUG is on, so a first local run needs nothing. With
DJANGO_DEBUG off, a missing secret key or host list fails at start-up.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean variable, rejecting values that are neither true nor false."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, not {raw!r}.")


def env_number(name: str, default: float, kind: type = int) -> float:
    """Read a non-negative number, failing with a message instead of a bare ValueError."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = kind(raw)
    except ValueError:
        noun = "whole number" if kind is int else "number"
        raise ImproperlyConfigured(f"{name} must be a {noun}, not {raw!r}.") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name} must not be negative, not {raw!r}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list, dropping blanks."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def load_env_file(path: Path) -> None:
    """Read KEY=VALUE lines of a local, git-ignored env file; real environment variables win."""
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key and not key.startswith("#"):
            os.environ.setdefault(key.strip(), value.strip())


# `make install` writes .env for a working tree (local secret key, local hosts, plain HTTP), so
# manage.py commands run there without exporting anything. Production sets real variables and
# has no such file; DJANGO_ENV_FILE="" turns the file off.
_env_file = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env"))
if _env_file:
    load_env_file(Path(_env_file))

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters) or set DJANGO_DEBUG=1 "
            "for a local run."
        )
    SECRET_KEY = "django-insecure-local-development-only-key-do-not-use-in-production"

LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", LOCAL_HOSTS if DEBUG else [])
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Give the host names this site answers to, "
        "comma-separated, e.g. diplotrack.example.org."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rounds",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (strict on the public site, relaxed for the admin's scripts) and
    # Permissions-Policy on every response, static files included.
    "rounds.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages, feeds and exports gzipped for readers that accept it (static files are served
    # above, compressed at collectstatic). The page cache keeps its pages gzipped once and
    # sends that body itself; this compresses the rest. Pages with a CSRF token are padded
    # against BREACH by Django.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the URL (/es/... Spanish, unprefixed English), then a first visit
    # whose Accept-Language prefers Spanish sent once to /es/. Both run before any page cache
    # middleware, which keys on the language they activate.
    "django.middleware.locale.LocaleMiddleware",
    "rounds.middleware.FirstVisitLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Public reads of anonymous readers go to a replica when DATABASE_REPLICA_URLS names some.
    "rounds.replicas.ReplicaMiddleware",
    # The page cache (rounds/cache.py) needs request.user's cookies and the active language:
    # LocaleMiddleware (after SessionMiddleware) and the first-visit language redirect go
    # before it, never after.
    "rounds.cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database that does not answer gives a 503 page, not a 500 (see also handler500).
    "rounds.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "diplotrack.urls"
WSGI_APPLICATION = "diplotrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rounds.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_number("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}

# Read replicas (rounds/replicas.py): replica1..n, for public anonymous reads only.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", []), start=1):
    DATABASES[f"replica{_number}"] = dj_database_url.parse(
        _url, conn_max_age=env_number("DJANGO_CONN_MAX_AGE", 600), conn_health_checks=True
    )
    DATABASES[f"replica{_number}"]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["rounds.replicas.ReplicaRouter"]
# Outside a transaction Django's server-side cursors (QuerySet.iterator(): the exports) are
# WITH HOLD, which PostgreSQL runs to the end when it declares them; planning them for the first
# 10% of rows (the default cursor_tuple_fraction) then only picks a slower plan: 713 -> 122 ms
# for a 25,000-round export at 100k rounds.
for _database in DATABASES.values():
    if _database["ENGINE"].endswith("postgresql"):
        _options = _database.setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c cursor_tuple_fraction=1".strip()
# After a write, the client reads from the primary for this long (replicas may lag).
DATABASE_REPLICA_PIN_SECONDS = env_number("DJANGO_REPLICA_PIN_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "diplotrack",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (rounds/cache.py, README "Caching and scaling"): whole public responses for
# anonymous readers, keyed on a data version that every write changes. DJANGO_PAGE_CACHE=0
# turns it off (public pages still say Cache-Control; no ETag, no 304).
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env_number("DJANGO_PAGE_CACHE_SECONDS", 24 * 3600)
PAGE_CACHE_MAX_BYTES = env_number("DJANGO_PAGE_CACHE_MAX_BYTES", 1_000_000)
# How long a proxy or CDN may keep a public page, and serve it stale while it asks again.
PAGE_CACHE_S_MAXAGE = env_number("DJANGO_CACHE_S_MAXAGE", 60)
PAGE_CACHE_STALE_WHILE_REVALIDATE = env_number("DJANGO_CACHE_STALE_WHILE_REVALIDATE", 30)
# With Redis the data version is mirrored in the cache (no query per hit); the mirror expires
# so a process that died between a commit and the mirror leaves it stale this long at most.
PAGE_CACHE_VERSION_IN_CACHE = bool(REDIS_URL)
PAGE_CACHE_VERSION_SECONDS = 60
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/healthz")
PAGE_CACHE_ACCEPT_PREFIXES = ("/api/",)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Unprefixed URLs are English ("en", with British dates from rounds/formats/en/); Spanish is
# under /es/. The admin and the API stay English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "rounds" / "locale"]
FORMAT_MODULE_PATH = ["rounds.formats"]
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The versioned dataset's zips (/data/, `manage.py export_dataset`): a folder by default;
    # with several hosts, point DJANGO_DATASET_DIR at a folder they share.
    "datasets": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("DJANGO_DATASET_DIR", str(BASE_DIR / "datasets"))},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# The proxies in front of the app (load balancer, nginx...): 0 when it is exposed directly.
# Only then are X-Forwarded-For and X-Forwarded-Proto read; a client could forge them otherwise.
PROXY_COUNT = env_number("DJANGO_PROXY_COUNT", 0)

# Admin login throttling (README "Security"): a cool-off, never a permanent lock-out, so a
# forgotten password costs minutes, not a support ticket, and an attacker cannot lock a user
# out for good. Two limits within the cool-off: failures for one username from one address,
# and failures from one address whatever the usernames (a guess at many accounts).
AXES_HANDLER = "rounds.throttling.LoginThrottle"
AXES_FAILURE_LIMIT = env_number("DJANGO_AXES_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_number("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = env_number("DJANGO_AXES_COOLOFF_HOURS", 0.25, float)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# axes reads the client's address with django-ipware. Behind proxies it is the X-Forwarded-For
# entry added by the nearest proxy (the last one; what a client put before it is skipped).
# ipware counts the proxies named *in* the header; the nearest proxy is REMOTE_ADDR, hence -1.
if PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    IPWARE_STRICT = False  # skip forged entries instead of giving up on the header

SITE_NAME = "DiploTrack"
# The site's address for links in e-mails, which are sent without a request (send_alerts).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Outgoing mail (e-mail alerts): DJANGO_EMAIL_URL read by dj-email-url, e.g.
# smtp+tls://user:password@mail.example.org:587; by default mails are printed (console).
_email = dj_email_url.parse(os.environ.get("DJANGO_EMAIL_URL", "console:"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 30
if _email["EMAIL_FILE_PATH"]:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "DiploTrack <alerts@localhost>")

# The read API (/api/v1/, docs/api.md): anonymous and read-only, so no authentication at all
# (no session is read, no Vary: Cookie, responses are cacheable like the pages), JSON only,
# throttled per client address. NUM_PROXIES must be a number: DRF's default (None) would trust
# a client-sent X-Forwarded-For; with 0 it uses the socket's address.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "rounds.api.negotiation.StrictContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "120/minute")},
    "NUM_PROXIES": int(PROXY_COUNT),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "DiploTrack API",
    "DESCRIPTION": (
        "Read-only access to the published record of bilateral law-enforcement dialogues: "
        "dialogues, rounds, topics, ministries, countries, people and cooperation requests. "
        "See docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Production sits behind HTTPS. DJANGO_HTTPS=0 serves plain HTTP (the local `make run`) with
# DEBUG still off, so a local run shows the same pages, errors and caching as production.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
if HTTPS:
    if PROXY_COUNT:
        # Only a proxy may say the request came in over HTTPS; from anyone else the header
        # would let plain HTTP skip the redirect.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_number("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# The public site runs no JavaScript: nothing but its own style sheets and images loads.
# The admin (rounds.middleware.ContentSecurityPolicyMiddleware) also runs its own scripts.
_CSP_COMMON = {
    "default-src": [NONE],
    "style-src": [SELF, NONCE],  # the nonce: error pages carry their own <style>
    "img-src": [SELF],
    "form-action": [SELF],
    "base-uri": [NONE],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**_CSP_COMMON, "script-src": [NONE]}}
ADMIN_CONTENT_SECURITY_POLICY = {
    **_CSP_COMMON,
    "script-src": [SELF],
    "connect-src": [SELF],  # the autocomplete's requests
    "img-src": [SELF, "data:"],  # the admin's and its widgets' inline icons
    "font-src": [SELF],
}
# No page uses a camera, a microphone, payments...: refuse them, embedded content included.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "rounds.logfilters.OneLine"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # A request for a host the site does not serve is noise from scanners: one line each.
        "one_line": {"class": "logging.StreamHandler", "filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.security.DisallowedHost": {
            "handlers": ["one_line"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}
