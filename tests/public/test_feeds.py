"""Atom feeds, the iCalendar feed and the sitemap: valid, published-only, stable."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.sites.requests import RequestSite
from django.db import connection
from django.template import loader
from django.test.utils import CaptureQueriesContext

from rounds.feeds import ical_escape, ical_fold, round_period
from rounds.models import Round, RoundStatus
from rounds.sitemaps import SITEMAPS
from tests.factories import make_communique, make_dialogue, make_round, make_topic
from tests.public.feed_checks import (
    ATOM,
    entry_links,
    events,
    parse_atom,
    parse_ics,
    sitemap_locations,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    dialogue = make_dialogue(name="Cuba–United States Law Enforcement Dialogue", slug="cuba-us-led")
    topic = make_topic(name="drug trafficking", slug="drug-trafficking")
    make_round(dialogue=dialogue, number=3, start_date=datetime.date(2017, 9, 15), topics=[topic])
    make_round(
        dialogue=dialogue,
        number=4,
        start_date=datetime.date(2018, 7, 10),
        city="Washington, D.C.",
        summary="Reviewed cooperation; agreed, in principle, to meet again.\nNext: Havana.",
        topics=[topic],
    )
    make_round(
        dialogue=dialogue,
        number=5,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 1, 1),
        date_precision="month",
        topics=[topic],
        status=RoundStatus.DRAFT,
    )
    return dialogue


# --- Atom --------------------------------------------------------------------------------------


def test_all_rounds_feed_lists_published_rounds_newest_first(client, dialogue):
    make_round(start_date=datetime.date(2020, 1, 1))  # another dialogue
    root = parse_atom(client.get("/feeds/rounds/"))
    links = entry_links(root)
    assert len(links) == 3
    assert links[0].startswith("http://testserver/")
    assert links[1] == "http://testserver/dialogues/cuba-us-led/rounds/4/"
    assert links[2] == "http://testserver/dialogues/cuba-us-led/rounds/3/"
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles[1] == (
        "Cuba–United States Law Enforcement Dialogue — 4th round (Washington, D.C., 10 July 2018)"
    )
    entry = root.findall(f"{ATOM}entry")[1]
    assert entry.find(f"{ATOM}category").get("term") == "drug trafficking"
    assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
    assert root.find(f"{ATOM}author/{ATOM}name").text == "DiploTrack"


def test_dialogue_and_topic_feeds_skip_drafts(client, dialogue):
    for url in ("/feeds/dialogues/cuba-us-led/", "/feeds/topics/drug-trafficking/"):
        root = parse_atom(client.get(url))
        assert len(root.findall(f"{ATOM}entry")) == 2, url
        assert all("/rounds/5/" not in link for link in entry_links(root)), url
        alternate = [
            link.get("href")
            for link in root.findall(f"{ATOM}link")
            if link.get("rel") == "alternate"
        ]
        assert alternate and alternate[0].startswith("http://testserver/"), url


def test_unknown_feed_objects_are_404(client):
    assert client.get("/feeds/dialogues/nope/").status_code == 404
    assert client.get("/feeds/topics/nope/").status_code == 404
    assert client.get("/dialogues/nope/calendar.ics").status_code == 404


def test_dialogue_with_only_draft_rounds_has_no_feed_or_calendar(client):
    dialogue = make_dialogue(slug="draft-talks")
    make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    assert client.get("/feeds/dialogues/draft-talks/").status_code == 404
    assert client.get("/dialogues/draft-talks/calendar.ics").status_code == 404
    make_round(dialogue=dialogue)
    assert len(parse_atom(client.get("/feeds/dialogues/draft-talks/")).findall(f"{ATOM}entry")) == 1
    assert len(events(parse_ics(client.get("/dialogues/draft-talks/calendar.ics")))) == 1


def test_summaries_are_escaped_for_feed_readers_that_render_html(client):
    """Atom's <summary type="html"> is rendered by readers: staff text must stay text."""
    topic = make_topic(name="<b>cyber</b>", slug="cyber")
    dialogue = make_dialogue(slug="xss-talks")
    make_round(
        dialogue=dialogue,
        summary='Met <img src=x onerror="alert(1)"> & agreed.\nNext: <script>x()</script>',
        topics=[topic],
    )
    for url in (
        "/feeds/rounds/",
        "/feeds/dialogues/xss-talks/",
        "/feeds/topics/cyber/",
        "/feeds/search/?dialogue=xss-talks",
    ):
        summary = parse_atom(client.get(url)).find(f"{ATOM}entry/{ATOM}summary")
        assert summary.get("type") == "html", url
        html = summary.text  # the HTML a reader renders, after XML unescaping
        assert "<img" not in html and "<script" not in html and "<b>" not in html, url
        assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; agreed." in html, url
        assert "&lt;script&gt;x()&lt;/script&gt;" in html, url
        assert "Topics: &lt;b&gt;cyber&lt;/b&gt;." in html, url


