"""Read replicas: public anonymous reads go to a replica, everything else to the primary.

`DATABASE_REPLICA_URLS` (settings) adds the aliases `replica1..n`. `ReplicaMiddleware` decides
per request, from the method and cookies alone (no session read), whether its reads may go to
a replica, and says so in a context variable that `ReplicaRouter` reads. Writes always go to
`default`; so do staff (a session cookie), and a client that has just written: an unsafe
request sets a short `dt_primary` cookie, so the next pages it reads show its own write even
while the replicas lag.
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "dt_primary"
_reads_to_replica: ContextVar[bool] = ContextVar("reads_to_replica", default=False)


def replica_aliases() -> list[str]:
    return list(settings.DATABASE_REPLICAS)


def may_read_from_replica(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


class ReplicaRouter:
    """Reads to a random replica while the current request allows it; all else to default."""

    def db_for_read(self, model, **hints):
        aliases = replica_aliases()
        if aliases and _reads_to_replica.get():
            return random.choice(aliases)  # noqa: S311 - load spreading, not security
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads_to_replica.set(bool(replica_aliases()) and may_read_from_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _reads_to_replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE") and replica_aliases():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
