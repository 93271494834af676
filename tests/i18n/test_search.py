"""Search and filters answer the same in both languages (demo data)."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?topic=drug-trafficking",
    "?topic=migration&topic=human-trafficking&match=all",
    "?country=cu",
    "?q=narcotráfico",
    "?q=extradition",
    "?dialogue=cuba-us-led&date_from=2016-01-01",
]


def result_count(html: str) -> int:
    found = re.search(r'<p class="result-summary" role="status">\s*<strong>(\d+)</strong>', html)
    assert found, "no result count on the page"
    return int(found.group(1))


@pytest.mark.usefixtures("demo_data")
class TestSameResults:
    @pytest.mark.parametrize("query", QUERIES)
    def test_same_count_in_both_languages(self, client, query):
        english = result_count(client.get("/rounds/" + query).content.decode())
        spanish = result_count(Client().get("/es/rounds/" + query).content.decode())
        assert english == spanish
        if query:
            assert english >= 1, query

    def test_exports_are_the_same_in_both_languages(self, client):
        english = client.get("/rounds/export.csv?topic=migration")
        spanish = client.get("/es/rounds/export.csv?topic=migration")
        assert english.status_code == spanish.status_code == 200
        assert not english.streaming  # a small export: sent whole, so the page cache keeps it
        assert english.content == spanish.content

    def test_spanish_facets_and_menus_use_spanish_names(self, client):
        html = client.get("/es/rounds/?topic=drug-trafficking").content.decode()
        assert "narcotráfico" in html
        assert ">Estados Unidos<" in html or "Estados Unidos</a>" in html

    def test_a_bad_parameter_is_a_spanish_form_error(self, client):
        response = client.get("/es/rounds/?date_from=nope")
        assert response.status_code == 200
        assert "Algunos parámetros de búsqueda no son válidos" in response.content.decode()