def test_empty_feed_is_still_valid(client):
    root = parse_atom(client.get("/feeds/rounds/"))
    assert root.findall(f"{ATOM}entry") == []


# --- iCalendar ---------------------------------------------------------------------------------


def test_calendar_has_one_all_day_event_per_published_round(client, dialogue):
    pairs = parse_ics(client.get("/dialogues/cuba-us-led/calendar.ics"))
    found = events(pairs)
    assert len(found) == 2
    assert [e["DTSTART;VALUE=DATE"] for e in found] == ["20170915", "20180710"]
    assert [e["DTEND;VALUE=DATE"] for e in found] == ["20170916", "20180711"]
    fourth = found[1]
    assert fourth["SUMMARY"] == "Cuba–United States Law Enforcement Dialogue: 4th round"
    assert fourth["LOCATION"] == "Washington\\, D.C."
    assert fourth["DESCRIPTION"].startswith(
        "Reviewed cooperation\\; agreed\\, in principle\\, to meet again.\\nNext: Havana."
    )
    assert fourth["URL"] == "http://testserver/dialogues/cuba-us-led/rounds/4/"
    round_4 = Round.objects.get(dialogue=dialogue, number=4)
    assert fourth["UID"] == f"round-{round_4.pk}@diplotrack"
    assert fourth["DTSTAMP"].endswith("Z") and len(fourth["DTSTAMP"]) == 16


def test_the_spanish_calendar_links_to_the_spanish_round_pages(client, dialogue):
    found = events(parse_ics(client.get("/es/dialogues/cuba-us-led/calendar.ics")))
    assert found[1]["URL"] == "http://testserver/es/dialogues/cuba-us-led/rounds/4/"


def test_calendar_uid_is_stable_between_requests(client, dialogue):
    first = events(parse_ics(client.get("/dialogues/cuba-us-led/calendar.ics")))
    second = events(parse_ics(client.get("/dialogues/cuba-us-led/calendar.ics")))
    assert [e["UID"] for e in first] == [e["UID"] for e in second]


def test_ical_escape_and_fold():
    assert ical_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 100
    folded = ical_fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode()) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert "".join([pieces[0]] + [p[1:] for p in pieces[1:]]) == line
    assert ical_fold("SHORT:x") == "SHORT:x"


