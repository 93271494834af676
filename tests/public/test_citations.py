"""Machine-readable citations: BibTeX, RIS, CSL-JSON, Highwire tags and Event JSON-LD."""

import datetime
import json
import re
from html import unescape

import pytest

from rounds.citations import as_bibtex, bibtex_escape, round_citation
from rounds.models import RoundStatus
from rounds.services import round_touch
from tests.factories import make_country, make_dialogue, make_round, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_():
    cuba = make_country(code="CU", name="Cuba")
    usa = make_country(code="US", name="United States")
    dialogue = make_dialogue(
        slug="cuba-us-led",
        name="Cuba–United States Law Enforcement Dialogue",
        party_a=cuba,
        party_b=usa,
    )
    return make_round(
        dialogue=dialogue,
        number=4,
        start_date=datetime.date(2018, 7, 10),
        city="Washington, D.C.",
        host_country=usa,
        summary='Talks on {fugitives} & 100% of "cases" </script><b>x</b>',
        topics=[make_topic(name="terrorism", slug="terrorism")],
    )


def cite_url(round_, fmt):
    return f"{round_.get_absolute_url()}cite.{fmt}"


def test_bibtex_download_is_a_misc_entry_with_title_url_and_dates(client, round_):
    response = client.get(cite_url(round_, "bib"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("@misc{diplotrack-cuba-us-led-4,")
    assert "title = {{Cuba–United States Law Enforcement Dialogue — 4th round" in text
    assert f"url = {{http://testserver{round_.get_absolute_url()}}}" in text
    assert text.count("{") == text.count("}")


def test_bibtex_escapes_what_latex_would_read_as_commands():
    assert bibtex_escape("R&D {x} 100% $5 #1 a_b") == r"R\&D \{x\} 100\% \$5 \#1 a\_b"


def test_ris_download_has_one_record_with_the_standard_tags(client, round_):
    response = client.get(cite_url(round_, "ris"))
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert "ER  - " in lines
    tags = dict(line.split("  - ", 1) for line in lines if "  - " in line)
    assert tags["TI"].startswith("Cuba–United States Law Enforcement Dialogue — 4th round")
    assert tags["UR"] == f"http://testserver{round_.get_absolute_url()}"
    assert tags["KW"] == "terrorism"


def test_csl_json_download_is_a_list_with_one_webpage_item(client, round_):
    response = client.get(cite_url(round_, "json"))
    assert response["Content-Type"] == "application/vnd.citationstyles.csl+json"
    (item,) = json.loads(response.content)
    assert item["type"] == "webpage"
    assert item["event-date"] == {"date-parts": [[2018, 7, 10]]}
    assert item["URL"] == f"http://testserver{round_.get_absolute_url()}"
    assert item["issued"]["date-parts"][0][0] == round_.updated_at.year


def test_every_format_starts_from_the_same_citation(client, round_):
    citation = round_citation(round_, url="http://testserver" + round_.get_absolute_url())
    page = unescape(client.get(round_.get_absolute_url()).content.decode())
    assert citation.title in page  # the plain-text line
    assert citation.title in client.get(cite_url(round_, "ris")).content.decode()
    assert bibtex_escape(citation.title) in as_bibtex(citation)


def test_draft_round_and_unknown_format_have_no_citation(client, round_):
    assert client.get(cite_url(round_, "xml")).status_code == 404
    draft = make_round(dialogue=round_.dialogue, number=5, status=RoundStatus.DRAFT)
    for fmt in ("bib", "ris", "json"):
        assert client.get(cite_url(draft, fmt)).status_code == 404


def meta_tags(html: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="([^"]+)" content="([^"]*)">', html):
        tags.setdefault(name, []).append(unescape(content))
    return tags


def test_round_page_carries_highwire_tags_that_zotero_reads(client, round_):
    html = client.get(round_.get_absolute_url()).content.decode()
    tags = meta_tags(html)
    assert tags["citation_title"] == [
        "Cuba–United States Law Enforcement Dialogue — 4th round (Washington, D.C., 10 July 2018)"
    ]
    assert tags["citation_publication_date"] == [round_.updated_at.strftime("%Y/%m/%d")]
    assert tags["citation_public_url"] == [f"http://testserver{round_.get_absolute_url()}"]
    assert tags["citation_keywords"] == ["terrorism"]
    assert tags["DC.title"] == tags["citation_title"]


def test_round_page_has_schema_org_event_json_ld_escaped_for_a_script(client, round_):
    html = client.get(round_.get_absolute_url()).content.decode()
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "</script>" not in raw and "<b>" not in raw  # the summary cannot close the element
    event = json.loads(raw)
    assert event["@type"] == "Event"
    assert event["startDate"] == "2018-07-10"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Washington, D.C.",
        "addressCountry": "US",
    }
    assert event["superEvent"]["name"] == "Cuba–United States Law Enforcement Dialogue"
    assert event["description"].endswith("</script><b>x</b>")


def test_partial_dates_are_cited_only_as_precisely_as_known(client, round_):
    round_.start_date = round_.end_date = datetime.date(2018, 7, 1)
    round_.date_precision = "month"
    round_.save()
    (item,) = json.loads(client.get(cite_url(round_, "json")).content)
    assert item["event-date"] == {"date-parts": [[2018, 7]]}
    html = client.get(round_.get_absolute_url()).content.decode()
    (raw,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    event = json.loads(raw)
    assert event["startDate"] == "2018-07" and "endDate" not in event


def test_round_page_shows_when_the_record_was_last_updated(client, round_):
    html = client.get(round_.get_absolute_url()).content.decode()
    round_.refresh_from_db()
    assert f'Record last updated <time datetime="{round_.updated_at.isoformat()}">' in html
    for fmt in ("bib", "ris", "json"):
        assert f'href="{cite_url(round_, fmt)}"' in html


def test_a_change_to_a_rounds_records_moves_its_last_updated_date(round_):
    type(round_).objects.filter(pk=round_.pk).update(
        updated_at=datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    )
    round_touch(round_ids=[round_.pk])
    round_.refresh_from_db()
    assert round_.updated_at.year >= 2025 and round_.version == 2
