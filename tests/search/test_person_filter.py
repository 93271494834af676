"""`person=` in the round search: a slug or (part of) a name, published rounds only."""

import pytest

from rounds.models import RoundStatus
from rounds.search.filters import RoundFilter
from tests.factories import (
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_person,
    make_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seats():
    cuba = make_country(code="CU", name="Cuba")
    dialogue = make_dialogue()
    gala = make_person(name="Yuri A. Gala López", country=cuba)
    other = make_person(name="Josefina Vidal", country=cuba)
    with_gala, with_vidal, draft = (
        make_round(dialogue=dialogue, number=1),
        make_round(dialogue=dialogue, number=2),
        make_round(dialogue=dialogue, number=3, status=RoundStatus.DRAFT),
    )
    make_delegate(delegation=make_delegation(round=with_gala, country=cuba), person=gala)
    make_delegate(delegation=make_delegation(round=with_vidal, country=cuba), person=other)
    make_delegate(delegation=make_delegation(round=draft, country=cuba), person=gala)
    return {"gala": gala, "with_gala": with_gala, "with_vidal": with_vidal}


@pytest.mark.parametrize(
    "value", ["yuri-a-gala-lopez", "Yuri A. Gala López", "gala lópez", "GALA LOPEZ", "Gala"]
)
def test_person_finds_the_rounds_they_sat_in_by_slug_or_name(seats, value):
    filterset = RoundFilter({"person": value})
    assert filterset.is_valid(), filterset.errors
    assert list(filterset.qs) == [seats["with_gala"]]
    assert filterset.describe() == "with Yuri A. Gala López"


def test_unknown_person_is_a_form_error_with_a_code(seats):
    filterset = RoundFilter({"person": "Nobody Atall"})
    assert not filterset.is_valid()
    assert filterset.form.errors.as_data()["person"][0].code == "unknown_person"


def test_person_seen_only_in_a_draft_is_unknown(seats):
    hidden = make_person(name="Draft Only")
    draft = seats["gala"].delegate_seats.get(delegation__round__status="draft").delegation
    make_delegate(delegation=draft, person=hidden)
    assert not RoundFilter({"person": "Draft Only"}).is_valid()


def test_search_page_offers_the_person_field_and_says_what_it_found(client, seats):
    html = client.get("/rounds/?person=gala").content.decode()
    assert 'name="person"' in html
    assert seats["with_gala"].get_absolute_url() in html
    assert seats["with_vidal"].get_absolute_url() not in html
    bad = client.get("/rounds/?person=%00x")
    assert bad.status_code == 200 and "null character" in bad.content.decode().lower()
