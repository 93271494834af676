"""The filtered search of rounds: RoundFilter on its own, and the /rounds/ page that serves it."""

import csv
import datetime
import io
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rounds import selectors
from rounds.models import (
    CooperationRequest,
    Delegate,
    Delegation,
    Ministry,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
)
from rounds.search.facets import facet_counts
from rounds.search.filters import RoundFilter
from tests.factories import (
    make_communique,
    make_country,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_request,
    make_round,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_data, db):
    """The demo data, for one test."""


def run(params: dict) -> RoundFilter:
    return RoundFilter(QueryDict(urlencode(params, doseq=True)))


def ids_for(**params) -> list[int]:
    filterset = run(params)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("pk", flat=True))


def published_ids(**lookups) -> set[int]:
    return set(Round.objects.published().filter(**lookups).values_list("pk", flat=True))


def error_codes(params: dict) -> dict[str, list[str]]:
    filterset = run(params)
    assert not filterset.is_valid()
    return {field: [e.code for e in errors.as_data()] for field, errors in filterset.errors.items()}


# --- filters on the real demo data -----------------------------------------------------------


class TestOnTheDemoData:
    """Filters on the real demo data; expected sets come from the ORM, not hard-coded lists."""

    def test_topic_gives_exactly_the_rounds_whose_topics_include_it(self, demo):
        ids = ids_for(topic="cybercrime")
        assert ids, "the demo data has rounds about cybercrime"
        assert len(ids) == len(set(ids)), "a round is listed once"
        assert set(ids) == published_ids(topics__slug="cybercrime")

    def test_topics_with_match_all_give_the_intersection(self, demo):
        both = published_ids(topics__slug="terrorism") & published_ids(topics__slug="cybercrime")
        assert both, "the demo data has rounds about both"
        ids = ids_for(topic=["terrorism", "cybercrime"], match="all")
        assert sorted(ids) == sorted(both)

    def test_topics_with_match_any_give_the_union_once_each(self, demo):
        either = published_ids(topics__slug="terrorism") | published_ids(topics__slug="cybercrime")
        ids = ids_for(topic=["terrorism", "cybercrime"])
        assert sorted(ids) == sorted(either)
        assert ids_for(topic=["terrorism", "cybercrime"], match="any") == ids

    def test_country_took_part_means_party_to_the_dialogue_and_hosted_means_host(self, demo):
        took_part = published_ids(dialogue__party_a__code="CN") | published_ids(
            dialogue__party_b__code="CN"
        )
        assert took_part
        assert set(ids_for(country="CN")) == took_part
        assert set(ids_for(country="cn")) == took_part, "codes are case-insensitive"
        hosted = published_ids(host_country__code="CN")
        assert hosted and hosted < took_part
        assert set(ids_for(country="CN", country_role="hosted")) == hosted

    def test_dialogue_city_year_and_date_range_combine(self, demo):
        assert set(ids_for(dialogue="cuba-us-led")) == published_ids(dialogue__slug="cuba-us-led")
        washington = published_ids(city__iexact="Washington, D.C.")
        assert set(ids_for(city="washington, d.c.")) == washington
        assert set(ids_for(year=2018)) == published_ids(start_date__year=2018)
        since_2017 = published_ids(dialogue__slug="cuba-us-led", start_date__gte="2017-01-01")
        ids = ids_for(dialogue="cuba-us-led", date_from="2017-01-01", date_to="2030-12-31")
        assert set(ids) == since_2017 and since_2017

    def test_ministry_filter_finds_rounds_where_the_body_sat(self, demo):
        ministry = Ministry.objects.filter(delegations__round__status=RoundStatus.PUBLISHED).first()
        expected = set(
            Delegation.objects.filter(ministries=ministry).values_list("round_id", flat=True)
        ) | set(
            Delegate.objects.filter(ministry=ministry).values_list("delegation__round", flat=True)
        )
        expected &= published_ids()
        assert set(ids_for(ministry=ministry.slug)) == expected

    def test_the_analysts_question_cuba_us_since_2017_with_an_open_us_request(self, demo):
        ids = ids_for(
            topic="drug-trafficking",
            country="US",
            dialogue="cuba-us-led",
            date_from="2017-01-01",
            open_requests="yes",
            request_by="US",
        )
        for round_ in Round.objects.filter(pk__in=ids):
            assert round_.dialogue.slug == "cuba-us-led"
            assert round_.start_date >= datetime.date(2017, 1, 1)

    def test_search_page_lists_the_filtersets_results(self, client, demo):
        response = client.get("/rounds/", {"topic": ["terrorism", "cybercrime"], "match": "all"})
        assert response.status_code == 200
        assert response.templates[0].name == "rounds/round_filter.html"
        expected = published_ids(topics__slug="terrorism") & published_ids(
            topics__slug="cybercrime"
        )
        assert set(page_ids(response)) == expected
        html = response.content.decode()
        assert f"<strong>{len(expected)}</strong> published round" in html
        assert "cybercrime and terrorism" in html

    def test_demo_exports_and_feed_match_the_demo_search(self, client, demo):
        params = {"topic": ["terrorism", "cybercrime"], "match": "all"}
        response = client.get("/rounds/", params)
        assert not response.context["page_obj"].has_other_pages()
        expected = ["http://testserver" + r.get_absolute_url() for r in response.context["rounds"]]
        assert expected
        export = client.get("/rounds/export.csv", params)
        rows = list(csv.DictReader(io.StringIO(export.content.decode()[1:])))
        assert [row["url"] for row in rows] == expected
        feed = client.get("/feeds/search/", params).content.decode()
        assert all(f'href="{url}"' in feed for url in expected)


