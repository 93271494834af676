"""English stays where it was, unprefixed; Spanish lives under /es/; machines' URLs stay put."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import make_round, make_topic

pytestmark = pytest.mark.django_db

PAGES = ["/", "/dialogues/", "/rounds/", "/topics/", "/people/", "/requests/", "/data/"]


@pytest.fixture
def round_():
    return make_round(topics=[make_topic(name="drug trafficking", name_es="narcotráfico")])


@pytest.mark.parametrize("path", PAGES)
def test_every_english_page_stays_unprefixed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b'<html lang="en">' in response.content


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_spanish_twin(client, path):
    response = client.get("/es" + path)
    assert response.status_code == 200
    assert b'<html lang="es">' in response.content


def test_record_pages_in_both_languages(client, round_):
    topic = round_.topics.get()
    paths = [
        round_.get_absolute_url(),
        round_.dialogue.get_absolute_url(),
        topic.get_absolute_url(),
    ]
    for path in paths:
        assert client.get(path).status_code == 200
    # A new reader: once a /es/ page is seen, the cookie sends unprefixed pages to /es/ too.
    spanish = Client()
    for path in paths:
        assert spanish.get("/es" + path).status_code == 200


def test_reverse_follows_the_active_language(round_):
    assert reverse("rounds:round-list") == "/rounds/"
    with translation.override("es"):
        assert reverse("rounds:round-list") == "/es/rounds/"
        assert round_.get_absolute_url().startswith("/es/dialogues/")


@pytest.mark.parametrize(
    "path", ["/healthz", "/robots.txt", "/api/v1/", "/sitemap.xml", "/feeds/rounds/"]
)
def test_machines_urls_stay_unprefixed(client, path):
    assert client.get(path).status_code == 200


def test_admin_and_api_are_not_under_es(client):
    assert client.get("/es/api/v1/").status_code == 404
    assert client.get("/es/admin/").status_code == 404


def test_an_unknown_spanish_page_is_a_spanish_404(client):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert "Página no encontrada".encode() in response.content
