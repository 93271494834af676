"""A cached page never reuses a CSP nonce: each hit gets a fresh one, in body and header."""

import re

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')


def header_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.fixture
def styled(cached, settings):
    settings.ROOT_URLCONF = "tests.cache.urls"
    return "/styled/"


def test_each_hit_gets_a_fresh_nonce_in_body_and_header(client, styled):
    first, second, third = (client.get(styled) for _ in range(3))
    assert first.content != second.content  # the nonce differs, and only it:
    assert NONCE.sub("", first.content.decode()) == NONCE.sub("", third.content.decode())
    nonces = []
    for response in (first, second, third):
        body_nonce = NONCE.search(response.content.decode()).group(1)
        assert body_nonce == header_nonce(response)
        nonces.append(body_nonce)
    assert len(set(nonces)) == 3


def test_the_stored_entry_holds_no_nonce(client, styled):
    response = client.get(styled)
    nonce = header_nonce(response)
    stored = [value for value in cache._cache.values() if b"<p>ok</p>" in value]
    assert len(stored) == 1
    assert nonce.encode() not in stored[0] and b"csp-nonce" in stored[0]


def test_a_page_without_a_nonce_gets_none_in_its_header(client, cached, db):
    client.get("/dialogues/")
    hit = client.get("/dialogues/")
    assert hit.status_code == 200
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert "nonce=" not in hit.content.decode()