def fold_char_by_char(line: str) -> str:
    """RFC 5545's folding spelled out: fill each piece with whole characters up to 75 octets
    (74 after the first, which continue after a space)."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not pieces else 74):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    return "\r\n ".join([*pieces, current])


@pytest.mark.parametrize("length", [0, 74, 75, 76, 149, 150, 151, 400])
@pytest.mark.parametrize("alphabet", ["a", "é", "€", "𝄞", "aé€𝄞"])
def test_ical_fold_cuts_each_line_where_a_character_ends(length, alphabet):
    line = (alphabet * length)[:length]
    assert ical_fold(line) == fold_char_by_char(line)


def test_partial_dates_span_their_month_or_year():
    month = Round(
        start_date=datetime.date(2023, 12, 1),
        end_date=datetime.date(2023, 12, 1),
        date_precision="month",
    )
    assert round_period(month) == (datetime.date(2023, 12, 1), datetime.date(2024, 1, 1))
    year = Round(
        start_date=datetime.date(2013, 1, 1),
        end_date=datetime.date(2013, 1, 1),
        date_precision="year",
    )
    assert round_period(year) == (datetime.date(2013, 1, 1), datetime.date(2014, 1, 1))
    days = Round(
        start_date=datetime.date(2023, 1, 17),
        end_date=datetime.date(2023, 1, 18),
        date_precision="day",
    )
    assert round_period(days) == (datetime.date(2023, 1, 17), datetime.date(2023, 1, 19))


# --- sitemap -----------------------------------------------------------------------------------


def test_sitemap_lists_communique_pages_of_published_rounds_only(client, dialogue):
    published = Round.objects.get(dialogue=dialogue, number=4)
    draft = Round.objects.get(dialogue=dialogue, number=5)
    shown = make_communique(round=published, title="Shown")
    hidden = make_communique(round=draft, title="Hidden")
    urls = set(sitemap_locations(client))
    assert f"http://testserver{shown.get_absolute_url()}" in urls
    assert f"http://testserver{hidden.get_absolute_url()}" not in urls


def test_sitemap_lists_public_pages_only(client, dialogue):
    urls = set(sitemap_locations(client))
    assert "http://testserver/dialogues/cuba-us-led/rounds/4/" in urls
    assert "http://testserver/dialogues/cuba-us-led/" in urls
    assert "http://testserver/topics/drug-trafficking/" in urls
    assert "http://testserver/countries/cu/" in urls
    assert "http://testserver/" in urls
    assert "http://testserver/dialogues/cuba-us-led/rounds/5/" not in urls


def test_sitemap_pages_are_what_djangos_own_template_writes(client, dialogue, rf):
    """rounds/sitemap.xml writes its <url> elements in Python (speed): the same document."""
    make_communique(round=Round.objects.get(dialogue=dialogue, number=4), title="A & <b>")
    request, compared = rf.get("/"), set()
    for name, section in SITEMAPS.items():
        response = client.get(f"/sitemap-{name}.xml")
        urlset = section().get_urls(site=RequestSite(request), protocol="http")
        djangos = loader.render_to_string("sitemap.xml", {"urlset": urlset})
        assert ET.canonicalize(response.content.decode()) == ET.canonicalize(djangos), name
        compared |= {name} if urlset else set()
    assert {"pages", "dialogues", "rounds", "topics", "communiques"} <= compared


def test_sitemap_xml_escapes_and_writes_alternates_as_djangos_template_does(settings):
    settings.TIME_ZONE = "America/Havana"  # lastmod: the site's day, not UTC's
    urlset = [
        {
            "location": "http://x/a?b=1&c=<2>",
            "lastmod": datetime.datetime(2024, 5, 1, 2, 30, tzinfo=datetime.UTC),
            "changefreq": "weekly",
            "priority": "0.5",
            "alternates": [{"lang_code": "es", "location": 'http://x/es/a?b=1&c="2"'}],
        },
        {"location": "http://x/b", "lastmod": datetime.date(2024, 1, 2), "priority": ""},
    ]
    djangos = loader.render_to_string("sitemap.xml", {"urlset": urlset})
    ours = loader.render_to_string("rounds/sitemap.xml", {"urlset": urlset})
    assert ET.canonicalize(ours) == ET.canonicalize(djangos)
    assert "<lastmod>2024-04-30</lastmod>" in ours and "&amp;c=&lt;2&gt;" in ours


@pytest.mark.parametrize("junk", ["%EF%BF%BF", "%EF%BF%BE", "%01", "%ED%A0%80"])
def test_a_search_feed_with_characters_xml_forbids_is_still_valid_xml(client, dialogue, junk):
    """U+FFFF, U+FFFE, control characters and lone surrogates cannot appear in XML 1.0."""
    response = client.get(f"/feeds/search/?q={junk}trafficking")
    root = parse_atom(response)  # parses, or fails
    assert "trafficking" in root.find(f"{ATOM}title").text
    assert len(entry_links(root)) == 2


def test_a_search_feed_lists_newest_first_without_counting_the_matches(client, dialogue):
    """Its order is its own, so the search's default order (which may count) is not chosen."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/feeds/search/?q=trafficking")
    links = entry_links(parse_atom(response))
    assert len(links) == 2
    assert not [q for q in queries.captured_queries if "COUNT(" in q["sql"]]
    newest = Round.objects.published().order_by("-start_date").first()
    assert links[0].endswith(newest.get_absolute_url())
