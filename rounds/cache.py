"""The page cache: whole public responses for anonymous readers, never stale.

Every entry records the *data version* it was rendered under, a token that every write to the
public record changes (`bump()`: a post_save/post_delete/m2m_changed receiver for the rounds app,
connected in RoundsConfig.ready(), plus explicit calls where bulk `.update()` sends no signal).
An entry whose token is not the current one is never served.

Where the token lives: always in the database (`DataVersion`, one row, written in the writer's
own transaction, so it commits with the data). With a shared cache (Redis, REDIS_URL) it is
mirrored there after the commit, so a hit costs one `get_many` and no query; the mirror expires
after PAGE_CACHE_VERSION_SECONDS in case a process died between commit and mirror. With a
per-process cache (locmem) every request reads the row (one primary-key query): a change shows
on the next request in every worker either way.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

from rounds.middleware import DATABASE_UNAVAILABLE
from rounds.models import DataVersion, is_part_of_the_record

VERSION_KEY = "page:version"
# The shape of a stored Entry, part of every page key: a release that stores entries another
# way never reads (or serves) those of the release before it. Move it when Entry changes.
ENTRY_FORMAT = 2
VERSION_ROW = 1
# The token before the first write ever: no version to key anything on.
INITIAL_VERSION = "initial"
NONCE_PLACEHOLDER = b"\x00csp-nonce\x00"
# Cookies that mean the reader may see something else than the public page: a session (staff),
# messages, and the replica pin of a client that just wrote (rounds.replicas).
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages", "dt_primary")
# A response header that says the page was made for this request alone.
PRIVATE_CACHE_CONTROL = ("private", "no-store", "no-cache")
VARY_ALLOWED = {"accept", "accept-language", "accept-encoding", "cookie"}


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: datetime | None


# -- the data version ---------------------------------------------------------------------


def _shared_cache() -> bool:
    return settings.PAGE_CACHE_VERSION_IN_CACHE


def stored_version(using: str = DEFAULT_DB_ALIAS) -> Version:
    """The token in the database (`using`: a replica's, to know how far it has caught up).

    Plain SQL on the primary key: the ORM would cost several times the query itself on a hit.
    """
    with connections[using].cursor() as cursor:
        cursor.execute(_VERSION_SQL, [VERSION_ROW])
        found = cursor.fetchone()
    if found is None:
        return Version(INITIAL_VERSION, None)
    token, changed_at = found
    if isinstance(changed_at, str):  # SQLite returns the text it stored
        changed_at = parse_datetime(changed_at)
    if changed_at is not None and timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, UTC)
    return Version(token, changed_at)


_VERSION_SQL = f"SELECT token, changed_at FROM {DataVersion._meta.db_table} WHERE id = %s"  # noqa: S608


def current_version(cached: Version | None = None) -> Version:
    """The token now: from the shared cache's mirror if there is one, else from the database."""
    if cached is not None:
        return cached
    version = stored_version()
    if _shared_cache():
        # add(), never set(): a writer's newer token, mirrored meanwhile, must win.
        cache.add(VERSION_KEY, version, timeout=settings.PAGE_CACHE_VERSION_SECONDS)
    return version


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """The public record may have changed: give it a new token.

    Written once per atomic block, inside it (readers see the new token with the new data, and
    a rolled-back write leaves the token as it was); mirrored to the shared cache on commit.
    """
    connection = connections[using]
    here = set(connection.savepoint_ids)
    if connection.in_atomic_block and any(
        func is _mirror and sids == here for sids, func, _robust in connection.run_on_commit
    ):
        return  # this atomic block has written its new token already
    version = Version(uuid.uuid4().hex, timezone.now())
    updated = (
        DataVersion.objects.using(using)
        .filter(pk=VERSION_ROW)
        .update(token=version.token, changed_at=version.changed_at)
    )
    if not updated:
        DataVersion.objects.using(using).update_or_create(
            pk=VERSION_ROW, defaults={"token": version.token, "changed_at": version.changed_at}
        )
    transaction.on_commit(_mirror, using=using)


def written_in_this_transaction(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Has the open transaction already moved the token? Then a later write in it does not
    move it again (bump() writes once per block): what is read now may change unseen."""
    return any(func is _mirror for _sids, func, _robust in connections[using].run_on_commit)


def _mirror() -> None:
    """Copy the token to the shared cache, until the database agrees after the copy: another
    writer's mirror, racing this one, must not be overwritten with an older token."""
    if not _shared_cache():
        return
    version = stored_version()
    for _attempt in range(5):
        cache.set(VERSION_KEY, version, timeout=settings.PAGE_CACHE_VERSION_SECONDS)
        latest = stored_version()
        if latest == version:
            return
        version = latest


def bump_on_write(sender, **_signal_kwargs) -> None:
    """Signal receiver: any save, delete or many-to-many change of a model of the rounds app."""
    # (Migrations' stand-in models write before the DataVersion table exists: not the record.)
    if is_part_of_the_record(sender):
        bump(using=_signal_kwargs.get("using") or DEFAULT_DB_ALIAS)


# -- the entries --------------------------------------------------------------------------


def is_cacheable_request(request: HttpRequest) -> bool:
    """An anonymous GET/HEAD of the public site, decided from cookies alone (no session read)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(settings.PAGE_CACHE_SKIP_PREFIXES)
        and not any(name in request.COOKIES for name in PRIVATE_COOKIES)
    )


def page_key(request: HttpRequest) -> str:
    """What the response depends on: scheme, host, path and query, language, and for the
    content-negotiated API the Accept header."""
    accept = ""
    if request.path_info.startswith(settings.PAGE_CACHE_ACCEPT_PREFIXES):
        accept = request.headers.get("Accept", "")
    parts = [request.scheme, request.get_host(), request.get_full_path(), get_language() or ""]
    raw = "\n".join([*parts, accept]).encode("utf-8", "surrogateescape")
    return f"page:{ENTRY_FORMAT}:" + hashlib.sha256(raw).hexdigest()


def _vary(response: HttpResponse) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def is_storable(request: HttpRequest, response: HttpResponse) -> bool:
    """Only a complete 200 made for anyone: no cookie set, no CSRF token, no private header."""
    session = getattr(request, "session", None)
    made_for_this_reader = (
        bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))  # a form with a CSRF token
        or (session is not None and session.modified)
        or bool(response.cookies)
    )
    return not made_for_this_reader and _is_public_response(request, response)


def _is_public_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    control = response.get("Cache-Control", "").lower()
    vary = _vary(response)
    negotiated = request.path_info.startswith(settings.PAGE_CACHE_ACCEPT_PREFIXES)
    return (
        len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        and not any(word in control for word in PRIVATE_CACHE_CONTROL)
        and vary <= VARY_ALLOWED
        and ("accept" not in vary or negotiated)
    )


def public_etag(version: Version, key: str) -> str:
    """The page's ETag: its key under the data version, known before the page is rendered."""
    return '"' + hashlib.sha256(f"{version.token}:{key}".encode()).hexdigest()[:32] + '"'


def add_public_headers(response: HttpResponse, key: str, version: Version) -> None:
    """ETag (version and key), Last-Modified (the last public change) and Cache-Control."""
    response["ETag"] = public_etag(version, key)
    if version.changed_at is not None:
        response["Last-Modified"] = http_date(version.changed_at.timestamp())
    add_cache_control(response)


def add_cache_control(response: HttpResponse) -> None:
    """Let a proxy or CDN keep a public page briefly, and serve it stale while it asks again."""
    if "Cache-Control" not in response:
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=settings.PAGE_CACHE_S_MAXAGE,
            stale_while_revalidate=settings.PAGE_CACHE_STALE_WHILE_REVALIDATE,
        )


@dataclass(frozen=True)
class Entry:
    """A stored response: its version's token, headers and body (nonce replaced).

    A body worth compressing is stored gzipped (`gzipped`): most readers accept gzip and get it
    as stored; the others get it decompressed. A hit then reads a tenth of the bytes from the
    cache (23 KB instead of 247 KB for the search page at 100k rounds)."""

    token: str
    content_type: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    has_nonce: bool
    gzipped: bool = False  # content is the gzipped body

    @classmethod
    def of(cls, request: HttpRequest, response: HttpResponse, token: str) -> Entry:
        content = response.content
        # A CSP nonce read while rendering is this request's: keep a placeholder instead.
        nonce = getattr(request, "_csp_nonce", None)
        has_nonce = isinstance(nonce, str) and nonce.encode() in content
        if has_nonce:
            content = content.replace(nonce.encode(), NONCE_PLACEHOLDER)
        headers = tuple((k, v) for k, v in response.items() if k.lower() != "content-type")
        compressed = None if has_nonce else _gzipped(content)
        if compressed is not None:
            return cls(token, response["Content-Type"], headers, compressed, False, gzipped=True)
        return cls(token, response["Content-Type"], headers, content, has_nonce)

    def response(self, request: HttpRequest) -> HttpResponse:
        content = self.content
        if self.gzipped:
            if accepts_gzip(request):
                return self._gzipped_response()
            content = gzip.decompress(content)
        if self.has_nonce:
            # Reading request.csp_nonce makes the CSP middleware put this fresh one in the header.
            content = content.replace(NONCE_PLACEHOLDER, str(request.csp_nonce).encode())
        response = HttpResponse(content, content_type=self.content_type)
        for name, value in self.headers:
            response[name] = value
        return response

    def _gzipped_response(self) -> HttpResponse:
        """The stored gzip body, marked as GZipMiddleware marks what it compresses."""
        response = HttpResponse(self.content, content_type=self.content_type)
        for name, value in self.headers:
            response[name] = value
        response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        etag = response.get("ETag", "")
        if etag.startswith('"'):  # another representation of the page: a weak validator
            response["ETag"] = "W/" + etag
        return response


# Bodies shorter than this are stored as they are (GZipMiddleware's own threshold).
GZIP_FROM_BYTES = 200
_accepts_gzip = re.compile(r"\bgzip\b")


def accepts_gzip(request: HttpRequest) -> bool:
    return bool(_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _gzipped(content: bytes) -> bytes | None:
    """The body compressed once, when that makes it shorter. A public page carries no secret
    (no CSRF token, no session: is_storable), so BREACH's padding is not needed here."""
    if len(content) < GZIP_FROM_BYTES:
        return None
    gzipped = compress_string(content)
    return gzipped if len(gzipped) < len(content) else None


def lookup(key: str) -> tuple[Version, Entry | None]:
    """The current version and the entry under `key`: one cache round trip with Redis."""
    if _shared_cache():
        found = cache.get_many([VERSION_KEY, key])
        version = current_version(found.get(VERSION_KEY))
    else:
        version, found = current_version(), {key: cache.get(key)}
    entry = found.get(key)
    return version, entry if entry is not None and entry.token == version.token else None


def store(request: HttpRequest, response: HttpResponse, key: str, version: Version) -> None:
    read_from = router.db_for_read(DataVersion)
    # Rendered from a replica: store it only if the replica has caught up with the token.
    if read_from != DEFAULT_DB_ALIAS and stored_version(read_from).token != version.token:
        return
    cache.set(key, Entry.of(request, response, version.token), settings.PAGE_CACHE_SECONDS)


class PageCacheMiddleware:
    """Serve and store whole public responses; answer 304 to a matching ETag/If-Modified-Since.

    Sits after the session, authentication and locale middleware (it needs the language);
    the CSP middleware runs outside it, so every response, cached or not, gets its own header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and "Cache-Control" not in response:
                patch_cache_control(response, private=True, no_cache=True)  # staff
            return response
        key = page_key(request)
        if settings.PAGE_CACHE:
            version, entry = lookup(key)
        elif (version := version_for_etag()) is None:
            return self.get_response(request)  # the view meets the outage and answers 503
        else:
            entry = None
        if entry is not None:
            response = entry.response(request)
        elif not_modified := revalidated(request, key, version):
            return not_modified
        else:
            response = self.get_response(request)
            if not is_storable(request, response):
                return response
            add_public_headers(response, key, version)
            if settings.PAGE_CACHE:
                store(request, response, key, version)
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=version.changed_at and int(version.changed_at.timestamp()),
            response=response,
        )


def version_for_etag() -> Version | None:
    """With the page cache off: the version of the database the page is read from, for its
    ETag alone; None if that database does not answer (the view then reports the outage)."""
    try:
        return stored_version(router.db_for_read(DataVersion))
    except DATABASE_UNAVAILABLE:
        return None


def revalidated(request: HttpRequest, key: str, version: Version) -> HttpResponse | None:
    """A 304 without rendering when the reader's If-None-Match is this page's ETag under the
    current data version (with the page cache off, or on a miss). Only the ETag is trusted
    here: it names this very page, which If-Modified-Since alone does not."""
    if "HTTP_IF_NONE_MATCH" not in request.META:
        return None
    not_modified = get_conditional_response(request, etag=public_etag(version, key))
    if not_modified is None or not_modified.status_code != 304:
        return None  # (a failed If-Match is for the view to answer, with the page)
    add_public_headers(not_modified, key, version)
    return not_modified