# --- filters with factories: precise semantics ----------------------------------------------


def test_drafts_never_match():
    topic = make_topic(slug="cybercrime-x")
    shown = make_round(topics=[topic])
    make_round(topics=[topic], status=RoundStatus.DRAFT)
    assert ids_for(topic="cybercrime-x") == [shown.pk]


def request_with_updates(opened_in, raised_by, updates) -> CooperationRequest:
    request = CooperationRequest.objects.create(
        opened_in=opened_in, raised_by=raised_by, description="Return of fugitives."
    )
    for round_, status in updates:
        RequestUpdate.objects.create(request=request, round=round_, status=status)
    return request


def test_open_requests_are_those_still_open_at_their_latest_published_update():
    dialogue = make_dialogue()
    r1, r2, r3 = (make_round(dialogue=dialogue) for _ in range(3))
    settled = request_with_updates(r1, dialogue.party_b, [(r1, "raised"), (r3, "fulfilled")])
    pending = request_with_updates(r2, dialogue.party_b, [(r2, "raised"), (r3, "pending")])
    # A draft round's update is not public: it does not close the request for the public.
    draft = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    RequestUpdate.objects.create(request=pending, round=draft, status=RequestStatus.FULFILLED)
    assert settled.updates.count() == 2

    assert sorted(ids_for(open_requests="yes")) == sorted([r2.pk, r3.pk])
    assert ids_for(open_requests="no") == [r1.pk]
    assert ids_for(request_status="fulfilled") == [r3.pk]
    assert sorted(ids_for(request_status="raised")) == sorted([r1.pk, r2.pk])


def test_request_by_applies_to_the_same_request_as_the_status():
    dialogue = make_dialogue()
    r1, r2 = make_round(dialogue=dialogue), make_round(dialogue=dialogue)
    request_with_updates(r1, dialogue.party_a, [(r1, RequestStatus.RAISED)])
    request_with_updates(r2, dialogue.party_b, [(r2, RequestStatus.DECLINED)])
    assert ids_for(request_by=dialogue.party_a.code) == [r1.pk]
    assert ids_for(request_by=dialogue.party_b.code, request_status="raised") == []
    assert ids_for(request_by=dialogue.party_b.code, request_status="declined") == [r2.pk]


def test_ministry_matches_delegation_bodies_without_duplicates():
    cuba = make_country(code="CU", name="Cuba")
    body = make_ministry(country=cuba, name="Ministry of the Interior")
    round_ = make_round()
    delegation = make_delegation(round=round_, country=cuba)
    delegation.ministries.add(body, make_ministry(country=cuba))
    make_round()
    assert ids_for(ministry=body.slug) == [round_.pk]


def test_sort_by_date_both_ways_and_relevance_needs_words():
    dialogue = make_dialogue()
    rounds = [make_round(dialogue=dialogue) for _ in range(3)]
    newest_first = [r.pk for r in sorted(rounds, key=lambda r: r.start_date, reverse=True)]
    assert ids_for() == newest_first
    assert ids_for(sort="-date") == newest_first
    assert ids_for(sort="date") == newest_first[::-1]
    assert ids_for(sort="relevance") == newest_first  # nothing to rank by: newest first


