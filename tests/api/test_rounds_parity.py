"""The API's round list is the search page's: same parameters, same rounds, same order."""

import datetime

import pytest

from rounds.models import ThreatTopic
from tests.factories import (
    make_communique,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_person,
    make_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def many(demo_data, django_db_blocker):
    """The demo data plus a dialogue of 45 rounds, enough for several pages of every search.

    Built once for the class, inside demo_data's transaction (rolled back after the class).
    """
    with django_db_blocker.unblock():
        build_many()


def build_many():
    cyber, terror = (
        ThreatTopic.objects.get(slug="cybercrime"),
        ThreatTopic.objects.get(slug="terrorism"),
    )
    dialogue = make_dialogue(slug="many", name="Many rounds dialogue")
    person = make_person(name="Ana Parity Example")
    for n in range(1, 46):
        round_ = make_round(
            dialogue=dialogue,
            number=n,
            # Several rounds share a date, so the tie-breaks of the order matter too.
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=90 * (n // 3)),
            topics=[cyber, terror] if n % 2 else [cyber],
            summary="Extradition and cybercrime cooperation" if n % 3 else "Other talks",
        )
        if n % 4 == 0:
            make_delegate(delegation=make_delegation(round=round_), person=person)
        if n % 5 == 0:
            make_communique(round=round_, title="Extradition treaty", text="extradition talks")


def html_ids(client, query: str) -> list[int]:
    ids, page = [], 1
    while True:
        response = client.get(f"/rounds/?{query}&page={page}")
        assert response.status_code == 200
        ids += [round_.pk for round_, _snippet in response.context["results"]]
        if not response.context["page_obj"].has_next():
            return ids
        page += 1


def api_ids(client, query: str, page_size: int | None = None) -> list[int]:
    ids = []
    url = f"/api/v1/rounds/?{query}" + (f"&page_size={page_size}" if page_size else "")
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        data = response.json()
        ids += [item["id"] for item in data["results"]]
        url = data["next"]
    return ids


QUERIES = [
    "topic=cybercrime&topic=terrorism&match=all",
    "topic=cybercrime&topic=terrorism",
    "topic=cybercrime&sort=date",
    "country=cu&country_role=hosted",
    "dialogue=many&year=2003",
    "person=ana-parity-example",
    "q=extradition",
    "q=extradition&topic=terrorism&match=all&sort=-date",
    "q=cybercrime+-terrorism",
    "open_requests=yes",
    "sort=date",
]


@pytest.mark.usefixtures("many")
class TestSameAsTheSearchPage:
    @pytest.mark.parametrize("query", QUERIES)
    def test_api_round_list_gives_the_search_pages_rounds_in_its_order(self, client, many, query):
        expected = html_ids(client, query)
        assert expected, f"the fixture should give {query} some results"
        assert api_ids(client, query) == expected
        assert api_ids(client, query, page_size=7) == expected

    def test_the_issue_example_matches_on_this_database(self, client, many):
        query = "topic=cybercrime&topic=terrorism&match=all"
        expected = html_ids(client, query)
        assert len(expected) > 20  # more than one page, on SQLite and on PostgreSQL alike
        assert api_ids(client, query) == expected

    def test_a_page_number_from_the_browser_gives_the_same_page(self, client, many):
        query = "topic=cybercrime&page=2"
        html = [r.pk for r, _ in client.get(f"/rounds/?{query}").context["results"]]
        api = [item["id"] for item in client.get(f"/api/v1/rounds/?{query}").json()["results"]]
        assert api == html and len(api) == 20

    def test_no_parameters_lists_every_published_round_as_the_page_does(self, client, many):
        assert api_ids(client, "") == html_ids(client, "")

    @pytest.mark.parametrize(
        "query, field",
        [
            ("topic=no-such-topic", "topic"),
            ("date_from=2020-13-45", "date_from"),
            ("date_from=2020-01-02&date_to=2019-01-01", "date_to"),
            ("person=nobody+at+all", "person"),
            ("q=%00", "q"),
            ("year=99999", "year"),
        ],
    )
    def test_invalid_search_parameters_are_a_400_naming_the_field(self, client, many, query, field):
        response = client.get(f"/api/v1/rounds/?{query}")
        assert response.status_code == 400
        assert field in response.json()
