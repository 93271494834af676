"""A page per person: titles held and delegations joined, round by round, published only."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from rounds.models import Person, RoundStatus
from tests.factories import (
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_round,
)
from tests.public.feed_checks import sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def gala():
    cuba = make_country(code="CU", name="Cuba")
    dialogue = make_dialogue(slug="cu-us", name="Cuba–US dialogue")
    minrex = make_ministry(country=cuba, name="Ministry of Foreign Affairs", acronym="MINREX")
    person = make_person(name="Yuri A. Gala López", country=cuba)
    rounds = [make_round(dialogue=dialogue, number=n) for n in (1, 2, 3)]
    titles = ["Director of Bilateral Affairs", "Director of Bilateral Affairs", "Deputy Minister"]
    for round_, title in zip(rounds, titles, strict=True):
        delegation = make_delegation(round=round_, country=cuba, source_urls="https://d.example/")
        make_delegate(
            delegation=delegation,
            person=person,
            role="head",
            title=title,
            ministry=minrex,
            source_urls=f"https://seat.example/{round_.number}",
        )
    draft = make_round(dialogue=dialogue, number=4, status=RoundStatus.DRAFT)
    make_delegate(
        delegation=make_delegation(round=draft, country=cuba),
        person=person,
        title="Secret draft title",
    )
    return {"person": person, "rounds": rounds, "draft": draft, "dialogue": dialogue}


def test_a_person_gets_a_slug_from_the_name_and_namesakes_get_another():
    first = make_person(name="María José Pérez")
    namesake = make_person(name="María José Pérez", country=make_country(code="US"))
    assert first.slug == "maria-jose-perez"
    assert namesake.slug == "maria-jose-perez-2"
    first.name = "María J. Pérez"
    first.save()
    first.refresh_from_db()
    assert first.slug == "maria-jose-perez"  # an address, once given, stays


def test_person_page_lists_titles_and_delegations_round_by_round_with_sources(client, gala):
    response = client.get(gala["person"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Yuri A. Gala López</h1>" in html
    assert "Director of Bilateral Affairs" in html and "Deputy Minister" in html
    for round_ in gala["rounds"]:
        assert f'href="{round_.get_absolute_url()}"' in html
        assert f"https://seat.example/{round_.number}" in html
    assert html.index("1st round") < html.index("2nd round") < html.index("3rd round")
    assert "Secret draft title" not in html
    assert gala["draft"].get_absolute_url() not in html
    assert "Record last updated" in html


def test_person_seen_only_in_a_draft_round_has_no_page(client, gala):
    hidden = make_person(name="Only In Draft")
    make_delegate(delegation=gala["draft"].delegations.get(), person=hidden)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert hidden not in Person.objects.public()
    assert "Only In Draft" not in client.get(reverse("rounds:person-list")).content.decode()
    assert hidden.get_absolute_url() not in " ".join(sitemap_locations(client))


def test_round_page_links_each_delegate_to_their_page(client, gala):
    html = client.get(gala["rounds"][0].get_absolute_url()).content.decode()
    assert f'href="{gala["person"].get_absolute_url()}"' in html


def test_people_are_listed_and_in_the_sitemap(client, gala):
    listing = client.get(reverse("rounds:person-list")).content.decode()
    assert gala["person"].get_absolute_url() in listing
    sitemap = " ".join(sitemap_locations(client))
    assert gala["person"].get_absolute_url() in sitemap
    assert reverse("rounds:person-list") in sitemap


def test_every_delegate_of_a_published_round_has_a_page(client, demo_people):
    for person in demo_people:
        assert client.get(person.get_absolute_url()).status_code == 200, person


@pytest.fixture
def demo_people(db):
    call_command("load_demo", verbosity=0)
    people = list(
        Person.objects.filter(delegate_seats__delegation__round__status="published").distinct()
    )
    assert len(people) > 10
    return people


def test_person_pages_stay_within_their_query_budget(client, django_assert_max_num_queries):
    cuba = make_country(code="CU", name="Cuba")
    dialogue = make_dialogue(slug="long")
    person = make_person(name="Long Serving", country=cuba)
    for n in range(1, 46):
        round_ = make_round(
            dialogue=dialogue,
            number=n,
            start_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=40 * n),
        )
        make_delegate(
            delegation=make_delegation(round=round_, country=cuba),
            person=person,
            title=f"Title {n % 5}",
            ministry=make_ministry(country=cuba),
        )
        make_delegate(delegation=round_.delegations.get(), person=make_person(country=cuba))
    # (Each budget includes one query for the data version, read for the ETag.)
    with django_assert_max_num_queries(6):
        response = client.get(person.get_absolute_url() + "?page=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("rounds:person-list") + "?page=1").status_code == 200