# --- invalid input: form errors with codes, never an exception ------------------------------


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"topic": "no-such-topic"}, "topic", "invalid_choice"),
        ({"dialogue": "nope"}, "dialogue", "invalid_choice"),
        ({"country": "ZZ"}, "country", "invalid_choice"),
        ({"ministry": "x\x00y"}, "ministry", "null_character"),
        ({"topic": "terror\x00ism"}, "topic", "null_character"),
        ({"q": "drugs\x00"}, "q", "null_characters_not_allowed"),
        ({"q": "x" * 201}, "q", "max_length"),
        ({"q": "-terrorism -drugs"}, "q", "only_exclusions"),
        ({"date_from": "2018-02-30"}, "date_from", "invalid"),
        ({"date_from": "yesterday"}, "date_from", "invalid"),
        ({"date_from": "2019-01-01", "date_to": "2018-01-01"}, "date_to", "date_range_reversed"),
        ({"year": "99999999999999999999"}, "year", "max_value"),
        ({"year": "abc"}, "year", "invalid"),
        ({"match": "most"}, "match", "invalid_choice"),
        ({"sort": "price"}, "sort", "invalid_choice"),
        ({"open_requests": "maybe"}, "open_requests", "invalid_choice"),
        ({"topic": [f"t{i}" for i in range(11)]}, "topic", "too_many_topics"),
    ],
)
def test_bad_input_is_a_form_error_with_a_code(params, field, code):
    assert code in error_codes(params)[field]


def test_dialogues_and_bodies_seen_only_at_draft_rounds_are_unknown_choices():
    dialogue = make_dialogue(slug="draft-talks")
    draft = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    body = make_ministry(country=dialogue.party_a, slug="draft-body")
    make_delegation(round=draft, country=dialogue.party_a).ministries.add(body)
    form = run({}).form
    assert list(form.fields["dialogue"].queryset) == []
    assert list(form.fields["ministry"].queryset) == []
    assert "invalid_choice" in error_codes({"dialogue": "draft-talks"})["dialogue"]
    assert "invalid_choice" in error_codes({"ministry": "draft-body"})["ministry"]
    make_delegation(round=make_round(dialogue=dialogue), country=dialogue.party_a).ministries.add(
        body
    )
    assert len(ids_for(dialogue="draft-talks", ministry="draft-body")) == 1


def test_request_conditions_ignore_requests_without_a_public_status():
    dialogue = make_dialogue()
    first = make_round(dialogue=dialogue)
    draft = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    later = make_round(dialogue=dialogue)
    # Opened at a draft round: not public, even though a published round discussed it.
    request_with_updates(draft, dialogue.party_b, [(draft, "raised"), (later, "pending")])
    assert ids_for(request_status="pending") == []
    assert ids_for(open_requests="yes") == []
    assert sorted(ids_for(open_requests="no")) == sorted([first.pk, later.pk])


def test_repeated_single_parameters_take_the_last_value():
    dialogue = make_dialogue()
    round_ = make_round(dialogue=dialogue)
    make_round()
    query = QueryDict(f"dialogue=no-such&dialogue={dialogue.slug}")
    filterset = RoundFilter(query)
    assert filterset.is_valid()
    assert list(filterset.qs) == [round_]


# --- the page -------------------------------------------------------------------------------


def page_ids(response) -> list[int]:
    return [r.pk for r in response.context["rounds"]]


def test_pagination_links_keep_the_filters(client, settings):
    topic = make_topic(slug="fugitives-x")
    dialogue = make_dialogue()
    for _ in range(30):
        make_round(dialogue=dialogue, topics=[topic])
    response = client.get("/rounds/", {"topic": "fugitives-x", "sort": "date"})
    per_page = response.context["paginator"].per_page
    assert response.context["paginator"].count == 30 > per_page
    next_link = re.search(r'rel="next" href="([^"]+)"', response.content.decode()).group(1)
    query = parse_qs(urlsplit(next_link.replace("&amp;", "&")).query)
    assert query == {"topic": ["fugitives-x"], "sort": ["date"], "page": ["2"]}
    second = client.get("/rounds/" + next_link.replace("&amp;", "&"))
    first_ids, second_ids = page_ids(response), page_ids(second)
    assert not set(first_ids) & set(second_ids)
    assert first_ids + second_ids == ids_for(topic="fugitives-x", sort="date")[: 2 * per_page]


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999999", "1e9", "99999999999999999999999"])
def test_pages_that_do_not_exist_are_404_like_every_list_of_the_site(client, page):
    make_round()
    assert client.get("/rounds/", {"topic": "", "page": page}).status_code == 404
    assert client.get("/rounds/", {"page": "last"}).status_code == 200


