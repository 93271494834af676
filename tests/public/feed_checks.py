"""Checks of Atom, iCalendar and sitemap responses, shared by the feed tests and the page walks."""

import xml.etree.ElementTree as ET

from rounds.models import Dialogue, Round, ThreatTopic

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client) -> list[str]:
    """Every address the sitemap lists: /sitemap.xml is an index of sections, each paginated,
    so a page missing from the index's sections is missing from the sitemap."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    root = ET.fromstring(index.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    sections = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert sections, "the sitemap index lists no section"
    found = []
    for section in sections:
        page = client.get(section)
        assert page.status_code == 200, section
        found += [loc.text for loc in ET.fromstring(page.content).iter(f"{SITEMAP}loc")]
    return found


def parse_atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    return root


def entry_links(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}link").get("href") for entry in root.findall(f"{ATOM}entry")]


def parse_ics(response) -> list[tuple[str, str]]:
    """Check the RFC 5545 framing, unfold the lines and return (name;params, value) pairs."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert raw.endswith(b"\r\n")
    physical = raw.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(physical), "bare LF inside a line"
    assert all(len(line) <= 75 for line in physical), "line longer than 75 octets"
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith(" "):
            logical[-1] += text[1:]
        else:
            logical.append(text)
    pairs = [tuple(line.split(":", 1)) for line in logical]
    assert pairs[0] == ("BEGIN", "VCALENDAR") and pairs[-1] == ("END", "VCALENDAR")
    names = [name for name, _ in pairs]
    assert ("VERSION", "2.0") in pairs and "PRODID" in names
    assert names.count("BEGIN") == names.count("END")
    return pairs


def events(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    found, current = [], None
    for name, value in pairs:
        if (name, value) == ("BEGIN", "VEVENT"):
            current = {}
        elif (name, value) == ("END", "VEVENT"):
            found.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return found


def assert_demo_feeds_are_valid(client) -> None:
    """Every feed and calendar of the loaded demo data parses; called by the demo test of
    tests/public/test_views.py, so the (slow) demo data is loaded once for pages and feeds."""
    for dialogue in Dialogue.objects.public():
        published = Round.objects.published().for_dialogue(dialogue).count()
        root = parse_atom(client.get(f"/feeds/dialogues/{dialogue.slug}/"))
        assert len(root.findall(f"{ATOM}entry")) == min(published, 50)
        found = events(parse_ics(client.get(f"/dialogues/{dialogue.slug}/calendar.ics")))
        assert len(found) == published
        assert len({e["UID"] for e in found}) == published
    for topic in ThreatTopic.objects.public():
        parse_atom(client.get(f"/feeds/topics/{topic.slug}/"))
    for topic in ThreatTopic.objects.exclude(pk__in=ThreatTopic.objects.public().values("pk")):
        assert client.get(f"/feeds/topics/{topic.slug}/").status_code == 404
    root = parse_atom(client.get("/feeds/rounds/"))
    assert len(root.findall(f"{ATOM}entry")) == min(Round.objects.published().count(), 50)
    cuba_us = Dialogue.objects.get(
        party_a__code="CU", party_b__code="US", name__icontains="Law Enforcement"
    )
    found = events(parse_ics(client.get(f"/dialogues/{cuba_us.slug}/calendar.ics")))
    assert "20170915" in [e["DTSTART;VALUE=DATE"] for e in found]
    assert "20180710" in [e["DTSTART;VALUE=DATE"] for e in found]
    assert f"http://testserver/dialogues/{cuba_us.slug}/rounds/4/" in sitemap_locations(client)
