"""The public pages: published data only, the chain of rounds, bounded queries."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rounds.models import (
    CooperationRequest,
    Country,
    Delegation,
    Dialogue,
    Ministry,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    ThreatTopic,
    derived,
)
from rounds.templatetags.rounds_extras import ordinal
from rounds.views.base import PAGE_SIZE
from tests.factories import (
    make_agreement,
    make_communique,
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
from tests.public.feed_checks import assert_demo_feeds_are_valid
from tests.public.pages import PageStructure, assert_accessible_page, text_of

pytestmark = pytest.mark.django_db


# --- helpers -----------------------------------------------------------------------------------


def day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(value)


@pytest.fixture
def cuba_us():
    """A Cuba–US dialogue with rounds 2–5 published (round 1 missing) and a draft round 6."""
    cuba = Country.objects.get_or_create(code="CU", defaults={"name": "Cuba"})[0]
    usa = Country.objects.get_or_create(code="US", defaults={"name": "United States"})[0]
    dialogue = make_dialogue(
        name="Cuba–United States Law Enforcement Dialogue",
        short_name="Cuba–US LED",
        slug="cuba-us-led",
        party_a=cuba,
        party_b=usa,
    )
    drugs = make_topic(name="drug trafficking", slug="drug-trafficking")
    fugitives = make_topic(name="fugitives", slug="fugitives")
    health = make_topic(name="health incidents", slug="health-incidents")
    rounds = {
        2: make_round(
            dialogue=dialogue,
            number=2,
            start_date=day("2016-05-17"),
            city="Havana",
            host_country=cuba,
            topics=[drugs],
        ),
        3: make_round(
            dialogue=dialogue,
            number=3,
            start_date=day("2017-09-15"),
            city="Washington, D.C.",
            host_country=usa,
            topics=[drugs, fugitives],
        ),
        4: make_round(
            dialogue=dialogue,
            number=4,
            start_date=day("2018-07-10"),
            city="Washington, D.C.",
            host_country=usa,
            topics=[drugs, health],
            summary="The fourth round reviewed cooperation against drug trafficking.",
        ),
        5: make_round(
            dialogue=dialogue,
            number=5,
            start_date=day("2023-01-18"),
            city="Havana",
            host_country=cuba,
            topics=[health],
        ),
        6: make_round(
            dialogue=dialogue,
            number=6,
            start_date=day("2024-02-07"),
            city="Secret City",
            status=RoundStatus.DRAFT,
            topics=[fugitives],
            summary="Draft summary, not public.",
        ),
    }
    return {
        "dialogue": dialogue,
        "rounds": rounds,
        "cuba": cuba,
        "usa": usa,
        "drugs": drugs,
        "fugitives": fugitives,
        "health": health,
    }


def round_url(round_: Round) -> str:
    return reverse("rounds:round-detail", args=[round_.dialogue.slug, round_.number])


# --- the round page --------------------------------------------------------------------------


def test_round_page_links_previous_and_next_round(client, cuba_us):
    r = cuba_us["rounds"]
    response = client.get(round_url(r[4]))
    assert_accessible_page(response)
    html = response.content.decode()
    assert f'rel="prev" href="{round_url(r[3])}"' in html
    assert f'rel="next" href="{round_url(r[5])}"' in html
    text = text_of(response)
    assert "Continuation of the 3rd round held on 15 September 2017" in text
    assert "not recorded yet" not in text


def test_round_page_says_plainly_when_rounds_in_between_are_missing(client, cuba_us):
    r = cuba_us["rounds"]
    r[3].delete()
    make_round(dialogue=cuba_us["dialogue"], number=9, start_date=day("2025-01-01"))
    text = text_of(client.get(round_url(r[4])))
    assert "Continuation of the 2nd round held on 17 May 2016" in text
    assert "Round 3 is not recorded yet." in text

    later = text_of(client.get(round_url(Round.objects.get(number=9))))
    assert "Rounds 6–8 are not recorded yet." in later  # round 6 is a draft: not recorded


def test_first_recorded_round_says_earlier_rounds_are_not_recorded(client, cuba_us):
    text = text_of(client.get(round_url(cuba_us["rounds"][2])))
    assert "Continuation" not in text
    assert "Round 1 is not recorded yet." in text
    assert "No earlier round recorded" in text


def test_round_one_mentions_no_gap(client):
    round_ = make_round(number=1)
    text = text_of(client.get(round_url(round_)))
    assert "not recorded yet" not in text
    assert "Continuation" not in text
    assert "This is the latest recorded round." in text


def test_latest_public_round_does_not_link_to_a_draft(client, cuba_us):
    response = client.get(round_url(cuba_us["rounds"][5]))
    html = response.content.decode()
    assert 'rel="next"' not in html
    assert "/rounds/6/" not in html
    assert "This is the latest recorded round." in text_of(response)


def test_round_page_shows_what_happened(client, cuba_us):
    r4 = cuba_us["rounds"][4]
    cuba, usa = cuba_us["cuba"], cuba_us["usa"]
    minint = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    dhs = make_ministry(country=usa, name="Department of Homeland Security", acronym="DHS")
    cu_delegation = make_delegation(round=r4, country=cuba)
    cu_delegation.ministries.add(minint)
    make_delegate(
        delegation=cu_delegation,
        person=make_person(name="Yuri A. Gala López", country=cuba),
        role="head",
        title="Director of Bilateral Affairs",
    )
    us_delegation = make_delegation(round=r4, country=usa, uncertain_note="Inferred.")
    us_delegation.ministries.add(dhs)
    communique = make_communique(
        round=r4,
        issuer_country=cuba,
        issuer=minint,
        title="Cuba and US hold 4th round",
        date=day("2018-07-10"),
        url="https://misiones.minrex.gob.cu/en/4th",
        language="es",
    )
    make_statement(
        round=r4,
        country=cuba,
        kind="urged",
        text="Urged the US to stop politicising it.",
        topic=cuba_us["health"],
        communique=communique,
        source_urls="https://example.org/source-a\nhttps://example.org/source-b",
    )
    make_statement(round=r4, country=usa, text="Stressed the return of fugitives.")
    make_agreement(round=r4, kind="continue", text="Continue the dialogue.")
    request = make_request(
        opened_in=cuba_us["rounds"][3],
        raised_by=usa,
        description="Return of fugitives",
        topic=cuba_us["fugitives"],
    )
    make_update(request=request, round=r4, status=RequestStatus.PENDING, note="No answer yet.")

    before = timezone.localdate()
    response = client.get(round_url(r4))
    after = timezone.localdate()
    assert_accessible_page(response)
    html, text = response.content.decode(), text_of(response)
    for expected in [
        "10 July 2018",
        "Washington, D.C.",
        "Ministry of the Interior (MININT)",
        "Yuri A. Gala López",
        "Head of delegation",
        "Department of Homeland Security (DHS)",
        "Urged: Urged the US to stop politicising it.",
        "Stressed the return of fugitives.",
        "Continue the dialogue.",
        "Return of fugitives",
        "Pending",
        "No answer yet.",
        "Cuba and US hold 4th round",
        "10 July 2018",
        "Spanish",
        "Uncertain: Inferred.",
        "The fourth round reviewed cooperation against drug trafficking.",
    ]:
        assert expected in text, expected
    assert 'href="https://misiones.minrex.gob.cu/en/4th"' in html
    assert 'href="https://example.org/source-b"' in html
    assert f'href="{cuba_us["health"].get_absolute_url()}"' in html
    assert f'href="{minint.get_absolute_url()}"' in html
    assert f'href="{request.get_absolute_url()}"' in html
    # Statements are grouped by side, the first party first.
    assert (
        text.index("What each side stated")
        < text.index("Cuba Urged")
        < text.index("United States Stated")
    )
    citation = (
        "DiploTrack, “Cuba–United States Law Enforcement Dialogue — 4th round "
        "(Washington, D.C., 10 July 2018)”, http://testserver/dialogues/cuba-us-led/rounds/4/, "
        "accessed {day} {date:%B %Y}."
    )
    # The page may have been rendered on either side of midnight.
    assert any(citation.format(day=d.day, date=d) in text for d in {before, after})


def test_round_page_shows_partial_dates_as_known(client):
    round_ = make_round(
        start_date=day("2016-07-01"), end_date=day("2016-07-01"), date_precision="month"
    )
    text = text_of(client.get(round_url(round_)))
    assert "July 2016" in text
    assert "the sources give no exact day" in text


def test_round_page_escapes_user_text(client):
    round_ = make_round(summary="<script>alert(1)</script>")
    html = client.get(round_url(round_)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_unknown_round_or_dialogue_is_404(client, cuba_us):
    assert client.get("/dialogues/cuba-us-led/rounds/99/").status_code == 404
    assert client.get("/dialogues/nope/rounds/4/").status_code == 404
    assert client.get("/dialogues/nope/").status_code == 404


# --- drafts and the staff preview ------------------------------------------------------------


def test_draft_round_is_404_for_anonymous(client, cuba_us):
    response = client.get(round_url(cuba_us["rounds"][6]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Secret City" not in response.content.decode()


def test_draft_round_is_404_for_non_staff_and_staff_without_permission(client, cuba_us):
    url = round_url(cuba_us["rounds"][6])
    client.force_login(User.objects.create_user("reader"))
    assert client.get(url).status_code == 404
    client.force_login(User.objects.create_user("intern", is_staff=True))
    assert client.get(url).status_code == 404


@pytest.fixture
def previewer():
    user = User.objects.create_user("editor", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_round"))
    return user


def test_staff_preview_shows_draft_with_banner_and_no_cache(client, cuba_us, previewer):
    client.force_login(previewer)
    response = client.get(round_url(cuba_us["rounds"][6]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Draft — not public" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "Draft summary, not public." in html
    # The preview matches the public page: it links back to the published round 5.
    assert f'rel="prev" href="{round_url(cuba_us["rounds"][5])}"' in html


def test_staff_see_published_pages_without_the_draft_banner(client, cuba_us, previewer):
    client.force_login(previewer)
    response = client.get(round_url(cuba_us["rounds"][5]))
    assert "Draft — not public" not in response.content.decode()
    assert 'name="robots"' not in response.content.decode()
    # Even for staff, the published page never links to the draft round 6.
    assert "/rounds/6/" not in response.content.decode()


@pytest.fixture
def draft_only_dialogue(cuba_us):
    """A Cuba–US dialogue whose only round is a draft, attended by a body seen nowhere else."""
    dialogue = make_dialogue(
        name="Hidden Migration Talks",
        short_name="Hidden Talks",
        slug="hidden-talks",
        party_a=cuba_us["cuba"],
        party_b=cuba_us["usa"],
    )
    draft = make_round(dialogue=dialogue, status=RoundStatus.DRAFT, city="Secret City")
    secret_body = make_ministry(
        country=cuba_us["cuba"], name="Secret Directorate", acronym="SDX", slug="secret-directorate"
    )
    make_delegation(round=draft, country=cuba_us["cuba"]).ministries.add(secret_body)
    return dialogue


def test_drafts_appear_on_no_public_page(client, cuba_us, draft_only_dialogue):
    urls = [
        "/",
        "/dialogues/",
        "/dialogues/cuba-us-led/",
        "/rounds/",
        "/topics/",
        "/topics/fugitives/",
        "/countries/cu/",
        "/countries/us/",
        "/requests/",
        "/sitemap.xml",
        "/feeds/rounds/",
        "/feeds/dialogues/cuba-us-led/",
        "/dialogues/cuba-us-led/calendar.ics",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Secret City" not in html, url
        assert "/dialogues/cuba-us-led/rounds/6/" not in html, url
        # A dialogue with only draft rounds is not public: not listed, linked or searchable.
        assert "Hidden" not in html, url
        assert "hidden-talks" not in html, url
    for url in [
        "/dialogues/hidden-talks/",
        "/dialogues/hidden-talks/rounds/1/",
        "/feeds/dialogues/hidden-talks/",
        "/dialogues/hidden-talks/calendar.ics",
    ]:
        assert client.get(url).status_code == 404, url
    # The search form lists only bodies seen at published rounds (country pages list them all).
    assert "Secret Directorate" not in client.get("/rounds/").content.decode()


def test_search_for_a_dialogue_with_only_draft_rounds_is_an_unknown_dialogue(
    client, cuba_us, draft_only_dialogue
):
    unknown = "Select a valid choice. That choice is not one of the available choices."
    html = client.get("/rounds/?dialogue=hidden-talks").content.decode()
    assert "Some search parameters are not valid" in html
    assert f"Dialogue: {unknown}" in html
    assert "Hidden" not in html
    html = client.get("/rounds/?ministry=secret-directorate").content.decode()
    assert f"Ministry or agency: {unknown}" in html
    assert "Secret Directorate" not in html
    assert client.get("/feeds/search/?dialogue=hidden-talks").status_code == 400


def test_request_status_ignores_updates_at_draft_rounds(client, cuba_us):
    request = make_request(opened_in=cuba_us["rounds"][4], description="Extradite X")
    make_update(request=request, round=cuba_us["rounds"][6], status=RequestStatus.FULFILLED)
    listed = text_of(client.get("/requests/"))
    assert "Extradite X" in listed
    # The table of requests (the tracker's filter form names every status, Fulfilled too).
    table = client.get("/requests/").content.decode().split('<table class="requests">')[1]
    assert "Fulfilled" not in table.split("</table>")[0]
    detail = client.get(request.get_absolute_url())
    assert "Raised" in text_of(detail)
    assert "6th round" not in text_of(detail)


def test_request_opened_at_a_draft_round_is_404(client, cuba_us):
    request = make_request(opened_in=cuba_us["rounds"][6])
    assert client.get(request.get_absolute_url()).status_code == 404
    assert request.description not in client.get("/requests/").content.decode()


def test_request_opened_at_a_draft_round_is_hidden_where_published_rounds_discuss_it(
    client, cuba_us
):
    r = cuba_us["rounds"]
    later = make_round(dialogue=cuba_us["dialogue"], number=7, start_date=day("2025-03-01"))
    request = make_request(
        opened_in=r[6], description="Secret extradition ask", topic=cuba_us["fugitives"]
    )
    make_update(request=request, round=later, status=RequestStatus.PENDING)
    for url in [
        round_url(later),
        "/dialogues/cuba-us-led/",
        "/topics/fugitives/",
        "/countries/cu/",
        "/countries/us/",
        "/requests/",
        "/requests/?state=open",
    ]:
        html = client.get(url).content.decode()
        assert "Secret extradition ask" not in html, url
        assert f'href="{request.get_absolute_url()}"' not in html, url
    assert "No requests recorded at this round." in text_of(client.get(round_url(later)))


def test_request_without_a_published_status_is_not_public(client, cuba_us):
    r = cuba_us["rounds"]
    no_update = CooperationRequest.objects.create(
        opened_in=r[4], raised_by=cuba_us["usa"], description="Never updated"
    )
    draft_only = CooperationRequest.objects.create(
        opened_in=r[4], raised_by=cuba_us["usa"], description="Updated at a draft only"
    )
    RequestUpdate.objects.create(request=draft_only, round=r[6], status=RequestStatus.RAISED)
    for request in (no_update, draft_only):
        assert client.get(request.get_absolute_url()).status_code == 404
    for url in [
        "/requests/",
        "/requests/?state=open",
        "/requests/?state=closed",
        "/countries/us/",
        "/dialogues/cuba-us-led/",
        "/sitemap.xml",
    ]:
        html = client.get(url).content.decode()
        assert "Never updated" not in html and "Updated at a draft only" not in html, url
        assert f"/requests/{no_update.pk}/" not in html, url
        assert f"/requests/{draft_only.pk}/" not in html, url


def test_every_public_request_is_either_open_or_closed(client, cuba_us):
    r = cuba_us["rounds"]
    statuses = [RequestStatus(value) for value in RequestStatus.reported_values()]
    for status in statuses:
        make_request(opened_in=r[3], description=f"Request {status.label}", status=status)
    all_ = text_of(client.get("/requests/")).split("What the statuses mean")[0]
    open_ = text_of(client.get("/requests/?state=open")).split("What the statuses mean")[0]
    closed = text_of(client.get("/requests/?state=closed")).split("What the statuses mean")[0]
    for status in statuses:
        description = f"Request {status.label}"
        assert description in all_
        assert (description in open_) != (description in closed), description
        assert (description in open_) == (status in RequestStatus.open_values()), description


# --- dialogue, entity and list pages ---------------------------------------------------------


def test_a_long_dialogue_page_shows_its_latest_rounds_and_links_to_the_rest(client):
    dialogue = make_dialogue(slug="long")
    topic = make_topic()
    for n in range(1, 31):
        round_ = make_round(dialogue=dialogue, number=n, topics=[topic])
        make_request(opened_in=round_, description=f"Open request {n}")
    response = client.get(dialogue.get_absolute_url())
    assert_accessible_page(response)
    html = response.content.decode()
    chain = re.search(r'<ol class="chain".*?</ol>', html, re.S).group(0)
    assert chain.count("<li ") == PAGE_SIZE and 'value="30"' in chain and 'value="10"' not in chain
    assert "The latest 20 of 30 rounds" in text_of(response)
    assert 'href="/rounds/?dialogue=long">All 30 rounds of this dialogue</a>' in html
    matrix = re.search(r'<table class="matrix">.*?</table>', html, re.S).group(0)
    assert matrix.count('<th scope="col">') == 1 + 12
    assert "(the latest 12 rounds)" in matrix
    requests = re.search(r'<table class="requests">.*?</table>', html, re.S).group(0)
    assert requests.count("<tr>") == 1 + PAGE_SIZE and "Open request 1<" in requests
    assert 'href="/requests/?dialogue=long&amp;state=open">Every open request' in html
    listed = client.get("/requests/?dialogue=long&state=open")
    assert listed.status_code == 200 and "Open request 30" in listed.content.decode()


def test_dialogue_page_has_timeline_matrix_and_open_requests(client, cuba_us):
    r = cuba_us["rounds"]
    make_request(opened_in=r[3], description="Open request", status=RequestStatus.PENDING)
    make_request(opened_in=r[3], description="Closed request", status=RequestStatus.FULFILLED)
    response = client.get("/dialogues/cuba-us-led/")
    assert_accessible_page(response)
    html = response.content.decode()
    svg = re.search(r'<svg class="chart chart-bars".*?</svg>', html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "<a " not in svg  # no links inside an image: the year list is the way in
    # A time axis: every year from 2016 to 2023, the years without a round left empty.
    assert svg.count('class="chart-bar"') == 4 and "2016" in svg and "2023" in svg
    assert "4 rounds in 4 years" in svg
    years = re.search(r'<ul class="year-list".*?</ul>', html, re.S).group(0)
    assert 'href="/rounds/?dialogue=cuba-us-led&amp;year=2017"' in years
    chain = re.search(r'<ol class="chain".*?</ol>', html, re.S).group(0)
    for number in (2, 3, 4, 5):
        assert f'href="{round_url(r[number])}"' in chain
    assert "/rounds/6/" not in html
    assert "All 4 rounds" not in html  # a short dialogue lists every round
    matrix = re.search(r'<table class="matrix">.*?</table>', html, re.S).group(0)
    assert '<th scope="row"><a href="/topics/drug-trafficking/">drug trafficking</a></th>' in matrix
    assert matrix.count('<th scope="col">') == 1 + 4  # "Topic" + four published rounds
    drug_row = re.search(r"drug trafficking</a></th>(.*?)</tr>", matrix, re.S).group(1)
    assert drug_row.count('class="hit"') == 3  # rounds 2, 3 and 4
    assert "fugitives" in matrix  # raised at round 3
    text = text_of(response)
    assert "Open request" in text and "Closed request" not in text
    assert 'type="application/atom+xml"' in html and "/feeds/dialogues/cuba-us-led/" in html
    assert "/dialogues/cuba-us-led/calendar.ics" in html


def test_dialogue_without_published_rounds_is_404(client):
    dialogue = make_dialogue()
    assert client.get(dialogue.get_absolute_url()).status_code == 404
    make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    assert client.get(dialogue.get_absolute_url()).status_code == 404
    make_round(dialogue=dialogue)
    assert client.get(dialogue.get_absolute_url()).status_code == 200


def test_topic_page_lists_rounds_newest_first_and_requests(client, cuba_us):
    r = cuba_us["rounds"]
    make_request(opened_in=r[3], topic=cuba_us["drugs"], description="Share drug intelligence")
    response = client.get("/topics/drug-trafficking/")
    assert_accessible_page(response)
    html = response.content.decode()
    positions = [html.index(f'href="{round_url(r[n])}"') for n in (4, 3, 2)]
    assert positions == sorted(positions)
    assert round_url(r[5]) not in html
    assert "Share drug intelligence" in html
    assert 'href="/feeds/topics/drug-trafficking/"' in html


def test_topic_page_counts_statements_on_the_topic(client, cuba_us):
    make_statement(round=cuba_us["rounds"][5], topic=cuba_us["drugs"])
    assert (
        round_url(cuba_us["rounds"][5]) in client.get("/topics/drug-trafficking/").content.decode()
    )


def test_topic_page_pages_its_rounds_by_its_picture_s_counts(client):
    """Listed, stated or requested about, draft or not: the rounds the page lists are the ones
    its picture counts, so the paginator takes their total from it and counts nothing."""
    topic, other = make_topic(), make_topic()
    dialogues = [make_dialogue() for _ in range(3)]
    for n in range(PAGE_SIZE + 5):
        round_ = make_round(dialogue=dialogues[n % 3], topics=[topic] if n % 4 else [other])
        if n % 4 == 0 and n % 8:
            make_statement(round=round_, topic=topic)  # touched through a statement only
    make_round(dialogue=dialogues[0], topics=[topic], status=RoundStatus.DRAFT)
    expected = Round.objects.published().touching_topic(topic).count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(topic.get_absolute_url())
    assert response.context["page_obj"].paginator.count == expected == PAGE_SIZE + 1
    assert not [
        q
        for q in queries.captured_queries
        if 'COUNT(*) AS "__count" FROM "rounds_round"' in q["sql"]
    ]
    last = client.get(topic.get_absolute_url() + "?page=2")
    assert len(last.context["rounds"]) == 1


def test_entity_pages_paginate_keeping_query_parameters(client):
    topic = make_topic()
    dialogue = make_dialogue()
    for _ in range(PAGE_SIZE + 3):
        make_round(dialogue=dialogue, topics=[topic])
    response = client.get(topic.get_absolute_url() + "?requests_page=1")
    html = response.content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?requests_page=1&amp;page=2"' in html
    page_two = client.get(topic.get_absolute_url() + "?page=2")
    assert page_two.status_code == 200
    assert len(page_two.context["rounds"]) == 3


def test_bad_page_numbers_give_404_or_last_page_never_500(client, cuba_us):
    for url in ("/requests/", "/dialogues/", "/topics/drug-trafficking/", "/countries/cu/"):
        assert client.get(url + "?page=abc").status_code == 404, url
        assert client.get(url + "?page=999").status_code == 404, url
    # The second list of a page is secondary: a bad number there shows its last page.
    assert client.get("/topics/drug-trafficking/?requests_page=abc").status_code == 200
    assert client.get("/countries/cu/?requests_page=999").status_code == 200


def test_ministry_page_lists_rounds_it_took_part_in(client, cuba_us):
    r = cuba_us["rounds"]
    minint = make_ministry(country=cuba_us["cuba"], name="Ministry of the Interior")
    make_delegation(round=r[3], country=cuba_us["cuba"]).ministries.add(minint)
    make_communique(round=r[5], issuer=minint)
    make_delegation(round=r[6], country=cuba_us["cuba"]).ministries.add(minint)  # draft
    response = client.get(minint.get_absolute_url())
    assert_accessible_page(response)
    html = response.content.decode()
    assert round_url(r[3]) in html and round_url(r[5]) in html
    assert "/rounds/6/" not in html
    assert html.index(round_url(r[5])) < html.index(round_url(r[3]))


def test_country_page_lists_rounds_dialogues_and_requests(client, cuba_us):
    make_request(opened_in=cuba_us["rounds"][4], raised_by=cuba_us["cuba"], description="Lift X")
    response = client.get("/countries/cu/")
    assert_accessible_page(response)
    text = text_of(response)
    assert "Cuba–United States Law Enforcement Dialogue" in text
    assert "Lift X" in text
    upper = client.get("/countries/CU/")
    assert upper.status_code == 301 and upper["Location"] == "/countries/cu/"
    assert client.get("/countries/zz/").status_code == 404


def test_request_list_narrows_to_open_or_closed(client, cuba_us):
    make_request(opened_in=cuba_us["rounds"][3], description="Still open")
    make_request(opened_in=cuba_us["rounds"][3], description="Done", status=RequestStatus.FULFILLED)
    open_ = text_of(client.get("/requests/?state=open"))
    closed = text_of(client.get("/requests/?state=closed"))
    assert "Still open" in open_ and "Done" not in open_
    assert "Done" in closed and "Still open" not in closed
    assert client.get("/requests/?state=maybe").status_code == 400
    page = client.get("/requests/?state=open").content.decode()
    assert '<strong aria-current="page">Open</strong>' in page


def test_request_pages_show_status_history_and_explanations(client, cuba_us):
    r = cuba_us["rounds"]
    request = make_request(opened_in=r[3], description="Return of fugitives")
    make_update(request=request, round=r[4], status=RequestStatus.CLARIFIED, note="Talked.")
    listing = client.get("/requests/")
    assert_accessible_page(listing)
    text = text_of(listing)
    assert "Return of fugitives" in text and "Clarified" in text and "at round 4" in text
    for status in RequestStatus:
        assert str(RequestStatus.explanation(status)) in text
    detail = client.get(request.get_absolute_url())
    assert_accessible_page(detail)
    text = text_of(detail)
    assert text.index("3rd round") < text.index("4th round")
    assert "First put on the table at this round." in text
    assert "Discussed and clarified; not yet settled." in text
    assert "Talked." in text
    assert "Asked of United States" in text or "Asked of Cuba" in text


def test_home_page_has_latest_rounds_dialogues_topics_and_search(client, cuba_us):
    response = client.get("/")
    assert_accessible_page(response)
    html = response.content.decode()
    assert round_url(cuba_us["rounds"][5]) in html
    assert "Cuba–United States Law Enforcement Dialogue" in html
    assert 'href="/topics/drug-trafficking/">drug trafficking <span class="count">3' in html
    assert '<form class="home-search" role="search" method="get" action="/rounds/">' in html
    assert '<label for="home-search-q">' in html and 'name="q"' in html


def test_home_page_lists_the_most_recently_active_dialogues_and_links_to_all(client):
    dialogues = [make_dialogue(name=f"Dialogue {n:02}", slug=f"d-{n:02}") for n in range(15)]
    for n, dialogue in enumerate(dialogues):
        make_round(dialogue=dialogue, start_date=datetime.date(2000 + n, 1, 1))
    response = client.get("/")
    listed = [d.pk for d in response.context["dialogues"]]
    assert listed == [d.pk for d in reversed(dialogues)][:12]
    html = response.content.decode()
    assert 'href="/dialogues/d-14/"' in html and 'href="/dialogues/d-00/"' not in html
    assert '<a href="/dialogues/">All dialogues</a>' in html


def test_empty_site_pages_say_so(client):
    assert "No rounds recorded yet." in text_of(client.get("/"))
    assert "No dialogues recorded yet." in text_of(client.get("/dialogues/"))
    assert "No cooperation requests recorded yet." in text_of(client.get("/requests/"))


def test_round_list_shows_published_rounds_only(client, cuba_us):
    """/rounds/ belongs to the search (issue 5); the home page's search box submits to it."""
    response = client.get("/rounds/")
    assert_accessible_page(response)
    assert {r.number for r in response.context["rounds"]} == {2, 3, 4, 5}


