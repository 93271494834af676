"""The analysis pages: pictures, each side's account, communiqués, comparisons, the tracker."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rounds import charts
from rounds.analysis import timeseries
from rounds.analysis.accounts import round_accounts, rounds_for_accounts
from rounds.analysis.timeseries import Pause, dialogue_pauses, dialogue_topics_by_year
from rounds.models import CooperationRequest, Country, RequestStatus, RoundStatus
from rounds.views.base import PAGE_SIZE
from tests.factories import (
    make_agreement,
    make_communique,
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_topic,
    make_update,
)
from tests.public.pages import assert_accessible_page, text_of

pytestmark = pytest.mark.django_db


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@pytest.fixture
def sides():
    """A Cuba–US dialogue: round 3 (2017) and round 4 (2018, both sides' communiqués), round 5
    (2023, after a pause) and a draft round 6."""
    cuba = Country.objects.get_or_create(code="CU", defaults={"name": "Cuba"})[0]
    usa = Country.objects.get_or_create(code="US", defaults={"name": "United States"})[0]
    dialogue = make_dialogue(
        slug="cuba-us-led", short_name="Cuba–US LED", party_a=cuba, party_b=usa
    )
    fugitives = make_topic(name="fugitives", slug="fugitives", aliases="Interpol red notice")
    trafficking = make_topic(
        name="human trafficking", slug="human-trafficking", aliases="trata de personas"
    )
    health = make_topic(name="health incidents", slug="health-incidents", aliases="health cases")
    terrorism = make_topic(name="terrorism", slug="terrorism")
    r3 = make_round(dialogue=dialogue, number=3, start_date=day("2017-09-15"), topics=[terrorism])
    r4 = make_round(
        dialogue=dialogue,
        number=4,
        start_date=day("2018-07-10"),
        topics=[fugitives, trafficking, health, terrorism],
    )
    r5 = make_round(dialogue=dialogue, number=5, start_date=day("2023-01-18"), topics=[health])
    draft = make_round(dialogue=dialogue, number=6, status=RoundStatus.DRAFT)
    minrex = make_ministry(country=cuba, name="Ministry of Foreign Affairs", acronym="MINREX")
    state = make_ministry(country=usa, name="Department of State", acronym="DOS")
    cuban = make_communique(
        round=r4,
        issuer_country=cuba,
        issuer=minrex,
        title="Declaración del MINREX",
        language="es",
        date=day("2018-07-10"),
        url="https://example.org/minrex",
        text="La parte cubana habló de la trata de personas y de los supuestos casos.",
    )
    us_note = make_communique(
        round=r4,
        issuer_country=usa,
        issuer=state,
        title="US media note",
        url="https://example.org/state",
        text="The US raised fugitives and an Interpol Red Notice, and the health cases.",
    )
    make_communique(round=r4, issuer_country=None, title="A news agency's report", url="")
    make_statement(round=r4, country=cuba, communique=cuban, topic=terrorism, text="Cuba said X.")
    make_statement(round=r4, country=usa, communique=us_note, topic=fugitives, text="US said Y.")
    make_agreement(round=r4, communique=cuban, text="Continue the dialogue.")
    return {
        "dialogue": dialogue,
        "cuba": cuba,
        "usa": usa,
        "rounds": {3: r3, 4: r4, 5: r5, 6: draft},
        "topics": {"fugitives": fugitives, "trafficking": trafficking, "health": health},
        "cuban": cuban,
        "us_note": us_note,
        "minrex": minrex,
        "state": state,
    }


# --- pictures -------------------------------------------------------------------------------


def test_year_grid_is_an_image_with_title_desc_and_escaped_labels():
    svg = charts.year_grid(
        [charts.GridRow("<script>alert(1)</script>", {2018: 2, 2020: 1})],
        [2018, 2019, 2020],
        ids="t",
        title="Topics & years",
        desc="Counts rounds.",
    )
    assert svg.startswith(
        '<svg class="chart chart-grid" role="img" aria-labelledby="t-title t-desc"'
    )
    assert '<title id="t-title">Topics &amp; years</title>' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count('<rect class="chart-cell') == 3  # the empty year 2019 has its column too
    assert "chart-shade-5" in svg and "chart-shade-0" in svg


def test_lanes_place_points_in_proportion_to_time():
    dates = [day("2016-01-01"), day("2017-01-01"), day("2022-01-01")]
    lane = charts.Lane(
        "x", [charts.LanePoint(d, str(i), f"round {i}") for i, d in enumerate(dates)]
    )
    svg = charts.lanes([lane], ids="l", title="t", desc="d")
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg)]
    assert (xs[2] - xs[1]) == pytest.approx(5 * (xs[1] - xs[0]), rel=0.01)


def test_year_bars_give_every_year_a_slot_and_escape_their_texts():
    svg = charts.year_bars({2001: 3, 2004: 1}, ids="x", title="<b>", desc="a & b")
    assert 'role="img"' in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg
    assert svg.count('class="chart-bar"') == 2  # 2002 and 2003 are empty slots
    widths = [int(w) for w in re.findall(r'<svg[^>]* width="(\d+)"', svg)]
    assert widths == [charts.PAD * 2 + charts.BAR_SLOT * 4]
    assert "<title>2001: 3</title>" in svg and "<a " not in svg
    assert charts.year_bars({}, ids="x", title="t", desc="d") == ""


def test_shades_grow_with_the_count():
    assert [charts.shade(n, 5) for n in range(6)] == [0, 1, 2, 3, 4, 5]
    assert charts.shade(1, 1) == charts.SHADES


def test_dialogue_topics_by_year_counts_rounds_and_keeps_empty_years(sides):
    table = dialogue_topics_by_year(sides["dialogue"])
    assert table.years == list(range(2017, 2024))
    assert table.rounds_per_year == [1, 1, 0, 0, 0, 0, 1]  # the draft of round 6 is left out
    rows = {row.label: row.cells for row in table.rows}
    assert rows["terrorism"] == [1, 1, 0, 0, 0, 0, 0]
    assert rows["health incidents"] == [0, 1, 0, 0, 0, 0, 1]


def test_a_topic_names_its_busiest_dialogues_and_folds_the_rest(monkeypatch, client):
    topic = make_topic(name="cybercrime", slug="cybercrime")
    for i, rounds in enumerate([3, 1, 2]):
        dialogue = make_dialogue(slug=f"d{i}", short_name=f"Dialogue {i}")
        for number in range(1, rounds + 1):
            start = day(f"{2010 + number}-03-01")
            make_round(dialogue=dialogue, number=number, start_date=start, topics=[topic])
    monkeypatch.setattr(timeseries, "TOPIC_DIALOGUES_SHOWN", 2)
    table = timeseries.topic_rounds_by_year(topic)
    assert [(row.label, row.total, bool(row.url)) for row in table.rows] == [
        ("Dialogue 0", 3, True),
        ("Dialogue 2", 2, True),
        ("1 other dialogue", 1, False),
    ]
    assert sum(table.rounds_per_year) == 6
    assert "1 other dialogue" in text_of(client.get("/topics/cybercrime/"))


def test_a_country_charts_its_busiest_dialogues_and_pages_the_list(monkeypatch, client):
    cuba = make_country(code="CU", name="Cuba")
    for i in range(PAGE_SIZE + 1):
        dialogue = make_dialogue(slug=f"d{i}", party_a=cuba)
        for number in range(1, max(1, 3 - i) + 1):  # d0: 3 rounds, d1: 2, the others 1
            make_round(dialogue=dialogue, number=number, start_date=day(f"{2010 + number}-03-01"))
    monkeypatch.setattr(timeseries, "COUNTRY_DIALOGUES_SHOWN", 2)
    charted = timeseries.country_dialogues_over_time(cuba)
    assert sorted((entry.dialogue.slug, entry.count) for entry in charted) == [("d0", 3), ("d1", 2)]
    first = client.get("/countries/cu/")
    assert f"The 2 dialogues with the most rounds, of {PAGE_SIZE + 1}." in text_of(first)
    assert len(first.context["dialogue_page"].object_list) == PAGE_SIZE
    assert 'href="?dialogues_page=2"' in first.content.decode()
    second = client.get("/countries/cu/", {"dialogues_page": "2", "requests_page": "1"})
    assert len(second.context["dialogue_page"].object_list) == 1
    assert 'href="?dialogues_page=1&amp;requests_page=1"' in second.content.decode()


def test_a_pause_is_told_in_years_and_months():
    def pause(last: str, following: str) -> Pause:
        return Pause(4, 5, day(last), day(following))

    assert pause("2018-07-10", "2023-01-18").duration == "4 years 6 months"
    assert pause("2013-11-18", "2021-12-16").duration == "8 years"
    assert pause("2020-01-31", "2021-07-01").duration == "1 year 5 months"
    assert not pause("2020-01-31", "2021-07-01").is_long  # 17 months: the dialogue's rhythm
    assert pause("2020-01-01", "2021-07-01").is_long


def test_dialogue_pauses_name_long_waits_and_missing_numbers(sides):
    make_round(dialogue=sides["dialogue"], number=8, start_date=day("2023-06-01"))
    pauses = dialogue_pauses(sides["dialogue"])
    assert [(p.before, p.after, p.duration, list(p.unrecorded)) for p in pauses] == [
        (4, 5, "4 years 6 months", []),
        (5, 8, "4 months", [6, 7]),  # 6 is a draft: not recorded for the public
    ]


def test_dialogue_page_labels_its_pauses_and_unrecorded_rounds(client, sides):
    html = text_of(client.get("/dialogues/cuba-us-led/"))
    assert "Rounds 1–2 are not recorded." in html
    assert "4 years 6 months without a round" in html
    assert "from the 4th round (July 2018) to the 5th (January 2023)." in html
    spanish = text_of(client.get("/es/dialogues/cuba-us-led/"))
    assert "4 años 6 meses sin ninguna ronda" in spanish
    assert "de la 4.ª ronda (julio de 2018) a la 5.ª (enero de 2023)." in spanish
    assert "Las rondas 1–2 no constan." in spanish


def test_dialogue_topic_and_country_pages_draw_pictures_with_tables(client, sides):
    for url, svg_id in [
        ("/dialogues/cuba-us-led/", "topics-by-year"),
        ("/topics/health-incidents/", "topic-by-year"),
        ("/countries/cu/", "country-dialogues"),
    ]:
        response = client.get(url)
        assert_accessible_page(response)
        html = response.content.decode()
        assert f'aria-labelledby="{svg_id}-title {svg_id}-desc"' in html, url
        assert f'<desc id="{svg_id}-desc">' in html, url
        assert "<table" in html and "as a table</summary>" in html, url
    html = client.get("/topics/health-incidents/").content.decode()
    assert "2023" in html and "Cuba–US LED" in html
    # The country's picture and table count rounds per year: they grow with years, not rounds.
    html = client.get("/countries/cu/").content.decode()
    assert 'href="/rounds/?dialogue=cuba-us-led&amp;year=2017"' in html
    assert "each dot is a year with published rounds" in html


# --- communiqués and each side's account ----------------------------------------------------


def test_communique_page_shows_the_full_text_and_its_facts(client, sides):
    response = client.get(sides["cuban"].get_absolute_url())
    assert_accessible_page(response)
    text = text_of(response)
    assert "La parte cubana habló de la trata de personas" in text
    assert "MINREX" in text and "10 July 2018" in text and "Spanish" in text
    assert 'href="https://example.org/minrex"' in response.content.decode()
    assert "Compare with the other side" in text


def test_communique_page_marks_a_topic_and_refuses_an_unknown_one(client, sides):
    url = sides["cuban"].get_absolute_url()
    html = client.get(url + "?topic=human-trafficking").content.decode()
    assert '<mark id="match-1">trata de personas</mark>' in html
    assert "1 place where the text names" in text_of(client.get(url + "?topic=human-trafficking"))
    response = client.get(url + "?topic=no-such-topic")
    assert response.status_code == 400
    assert "There is no topic “no-such-topic”" in response.content.decode()
    assert client.get(url + "?topic=%00").status_code == 400


def test_communique_of_a_draft_round_is_404(client, sides):
    draft_note = make_communique(round=sides["rounds"][6], title="Draft note")
    assert client.get(draft_note.get_absolute_url()).status_code == 404
    assert client.get("/communiques/99999999/").status_code == 404


def test_each_side_account_attributes_records_and_topics(sides):
    round_ = rounds_for_accounts().get(pk=sides["rounds"][4].pk)
    accounts = round_accounts(round_)
    cuba, usa = accounts.sides
    assert cuba.country.code == "CU" and usa.country.code == "US"
    assert [c.title for c in cuba.communiques] == ["Declaración del MINREX"]
    assert [c.title for c in accounts.third_party] == ["A news agency's report"]
    assert [s.text for s in usa.statements] == ["US said Y."]
    assert [a.text for a in cuba.agreements] == ["Continue the dialogue."]
    # Cuba names trafficking ("trata de personas") and reports a statement on terrorism; the
    # US note names fugitives (also as "Interpol Red Notice") and the health cases.
    assert {m.topic.slug for m in cuba.only_here} == {"terrorism", "human-trafficking"}
    assert {m.topic.slug for m in usa.only_here} == {"fugitives", "health-incidents"}
    assert accounts.topics_in_both == [] and accounts.topics_in_neither == []
    fugitives = next(m for m in usa.topics if m.topic.slug == "fugitives")
    assert [(e.communique.title, e.phrase) for e in fugitives.evidence] == [
        ("US media note", "fugitives")
    ]
    assert accounts.both_sides_report


def test_each_side_page_highlights_what_only_one_side_names(client, sides):
    response = client.get("/dialogues/cuba-us-led/rounds/4/sides/")
    assert_accessible_page(response)
    text = text_of(response)
    assert "Only Cuba" in text and "Only United States" in text
    assert "How a record is given to a side" in text
    html = response.content.decode()
    assert f'href="{sides["us_note"].get_absolute_url()}?topic=fugitives#match-1"' in html
    assert "only United States" in text  # the badge beside the topic
    assert "United States’ account" in text


def test_each_side_page_says_when_one_side_is_missing_and_hides_drafts(client, sides):
    make_communique(round=sides["rounds"][3], issuer_country=sides["cuba"], title="Only Cuban")
    text = text_of(client.get("/dialogues/cuba-us-led/rounds/3/sides/"))
    assert "Only Cuba’s communiqués are recorded for this round" in text
    assert client.get("/dialogues/cuba-us-led/rounds/6/sides/").status_code == 404


def test_round_page_links_to_the_accounts_the_communiques_and_the_comparison(client, sides):
    html = client.get("/dialogues/cuba-us-led/rounds/4/").content.decode()
    assert 'href="/dialogues/cuba-us-led/rounds/4/sides/"' in html
    assert f'href="{sides["cuban"].get_absolute_url()}"' in html
    assert 'href="/dialogues/cuba-us-led/compare/?from=3&amp;to=4"' in html
    html = client.get("/dialogues/cuba-us-led/rounds/3/").content.decode()
    assert "/rounds/3/sides/" not in html  # one side only


# --- comparing two rounds ---------------------------------------------------------------------


@pytest.fixture
def compared(sides):
    r3, r4, r5 = (sides["rounds"][n] for n in (3, 4, 5))
    old_body = make_ministry(
        country=sides["cuba"], name="Ministry of the Interior", acronym="MININT"
    )
    before = make_delegation(round=r3, country=sides["cuba"])
    before.ministries.add(old_body, sides["minrex"])
    after = make_delegation(round=r4, country=sides["cuba"])
    after.ministries.add(sides["minrex"])
    stays, leaves, joins = (
        make_person(name="Stays"),
        make_person(name="Leaves"),
        make_person(name="Joins"),
    )
    make_delegate(delegation=before, person=stays, role="member")
    make_delegate(delegation=before, person=leaves, role="head")
    make_delegate(delegation=after, person=stays, role="head")
    make_delegate(delegation=after, person=joins, role="member")
    moved = make_request(opened_in=r3, description="Moves on", status=RequestStatus.RAISED)
    make_update(request=moved, round=r4, status=RequestStatus.PENDING)
    closed = make_request(opened_in=r3, description="Gets done")
    make_update(request=closed, round=r4, status=RequestStatus.FULFILLED)
    make_request(opened_in=r4, description="New at four")
    later = make_request(opened_in=r5, description="New at five")
    hidden = make_request(opened_in=r3, description="Closed in a draft")
    make_update(request=hidden, round=sides["rounds"][6], status=RequestStatus.FULFILLED)
    return {**sides, "later": later}


def test_compare_lists_topics_delegations_and_requests(client, compared):
    response = client.get("/dialogues/cuba-us-led/compare/?from=3&to=4")
    assert_accessible_page(response)
    text = text_of(response)
    added = text.split("Added (3)")[1].split("Dropped")[0]
    assert "fugitives" in added and "human trafficking" in added and "health incidents" in added
    assert "Dropped (0)" in text and "At both (1)" in text
    cuba = text.split("Delegations")[1].split("United States")[0]
    assert "Bodies added none" in cuba and "Bodies no longer there MININT" in cuba
    assert "Joined Joins" in cuba and "Left Leaves (head of delegation)" in cuba
    assert "Stays (member → head of delegation)" in cuba
    requests = text.split("Requests A request's status")[1]
    assert "Opened (1) New at four" in requests
    assert "Closed (1) Gets done" in requests and "Moved (1) Moves on" in requests
    assert "New at five" not in requests  # opened after the later round
    assert "Closed in a draft" in requests.split("Still open")[1]  # a draft closes nothing


def test_compare_without_parameters_compares_the_latest_two(client, compared):
    text = text_of(client.get("/dialogues/cuba-us-led/compare/"))
    assert "From the 4th round" in text and "to the 5th round" in text
    assert "Opened (1) New at five" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=x&to=4", "This dialogue has no published round x."),
        ("from=4&to=4", "Pick two different rounds."),
        ("from=5&to=3", "comes before the first (5); swap them."),
        ("from=3&to=6", "This dialogue has no published round 6."),  # a draft
        ("from=3&to=99999999999999999999", "no published round 99999999999999999999"),
        ("from=%00&to=4", "This dialogue has no published round"),
        ("from=3", "This field is required."),
    ],
)
def test_compare_bad_parameters_are_a_400_with_the_reason(client, compared, query, message):
    response = client.get(f"/dialogues/cuba-us-led/compare/?{query}")
    assert response.status_code == 400
    assert message in text_of(response)
    assert "Added (" not in text_of(response)


def test_compare_of_an_unknown_or_draft_only_dialogue_is_404(client, compared):
    assert client.get("/dialogues/nope/compare/?from=1&to=2").status_code == 404
    hidden = make_dialogue(slug="hidden")
    make_round(dialogue=hidden, status=RoundStatus.DRAFT)
    assert client.get("/dialogues/hidden/compare/").status_code == 404


# --- the request tracker ----------------------------------------------------------------------


def test_tracker_slices_by_side_status_topic_and_dialogue_with_counts(client, compared):
    fugitives = compared["topics"]["fugitives"]
    make_request(
        opened_in=compared["rounds"][4],
        raised_by=compared["cuba"],
        topic=fugitives,
        description="Cuban ask on fugitives",
    )
    text = text_of(client.get("/requests/?raised_by=cu"))
    assert "Cuban ask on fugitives" in text and "Moves on" not in text
    assert "1 request asked by Cuba" in text
    html = client.get("/requests/?raised_by=us").content.decode()
    counts = text_of(client.get("/requests/?raised_by=us")).split("Current status (number")[1]
    assert "Pending 1" in counts and "Fulfilled 1" in counts and "Raised 3" in counts
    assert 'href="?raised_by=us&amp;status=pending"' in html
    text = text_of(client.get("/requests/?status=fulfilled&dialogue=cuba-us-led"))
    assert "Gets done" in text and "Moves on" not in text
    text = text_of(client.get("/requests/?topic=fugitives"))
    assert "Cuban ask on fugitives" in text and "Gets done" not in text
    assert "Closed in a draft" not in text_of(client.get("/requests/?status=fulfilled"))


def test_tracker_menus_name_no_topic_known_only_from_a_draft(client, compared):
    secret = make_topic(name="secret matter", slug="secret-matter")
    draft = make_round(dialogue=compared["rounds"][4].dialogue, status=RoundStatus.DRAFT)
    make_request(opened_in=draft, topic=secret, description="Drafted ask")
    assert "secret matter" not in client.get("/requests/").content.decode()
    assert client.get("/requests/?topic=secret-matter").status_code == 400


@pytest.mark.parametrize(
    "query", ["raised_by=zz", "status=lost", "topic=%00", "dialogue=hidden", "state=maybe"]
)
def test_tracker_bad_filters_are_a_400_form_error(client, compared, query):
    response = client.get(f"/requests/?{query}")
    assert response.status_code == 400
    assert "Some filters are not valid" in text_of(response)


def test_request_page_draws_its_timeline_across_rounds(client, compared):
    request = CooperationRequest.objects.get(description="Moves on")
    response = client.get(request.get_absolute_url())
    assert_accessible_page(response)
    html = response.content.decode()
    assert 'aria-labelledby="request-timeline-title request-timeline-desc"' in html
    text = text_of(response)
    steps = text.split("What the round recorded Status after it")[1].split("History")[0]
    assert "3rd round 15 September 2017 Raised" in steps
    assert "4th round 10 July 2018 Pending" in steps
    assert "5th round 18 January 2023 Not mentioned Pending" in steps  # carried over
    assert "6th round" not in steps  # the draft


def test_a_request_mentioned_at_many_rounds_pages_its_timeline_and_history(
    client, django_assert_max_num_queries
):
    """A request followed across 120 rounds: its timeline shows 50 rounds a page, with the
    status carried into each page, and its history 20 updates a page, in bounded queries."""
    dialogue = make_dialogue(slug="long-running")
    rounds = [make_round(dialogue=dialogue, number=n) for n in range(1, 121)]
    request = make_request(opened_in=rounds[0], description="Followed for decades")
    for round_ in rounds[1:50]:  # rounds 2..50 say it is pending, 51..120 say nothing
        make_update(request=request, round=round_, status=RequestStatus.PENDING)
    url = request.get_absolute_url()

    with django_assert_max_num_queries(BUDGETS["request"]):
        first = client.get(url)
    assert_accessible_page(first)
    steps = text_of(first).split("What the round recorded Status after it")[1]
    assert "1st round" in steps and "50th round" in steps and "51st round" not in steps
    assert 'href="?rounds_page=2"' in first.content.decode()
    history = text_of(first).split("History, round by round")[1]
    assert history.startswith(" (50)") and "20th round" in history and "21st round" not in history
    assert 'href="?page=2"' in first.content.decode().split('id="history-title"')[1]

    second = client.get(url, {"rounds_page": 2})
    steps = text_of(second).split("What the round recorded Status after it")[1]
    assert "50th round" not in steps and "51st round" in steps and "100th round" in steps
    assert "51st round" in steps.split("Not mentioned Pending")[0]  # carried in from round 50
    assert "Rounds 51 to 100 of the 120 published since it was opened" in text_of(second)

    last = client.get(url, {"rounds_page": 99, "page": "x"})  # out of range, not a number
    assert last.status_code == 200
    steps = text_of(last).split("What the round recorded Status after it")[1]
    assert "101st round" in steps and "120th round" in steps


# --- query budgets at two data sizes ----------------------------------------------------------


def grow(sides, extra: int) -> None:
    """Add `extra` published rounds to the dialogue, each with both sides' records."""
    r4 = sides["rounds"][4]
    topics = list(sides["topics"].values())
    dialogue = sides["dialogue"]
    for n in range(extra):
        number = max(dialogue.rounds.values_list("number", flat=True), default=0) + 1
        round_ = make_round(
            dialogue=dialogue,
            number=number,
            start_date=day("2024-01-01") + datetime.timedelta(days=40 * number),
            topics=topics,
        )
        for side, body in ((sides["cuba"], sides["minrex"]), (sides["usa"], sides["state"])):
            delegation = make_delegation(round=round_, country=side)
            delegation.ministries.add(body)
            make_delegate(delegation=delegation, ministry=body)
            note = make_communique(round=r4, issuer_country=side, url="", text="fugitives " * 5)
            make_statement(round=r4, country=side, communique=note, topic=topics[n % 3])
            make_agreement(round=r4, communique=note)
            make_request(
                opened_in=round_, raised_by=side, topic=topics[n % 3], status=RequestStatus.PENDING
            )


PAGES = {
    "communique": lambda s: s["cuban"].get_absolute_url() + "?topic=human-trafficking",
    "sides": lambda s: "/dialogues/cuba-us-led/rounds/4/sides/",
    "compare": lambda s: "/dialogues/cuba-us-led/compare/?from=3&to=4",
    "compare-latest": lambda s: "/dialogues/cuba-us-led/compare/",
    "dialogue": lambda s: "/dialogues/cuba-us-led/",
    "topic": lambda s: "/topics/fugitives/",
    "country": lambda s: "/countries/cu/",
    "tracker": lambda s: "/requests/?raised_by=us&topic=fugitives",
    "request": lambda s: s["cuban_request"].get_absolute_url(),
}
# Every budget counts the page's own queries plus one: the data version, read for the ETag.
BUDGETS = {
    "communique": 7,
    "sides": 12,
    "compare": 17,
    "compare-latest": 17,
    "dialogue": 8,  # with the rounds per year (one aggregate row a year) and its pauses
    "topic": 9,
    "country": 11,
    # The unfiltered list (test_views) plus two chosen values to look up; the facets are one
    # query grouped by ids, then one query per facet for the names of the values counted.
    "tracker": 12,
    "request": 8,  # a page of rounds and one of updates (test_views.PAGE_BUDGETS says which)
}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_analysis_pages_make_as_many_queries_at_two_data_sizes(client, sides, page):
    sides["cuban_request"] = make_request(opened_in=sides["rounds"][3], raised_by=sides["cuba"])
    url = PAGES[page](sides)
    grow(sides, 2)
    small = count_queries(client, url)
    for _ in range(3):
        # Ten times more rounds, records and requests than the small site.
        extra = make_dialogue(party_a=sides["cuba"], party_b=sides["usa"])
        grow({**sides, "dialogue": extra}, 8)
    grow(sides, 18)
    large = count_queries(client, url)
    assert small <= BUDGETS[page], f"{page}: {small} queries"
    assert large == small, f"{page}: {small} queries with few rows, {large} with many"
