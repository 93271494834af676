"""Browser: an analyst follows the Cuba–US dialogue round by round, with no console errors."""

import datetime
import re

import pytest

from rounds.models import Country, Dialogue, RoundStatus
from tests.browser import ARTIFACTS, chromium
from tests.factories import (
    make_communique,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_request,
    make_round,
    make_statement,
    make_topic,
)


@pytest.fixture
def page_with_errors():
    """A Chromium page and the list of console errors and uncaught exceptions it reports."""
    errors: list[str] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400 and errors.append(f"{response.status} {response.url}")
            ),
        )
        yield page, errors


def build_cuba_us() -> Dialogue:
    """The first rounds of the Cuba–US dialogue, as the demo data records them (which is slow
    to load; tests/test_views.py walks every demo page without a browser)."""
    cuba = Country.objects.get_or_create(code="CU", defaults={"name": "Cuba"})[0]
    usa = Country.objects.get_or_create(code="US", defaults={"name": "United States"})[0]
    dialogue = make_dialogue(
        name="Cuba–United States Law Enforcement Dialogue",
        short_name="Cuba–US LED",
        slug="cuba-us-led",
        party_a=cuba,
        party_b=usa,
    )
    terrorism = make_topic(name="terrorism", slug="terrorism")
    drugs = make_topic(name="drug trafficking", slug="drug-trafficking")
    fugitives = make_topic(name="fugitives", slug="fugitives")
    places = {
        1: ("2015-11-09", "Washington, D.C.", usa),
        2: ("2016-05-17", "Havana", cuba),
        3: ("2017-09-15", "Washington, D.C.", usa),
        4: ("2018-07-10", "Washington, D.C.", usa),
        5: ("2023-01-18", "Havana", cuba),
    }
    rounds = {}
    for number, (start, city, host) in places.items():
        rounds[number] = make_round(
            dialogue=dialogue,
            number=number,
            start_date=datetime.date.fromisoformat(start),
            city=city,
            host_country=host,
            topics=[terrorism, drugs] + ([fugitives] if number >= 3 else []),
            summary=f"Round {number} reviewed cooperation against terrorism and drugs.",
        )
    make_round(dialogue=dialogue, number=6, status=RoundStatus.DRAFT, city="Not yet public")
    minint = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    delegation = make_delegation(round=rounds[4], country=cuba)
    delegation.ministries.add(minint)
    make_delegate(delegation=delegation, role="head", title="Director")
    communique = make_communique(
        round=rounds[4], issuer=minint, url="https://misiones.minrex.gob.cu/en", language="es"
    )
    make_statement(round=rounds[4], topic=fugitives, communique=communique)
    make_request(opened_in=rounds[3], topic=fugitives, description="Return of fugitives")
    return dialogue


@pytest.mark.browser
def test_analyst_walks_the_cuba_us_dialogue(live_server, transactional_db, page_with_errors):
    dialogue = build_cuba_us()
    page, errors = page_with_errors
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert page.get_by_label("Search the rounds").is_visible()
    page.screenshot(path=str(ARTIFACTS / "public-home.png"), full_page=True)

    page.locator("#dialogues-title + ul").get_by_role("link", name=dialogue.name).click()
    page.wait_for_url(f"**{dialogue.get_absolute_url()}")
    assert page.locator("svg.chart-bars[role=img]").is_visible()
    assert page.locator("table.matrix").is_visible()
    page.screenshot(path=str(ARTIFACTS / "public-dialogue.png"), full_page=True)

    page.locator("ol.chain").get_by_role("link", name="4th round").click()
    page.wait_for_url(f"**/dialogues/{dialogue.slug}/rounds/4/")
    assert "10 July 2018" in page.locator("dl.facts").inner_text()
    chain = page.locator("nav.chain-nav").inner_text()
    assert "Continuation of the 3rd round held on 15 September 2017" in chain
    page.screenshot(path=str(ARTIFACTS / "public-round-4.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / "public-round-4-print.png"), full_page=True)
    assert not page.locator("header.site-header").is_visible()
    page.emulate_media(media="screen")

    page.locator("a[rel=prev]").click()
    page.wait_for_url(f"**/dialogues/{dialogue.slug}/rounds/3/")
    assert "15 September 2017" in page.locator("dl.facts").inner_text()
    page.screenshot(path=str(ARTIFACTS / "public-round-3.png"), full_page=True)

    # Keyboard users: the skip link is the first stop and moves focus to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"

    topic_link = page.locator("section[aria-labelledby=topics-title] a").first
    topic_name = topic_link.inner_text()
    topic_link.click()
    page.wait_for_url(re.compile(r".*/topics/[\w-]+/$"))
    assert page.locator("h1").inner_text().lower() == topic_name.lower()
    assert page.locator(f"a[href='/dialogues/{dialogue.slug}/rounds/3/']").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "public-topic.png"), full_page=True)

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + f"/dialogues/{dialogue.slug}/rounds/4/")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the round page scrolls sideways on a phone"
    page.screenshot(path=str(ARTIFACTS / "public-round-4-phone.png"), full_page=True)

    assert errors == []