# --- operations ------------------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_healthz_is_json_not_html(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_404_page_is_friendly(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert_accessible_page_404(response)


def assert_accessible_page_404(response):
    page = PageStructure()
    page.feed(response.content.decode())
    assert page.h1 == 1
    assert "Page not found" in response.content.decode()
    assert 'href="/dialogues/"' in response.content.decode()


def test_server_error_shows_the_friendly_500_page(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("rounds.views.HomeView.get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "boom" not in response.content.decode()


def test_500_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "<h1>" in html


def test_stylesheet_is_local_and_print_friendly():
    path = Path(finders.find("css/site.css"))
    css = path.read_text(encoding="utf-8")
    assert "@media print" in css
    assert ":focus-visible" in css
    assert "http://" not in css and "https://" not in css  # no CDN
    assert finders.find("favicon.svg")


# --- query budgets: 10× more rows than one page ----------------------------------------------


@pytest.fixture
def big_site():
    """One dialogue with 10 pages of rounds, requests, topics, and a crowded round."""
    cuba = Country.objects.get_or_create(code="CU", defaults={"name": "Cuba"})[0]
    usa = Country.objects.get_or_create(code="US", defaults={"name": "United States"})[0]
    dialogue = make_dialogue(slug="big", party_a=cuba, party_b=usa)
    topics = [make_topic() for _ in range(12)]
    now = timezone.now()
    count = PAGE_SIZE * 10
    Round.objects.bulk_create(
        Round(
            dialogue=dialogue,
            number=n,
            start_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=60 * n),
            end_date=datetime.date(1990, 1, 1) + datetime.timedelta(days=60 * n),
            city="Havana",
            host_country=cuba,
            summary="Met.",
            status=RoundStatus.PUBLISHED,
            published_at=now,
        )
        for n in range(1, count + 1)
    )
    rounds = list(Round.objects.filter(dialogue=dialogue).order_by("number"))
    Through = Round.topics.through
    Through.objects.bulk_create(
        Through(round_id=r.pk, threattopic_id=topics[(r.number + k) % 12].pk)
        for r in rounds
        for k in range(3)
    )
    minint = make_ministry(country=cuba, name="MININT big")
    delegations = Delegation.objects.bulk_create(Delegation(round=r, country=cuba) for r in rounds)
    Delegation.ministries.through.objects.bulk_create(
        Delegation.ministries.through(delegation_id=d.pk, ministry_id=minint.pk)
        for d in delegations
    )
    requests = CooperationRequest.objects.bulk_create(
        CooperationRequest(
            opened_in=r, raised_by=usa, topic=topics[0], description=f"Request {r.number}"
        )
        for r in rounds
    )
    RequestUpdate.objects.bulk_create(
        RequestUpdate(request=q, round=q.opened_in, status=RequestStatus.RAISED) for q in requests
    )
    RequestUpdate.objects.bulk_create(
        RequestUpdate(request=requests[0], round=r, status=RequestStatus.PENDING)
        for r in rounds[1:]
    )
    derived.refresh_all()  # bulk_create sends no signal
    crowded = rounds[100]
    for side in (cuba, usa):
        delegation = Delegation.objects.get_or_create(round=crowded, country=side)[0]
        for i in range(PAGE_SIZE):
            body = make_ministry(country=side, name=f"Body {side.code} {i}")
            delegation.ministries.add(body)
            make_delegate(delegation=delegation, ministry=body, role="member")
        for _ in range(PAGE_SIZE):
            communique = make_communique(round=crowded, issuer_country=side, url="")
            make_statement(round=crowded, country=side, topic=topics[1], communique=communique)
            make_agreement(round=crowded, communique=communique)
    return {
        "dialogue": dialogue,
        "rounds": rounds,
        "topics": topics,
        "crowded": crowded,
        "minint": minint,
        "requests": requests,
        "cuba": cuba,
    }


# Measured counts plus one: a new query per page needs a reason (and usually a with_related()).
# /rounds/ has its own budget in tests/test_filters.py (the search page of issue 5).
# Every budget counts the page's own queries plus one: the data version, read for the ETag.
PAGE_BUDGETS = {
    "home": 7,
    "dialogue-list": 4,
    "dialogue": 8,  # with the rounds per year (one aggregate row a year) and its pauses
    "round": 13,
    "topic-list": 4,
    "topic": 9,
    "ministry": 7,
    "country": 11,  # its dialogues are a paged list: one COUNT
    # The tracker: the page, the four counts (side, status, topic, dialogue) in one (they give
    # the paginator its total), the names of the values counted, three menus.
    "request-list": 9,
    # The request: itself; a page of its dialogue's rounds (count, page) and its updates at
    # them, with the status carried into the page; a page of its history (count, page).
    "request": 8,
    "feed-rounds": 4,
    "feed-dialogue": 5,
    "feed-topic": 5,
    "calendar": 5,
    # Two queries (count, page) per section of the sitemap index: people and communiqués too.
    "sitemap": 17,
}


def test_every_page_stays_within_its_query_budget(client, big_site, django_assert_max_num_queries):
    urls = {
        "home": "/",
        "dialogue-list": "/dialogues/",
        "dialogue": big_site["dialogue"].get_absolute_url(),
        "round": round_url(big_site["crowded"]),
        "topic-list": "/topics/",
        "topic": big_site["topics"][0].get_absolute_url() + "?page=2&requests_page=2",
        "ministry": big_site["minint"].get_absolute_url(),
        "country": big_site["cuba"].get_absolute_url(),
        "request-list": "/requests/?page=2",
        "request": big_site["requests"][0].get_absolute_url(),
        "feed-rounds": "/feeds/rounds/",
        "feed-dialogue": "/feeds/dialogues/big/",
        "feed-topic": f"/feeds/topics/{big_site['topics'][0].slug}/",
        "calendar": "/dialogues/big/calendar.ics",
        "sitemap": "/sitemap.xml",
    }
    assert set(urls) == set(PAGE_BUDGETS)
    for page, url in urls.items():
        with django_assert_max_num_queries(PAGE_BUDGETS[page], info=page):
            response = client.get(url)
        assert response.status_code == 200, page
        if page == "request":
            # The history is paged: its first page of the published rounds the request saw.
            history = response.content.decode().count('<h3><a href="/dialogues/big/rounds/')
            assert history == min(PAGE_SIZE, len(big_site["rounds"]))


# --- the real demo data ----------------------------------------------------------------------


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
    return Dialogue.objects.get(
        party_a__code="CU", party_b__code="US", name__icontains="Law Enforcement"
    )


def test_every_demo_page_and_feed_answers_with_its_content(client, demo):
    """One test, as loading the demo data is the slow part."""
    round_4 = Round.objects.get(dialogue=demo, number=4)
    response = client.get(round_4.get_absolute_url())
    text = text_of(response)
    assert "Continuation of the 3rd round held on 15 September 2017" in text
    html = response.content.decode()
    assert f'rel="prev" href="/dialogues/{demo.slug}/rounds/3/"' in html
    assert f'rel="next" href="/dialogues/{demo.slug}/rounds/5/"' in html
    assert "10 July 2018" in text and "Washington, D.C." in text

    for dialogue in Dialogue.objects.public():
        response = client.get(dialogue.get_absolute_url())
        assert_accessible_page(response)
        assert dialogue.name in response.content.decode()
    for dialogue in Dialogue.objects.exclude(pk__in=Dialogue.objects.public()):
        assert client.get(dialogue.get_absolute_url()).status_code == 404
    for round_ in Round.objects.published().select_related("dialogue"):
        response = client.get(round_.get_absolute_url())
        assert_accessible_page(response)
        text = text_of(response)
        assert round_.date_label in text
        assert "DiploTrack, “" in text
    for round_ in Round.objects.drafts().select_related("dialogue"):
        assert client.get(round_.get_absolute_url()).status_code == 404
    # Reference records have a page once a published round uses them, and only then.
    for model in (ThreatTopic, Ministry, Country):
        public = model.objects.public()
        assert public.exists()
        for record in public:
            response = client.get(record.get_absolute_url())
            assert_accessible_page(response)
            assert record.name[1:] in text_of(response)
        for record in model.objects.exclude(pk__in=public.values("pk")):
            assert client.get(record.get_absolute_url()).status_code == 404
    for request in CooperationRequest.objects.public():
        response = client.get(request.get_absolute_url())
        assert_accessible_page(response)
        assert request.description in response.content.decode()
    for url in ["/", "/dialogues/", "/rounds/", "/topics/", "/requests/"]:
        assert_accessible_page(client.get(url))
    assert_demo_feeds_are_valid(client)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (101, "101st"),
        (111, "111th"),
    ],
)
def test_ordinal_suffixes(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/countries/%00/", 404),
        ("/countries/c%00u/", 404),
        ("/topics/%00/", 404),
        ("/dialogues/%00/rounds/1/", 404),
        ("/requests/99999999999999999999/", 404),
        ("/dialogues/cuba-us-led/rounds/99999999999/", 404),
        ("/topics/drug-trafficking/?page=%00&requests_page=%00", 404),
        ("/countries/cu/?requests_page=-1", 200),
        ("/requests/?page=1e9", 404),
        ("/feeds/topics/%00/", 404),
        ("/dialogues/%00/calendar.ics", 404),
    ],
)
def test_nasty_addresses_are_404_or_a_page_never_a_500(client, cuba_us, url, status):
    assert client.get(url).status_code == status