def test_facets_count_the_current_result_set_and_toggle_filters(client):
    terrorism, cyber = make_topic(slug="terrorism-x"), make_topic(slug="cyber-x")
    cuba_us = make_dialogue(slug="cu-us")
    other = make_dialogue(slug="other", party_a=make_country(code="CN", name="China"))
    make_round(dialogue=cuba_us, topics=[terrorism, cyber])
    make_round(dialogue=cuba_us, topics=[terrorism])
    make_round(dialogue=other, topics=[cyber])
    make_round(dialogue=other, topics=[])
    response = client.get("/rounds/", {"topic": "terrorism-x"})
    facets = response.context["facets"]
    topics = {item.label: (item.count, item.active, item.value) for item in facets["topics"]}
    assert topics[terrorism.name] == (2, True, [])
    assert topics[cyber.name] == (1, False, ["terrorism-x", "cyber-x"])
    assert [(d.label, d.count) for d in facets["dialogues"]] == [(cuba_us.name, 2)]
    countries = {c.label: c.count for c in facets["countries"]}
    assert countries == {"Cuba": 2, "United States": 2}
    html = response.content.decode()
    assert 'href="?topic=terrorism-x&amp;topic=cyber-x"' in html
    assert 'href="?topic=terrorism-x&amp;dialogue=cu-us"' in html


@pytest.mark.parametrize("by_id", [True, False], ids=["names-by-id", "every-name-read"])
def test_facets_are_the_same_whether_names_are_read_by_id_or_all_at_once(
    client, monkeypatch, by_id
):
    """Above IN_LIST_UP_TO counted values, every record's name is read and the others left."""
    monkeypatch.setattr(selectors, "IN_LIST_UP_TO", 100 if by_id else 0)
    cyber = make_topic(slug="cyber-x")
    dialogues = [make_dialogue(slug=f"d-{n}") for n in range(3)]
    for n, dialogue in enumerate(dialogues):
        for _ in range(n + 1):
            make_round(dialogue=dialogue, topics=[cyber] if n else [])
    make_dialogue(slug="not-counted")
    shown = client.get("/rounds/", {"topic": "cyber-x"}).context["facets"]
    assert [(d.value, d.count) for d in shown["dialogues"]] == [("d-2", 3), ("d-1", 2)]
    for dialogue in dialogues:
        make_request(opened_in=Round.objects.filter(dialogue=dialogue).first())
    counts = client.get("/requests/").context["counts"]
    assert sorted((c.value, c.count) for c in counts["dialogue"]) == [
        ("d-0", 1),
        ("d-1", 1),
        ("d-2", 1),
    ]


