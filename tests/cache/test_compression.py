"""Pages are sent gzipped to readers that accept it; the page cache gzips each page once."""

import gzip

import pytest

from rounds import cache as page_cache
from tests.factories import make_dialogue, make_round

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture
def url():
    dialogue = make_dialogue(name="Cuba–US LED", slug="cuba-us-led")
    make_round(dialogue=dialogue, number=1, city="Havana")
    return dialogue.get_absolute_url()


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


def test_a_cached_page_is_sent_gzipped_to_readers_that_accept_it(cached, client, url):
    plain = client.get(url)
    assert "Content-Encoding" not in plain and "accept-encoding" in vary(plain)
    hit = client.get(url, **GZIP)
    assert hit["Content-Encoding"] == "gzip" and "accept-encoding" in vary(hit)
    assert gzip.decompress(hit.content) == plain.content
    assert len(hit.content) < len(plain.content)
    assert hit["Content-Length"] == str(len(hit.content))
    # Another representation of the same page: the same validator, weak.
    assert hit["ETag"] == "W/" + plain["ETag"]
    assert client.get(url)["ETag"] == plain["ETag"]  # and the plain one is still sent plain
    assert "Content-Encoding" not in client.get(url)


def test_hits_send_the_body_gzipped_when_it_was_stored(cached, client, url, monkeypatch):
    client.get(url)  # stored, and gzipped once
    compressions = []
    monkeypatch.setattr(
        "django.middleware.gzip.compress_string",
        lambda *args, **kwargs: compressions.append(args) or b"",
    )
    first, second = client.get(url, **GZIP), client.get(url, **GZIP)
    assert first.content == second.content and gzip.decompress(first.content)
    assert compressions == []  # nothing compressed per request


def test_the_weak_etag_of_the_gzipped_page_gets_304(cached, client, url):
    etag = client.get(url, **GZIP)["ETag"]
    assert etag.startswith('W/"')
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert not_modified.status_code == 304 and not_modified.content == b""


def test_pages_outside_the_cache_are_gzipped_too(settings, client, admin_client, url):
    settings.PAGE_CACHE = False
    uncached = client.get(url, **GZIP)
    assert uncached["Content-Encoding"] == "gzip"
    assert b"Havana" in gzip.decompress(uncached.content)
    staff = admin_client.get("/admin/", **GZIP)
    assert staff.status_code == 200 and staff["Content-Encoding"] == "gzip"


def test_short_bodies_and_pages_with_a_nonce_are_stored_plain(cached, rf):
    short = page_cache.Entry.of(rf.get("/"), page_cache.HttpResponse(b"ok"), "t")
    assert not short.gzipped and short.content == b"ok"
    request = rf.get("/")
    request._csp_nonce = "abc123"
    body = b"<style nonce='abc123'>p{}</style>" + b"x" * 1000
    with_nonce = page_cache.Entry.of(request, page_cache.HttpResponse(body), "t")
    assert with_nonce.has_nonce and not with_nonce.gzipped
    long = page_cache.Entry.of(rf.get("/"), page_cache.HttpResponse(b"x" * 1000), "t")
    assert long.gzipped and gzip.decompress(long.content) == b"x" * 1000


def test_a_reader_without_gzip_gets_the_stored_body_decompressed(cached, rf):
    entry = page_cache.Entry.of(rf.get("/"), page_cache.HttpResponse(b"x" * 1000), "t")
    response = entry.response(rf.get("/"))
    assert response.content == b"x" * 1000 and "Content-Encoding" not in response
    assert entry.response(rf.get("/", **GZIP)).content == entry.content


def test_entries_stored_in_another_shape_are_never_read(cached, client, url, rf, token):
    """Page keys carry ENTRY_FORMAT. An entry of the first gzip commit (a plain body beside
    its gzip copy) read as today's (a gzip body) failed to decompress: a 500 on every hit."""
    request = rf.get(url)
    key = page_cache.page_key(request)
    old_key = key.replace(f"page:{page_cache.ENTRY_FORMAT}:", "page:", 1)
    assert old_key != key
    other_shape = page_cache.Entry(token(), "text/html", (), b"<!DOCTYPE html>", False, True)
    page_cache.cache.set(old_key, other_shape)
    response = client.get(url, **GZIP)
    assert response.status_code == 200 and b"Havana" in gzip.decompress(response.content)