def test_topic_page_links_to_the_search_filtered_on_it(client, cuba_us):
    html = client.get("/topics/drug-trafficking/").content.decode()
    assert 'href="/rounds/?topic=drug-trafficking"' in html
    assert client.get("/rounds/?topic=drug-trafficking").status_code == 200


def test_a_request_too_large_gets_the_friendly_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post("/admin/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert "too large" in response.content.decode()


def test_a_bad_host_header_gets_a_400_not_a_500(client):
    response = client.get("/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_a_zero_padded_round_number_redirects_to_the_one_address(client):
    round_ = make_round(number=4)
    response = client.get(f"/dialogues/{round_.dialogue.slug}/rounds/04/")
    assert response.status_code == 301
    assert response["Location"] == round_.get_absolute_url()


def test_closed_requests_empty_state_says_none_are_closed(client):
    make_request()
    html = client.get("/requests/?state=closed").content.decode()
    assert "No closed requests yet" in html
    assert "No cooperation requests recorded yet" not in html


def test_main_navigation_marks_the_current_section(client):
    html = client.get("/topics/").content.decode()
    assert 'href="/topics/" aria-current="page"' in html
    assert 'href="/dialogues/" aria-current="page"' not in html


def test_a_spanish_communique_title_is_marked_as_spanish(client):
    round_ = make_round()
    make_communique(
        round=round_, title="Cuarta reunión", language="es", url="https://example.org/x"
    )
    html = client.get(round_.get_absolute_url()).content.decode()
    assert 'lang="es">Cuarta reunión</a>' in html
