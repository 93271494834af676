"""Read replicas: public anonymous reads go to a replica, everything else to the primary.

`DATABASE_REPLICA_URLS` (settings) adds the aliases `replica1..n`. `ReplicaMiddleware` decides
per request, from the method and cookies alone (no session read), whether its reads may go to
a replica, picks one at random, and says which in a context variable that `ReplicaRouter`
reads: every read of a request goes to that one replica, so a page shows one replica's
snapshot (replicas lag by different amounts), and a setting made on its connection (the
search's planner setting, rounds.search.postgres) holds for the queries after it.

Writes always go to `default`; so do staff (a session cookie), and a client that has just
written: an unsafe request sets a short `dt_primary` cookie, so the next pages it reads show
its own write even while the replicas lag.
"""

from __future__ import annotations

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.http import HttpRequest, HttpResponse

PIN_COOKIE = "dt_primary"
_read_alias: ContextVar[str] = ContextVar("read_alias", default=DEFAULT_DB_ALIAS)


def replica_aliases() -> list[str]:
    return list(settings.DATABASE_REPLICAS)


def may_read_from_replica(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and PIN_COOKIE not in request.COOKIES
        and not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
    )


def read_alias_for(request: HttpRequest) -> str:
    """The database all of this request's reads go to: one replica, or the primary."""
    aliases = replica_aliases()
    if aliases and may_read_from_replica(request):
        return random.choice(aliases)  # noqa: S311 - load spreading, not security
    return DEFAULT_DB_ALIAS


class ReplicaRouter:
    """Reads to the replica the current request was given; all else to default."""

    def db_for_read(self, model, **hints):
        return _read_alias.get()

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
        token = _read_alias.set(read_alias_for(request))
        try:
            response = self.get_response(request)
        finally:
            _read_alias.reset(token)
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
