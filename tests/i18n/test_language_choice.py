"""The first visit follows Accept-Language once; the reader's choice (switcher, cookie) wins."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import make_round

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-ES,es;q=0.9,en;q=0.5"}
COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_a_spanish_first_visit_is_sent_to_es_once(client):
    response = client.get("/rounds/?topic=drugs", **SPANISH)
    assert response.status_code == 302
    assert response["Location"] == "/es/rounds/?topic=drugs"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}
    landed = client.get(response["Location"], **SPANISH)
    assert landed.status_code == 200
    assert landed.cookies[COOKIE].value == "es"
    # Once: with the cookie set, the address decides (an English link stays English).
    again = client.get("/dialogues/", **SPANISH)
    assert again.status_code == 200
    assert b'<html lang="en">' in again.content


def test_english_and_unknown_languages_are_not_redirected(client):
    for header in ["en-GB,en;q=0.9", "fr-FR,fr;q=0.9", "", "en;q=0.9,es;q=0.8"]:
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 200, header
        assert "Cookie" in response["Vary"]


def test_a_chosen_english_is_remembered(client):
    response = client.get("/rounds/?lang=en&q=visas", **SPANISH)
    assert response.status_code == 302
    assert response["Location"] == "/rounds/?q=visas"
    assert response.cookies[COOKIE].value == "en"
    assert client.get("/rounds/?q=visas", **SPANISH).status_code == 200


def test_a_cookie_set_earlier_stops_the_redirect(client):
    client.cookies[COOKIE] = "en"
    assert client.get("/", **SPANISH).status_code == 200


def test_no_redirect_for_head_feeds_exports_api_or_admin(client):
    make_round()
    assert client.head("/", **SPANISH).status_code == 200
    for path in ["/feeds/rounds/", "/rounds/export.csv", "/api/v1/", "/healthz", "/robots.txt"]:
        assert client.get(path, **SPANISH).status_code == 200, path
    assert client.get("/admin/login/", **SPANISH).status_code == 200


def test_the_switcher_links_the_same_page_in_the_other_language(client):
    html = client.get("/es/rounds/?q=visas").content.decode()
    assert '<a href="/rounds/?q=visas&amp;lang=en" lang="en" hreflang="en">English</a>' in html
    assert (
        '<a href="/es/rounds/?q=visas" lang="es" hreflang="es" aria-current="true">Español</a>'
        in html
    )
    english = Client().get("/rounds/").content.decode()
    assert (
        '<a href="/rounds/?lang=en" lang="en" hreflang="en" aria-current="true">English</a>'
        in english
    )
    assert 'aria-label="Language"' in english and 'aria-label="Idioma"' in html


def test_hreflang_alternates_name_the_current_page(client):
    round_ = make_round()
    path = round_.get_absolute_url()
    for page in [path, "/es" + path]:
        html = client.get(page).content.decode()
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{path}">' in html
        assert f'<link rel="alternate" hreflang="es" href="http://testserver/es{path}">' in html
        assert f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">' in html