def test_the_tracker_pages_by_its_counts_without_counting_again(client):
    dialogue = make_dialogue(slug="cu-us")
    rounds = [make_round(dialogue=dialogue) for _ in range(3)]
    for n in range(45):
        make_request(
            opened_in=rounds[n % 3], raised_by=dialogue.party_a if n % 5 else dialogue.party_b
        )
    make_request(opened_in=make_round(dialogue=dialogue, status=RoundStatus.DRAFT))
    for params, expected in [({}, 45), ({"raised_by": "CU"}, 36)]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/requests/", params)
        paginator = response.context["page_obj"].paginator
        assert paginator.count == expected and paginator.num_pages == -(-expected // 20)
        assert not [q for q in queries.captured_queries if "COUNT(*)" in q["sql"]]
    last = client.get("/requests/", {"page": 3})
    assert len(last.context["requests"]) == 5


@pytest.mark.parametrize("params", [{}, {"sort": "date", "match": "all", "country_role": "hosted"}])
def test_a_search_that_narrows_nothing_reads_the_stored_counts_with_the_same_facets(client, params):
    terrorism, cyber = make_topic(slug="terrorism-x"), make_topic(slug="cyber-x")
    cuba_us = make_dialogue(slug="cu-us")
    other = make_dialogue(slug="other", party_a=make_country(code="CN", name="China"))
    make_round(dialogue=cuba_us, topics=[terrorism, cyber])
    make_round(dialogue=other, topics=[cyber])
    make_round(dialogue=other, topics=[terrorism], status=RoundStatus.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        facets = client.get("/rounds/", params).context["facets"]
    assert not any(
        "rounds_round_topics" in q["sql"] and "COUNT" in q["sql"] for q in queries.captured_queries
    )  # no count over every round
    counted = facet_counts(Round.objects.published())
    assert [(d.label, d.count) for d in facets["dialogues"]] == [
        (d.label, d.count) for d in counted.dialogues
    ]
    assert {(d.label, d.count) for d in facets["dialogues"]} == {(other.name, 1), (cuba_us.name, 1)}
    assert (
        [(t.label, t.count) for t in facets["topics"]]
        == [(t.label, t.count) for t in counted.topics]
        == [(cyber.name, 2), (terrorism.name, 1)]
    )
    assert [(c.label, c.count) for c in facets["countries"]] == [
        (c.label, c.count) for c in counted.countries
    ]


def test_empty_result_suggests_what_to_relax(client):
    make_round(topics=[make_topic(slug="a-x")])
    make_round(topics=[make_topic(slug="b-x")])
    response = client.get(
        "/rounds/", {"topic": ["a-x", "b-x"], "match": "all", "date_from": "2000-01-01"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "No published round matches this search." in html
    assert "match any of the topics instead of all of them" in html
    assert "widen or remove the date range" in html


def test_invalid_input_shows_form_errors_and_no_results(client):
    make_round()
    response = client.get(
        "/rounds/", {"topic": "nope", "date_from": "2019-01-01", "date_to": "2018-01-01"}
    )
    assert response.status_code == 200
    assert not list(response.context["rounds"])
    html = response.content.decode()
    assert "Some search parameters are not valid" in html
    assert "Select a valid choice. nope is not one of the available choices." in html
    assert "swap them" in html


def test_search_page_output_is_escaped(client):
    make_round(summary="<script>alert(1)</script> drugs")
    response = client.get("/rounds/", {"q": "<b>drugs</b>", "city": "<i>x</i>"})
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<i>x</i>" not in html and "<b>drugs</b>" not in html


def make_many_rounds(count: int, topics: list) -> None:
    dialogue = make_dialogue()
    rounds = Round.objects.bulk_create(
        Round(
            dialogue=dialogue,
            number=n,
            start_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=40 * n),
            end_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=40 * n),
            summary="Talks on drugs and cybercrime.",
            status=RoundStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for n in range(1, count + 1)
    )
    Through = Round.topics.through
    Through.objects.bulk_create(
        Through(round_id=r.pk, threattopic_id=t.pk) for r in rounds for t in topics
    )


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/rounds/", params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"topic": ["q-0", "q-1"], "match": "all", "country": "CU", "date_from": "2000-01-01"},
        {"q": "drugs", "date_from": "2000-01-01", "open_requests": "no"},
    ],
    ids=["plain", "filters", "full-text"],
)
def test_query_budget_does_not_depend_on_result_size(client, params):
    topics = [make_topic(slug=f"q-{i}") for i in range(8)]
    make_many_rounds(2, topics)
    few = count_queries(client, params)
    make_many_rounds(75, topics)  # three pages and more, each round with eight topics
    many = count_queries(client, params)
    assert many == few
    # With words on PostgreSQL, three more: the snippets' query, and the facets' planner
    # setting set and put back (PostgresSearch.counting_matches).
    words_on_postgresql = "q" in params and connection.vendor == "postgresql"
    assert many <= 16 + (3 if words_on_postgresql else 0)


def test_a_ministry_that_only_issued_a_communique_is_found_by_the_filter_and_its_page(client):
    """The ministry list, the ministry's page and the ministry filter agree on its rounds."""

    round_ = make_round()
    minrex = make_ministry(country=round_.dialogue.party_a, name="Foreign Ministry")
    make_communique(round=round_, issuer_country=minrex.country, issuer=minrex)
    make_round(dialogue=round_.dialogue)  # another round, without the ministry

    assert minrex in Ministry.objects.in_published_rounds()
    assert ids_for(ministry=minrex.slug) == [round_.pk]
    page = client.get(reverse("rounds:ministry-detail", args=[minrex.slug]))
    assert [r.pk for r in page.context["rounds"]] == [round_.pk]
