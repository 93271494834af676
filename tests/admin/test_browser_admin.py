"""Browser: an editor enters the 4th Cuba–US round from its communiqué; a publisher publishes it.

The 4th round of the Cuba–United States Law Enforcement Dialogue met in Washington on 10 July
2018. The editor starts it from round 3 (which carries over the delegations, topics and open
requests), then enters what changed through the real admin UI, autocomplete widgets included.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from rounds import services
from rounds.models import (
    AgreementKind,
    Country,
    RequestStatus,
    Round,
    RoundStatus,
)
from tests.browser import ARTIFACTS, chromium
from tests.factories import (
    make_delegation,
    make_dialogue,
    make_ministry,
    make_request,
    make_round,
    make_topic,
)

PASSWORD = "a-long-test-password-42"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page():
    errors: list[str] = []
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.errors = errors
        yield page


@pytest.fixture
def cuba_us_round_3():
    """Round 3 (Washington, 15 September 2017) as recorded before the 4th round met."""
    services.setup_staff_groups()
    groups = {g.name: g for g in services.setup_staff_groups()}
    users = get_user_model().objects
    for username, group in [("ed", services.EDITORS), ("pia", services.PUBLISHERS)]:
        user = users.create_user(username=username, password=PASSWORD, is_staff=True)
        user.groups.add(groups[group])

    cuba = Country.objects.create(code="CU", name="Cuba")
    usa = Country.objects.create(code="US", name="United States")
    dialogue = make_dialogue(
        name="Cuba–United States Law Enforcement Dialogue",
        short_name="Cuba–US LED",
        slug="cuba-us-led",
        party_a=cuba,
        party_b=usa,
    )
    cu = {
        "MININT": "Ministry of the Interior",
        "MINREX": "Ministry of Foreign Affairs",
        "MINJUS": "Ministry of Justice",
        "FGR": "Attorney General's Office",
        "AGR": "General Customs of the Republic",
    }
    us = {
        "DHS": "Department of Homeland Security",
        "DOJ": "Department of Justice",
        "DOS": "Department of State",
    }
    ministries = {
        acronym: make_ministry(country=country, name=name, acronym=acronym)
        for country, bodies in [(cuba, cu), (usa, us)]
        for acronym, name in bodies.items()
    }
    topics = {
        name: make_topic(name=name, slug=name.replace(" ", "-"))
        for name in ["terrorism", "drug trafficking", "human trafficking", "cybercrime"]
    }
    round_3 = make_round(
        dialogue=dialogue,
        number=3,
        start_date=datetime.date(2017, 9, 15),
        city="Washington, D.C.",
        host_country=usa,
        topics=[topics["terrorism"], topics["drug trafficking"]],
    )
    make_delegation(round=round_3, country=cuba).ministries.set(
        [ministries["MININT"], ministries["MINREX"], ministries["MINJUS"]]
    )
    make_delegation(round=round_3, country=usa).ministries.set(
        [ministries["DHS"], ministries["DOJ"], ministries["DOS"]]
    )
    make_request(
        opened_in=round_3,
        raised_by=usa,
        description="Return of fugitives from US justice living in Cuba.",
    )
    return round_3


def choose(page, select_id: str, term: str, text: str) -> None:
    """Pick `text` in the admin's autocomplete (select2) widget of the <select id=select_id>."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.keyboard.type(term)
    page.locator(".select2-results__option", has_text=text).first.click()


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(username)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-{name}.png"), full_page=True)


def fill_in_round_4(page) -> None:
    """Type round 4 from its communiqué into the round page started from round 3."""
    page.fill("#id_start_date", "2018-07-10")
    page.fill("#id_end_date", "2018-07-10")
    page.fill("#id_city", "Washington, D.C.")
    choose(page, "id_host_country", "United", "United States")
    choose(page, "id_topics", "human", "human trafficking")
    choose(page, "id_topics", "cyber", "cybercrime")
    page.fill(
        "#id_summary",
        "The fourth round reviewed cooperation on terrorism, drug trafficking, human "
        "trafficking and cybercrime.",
    )
    # Cuba's delegation (first row) adds the prosecutors and customs this time.
    choose(page, "id_delegations-0-ministries", "Attorney", "Attorney General's Office")
    choose(page, "id_delegations-0-ministries", "Customs", "General Customs of the Republic")

    # The pending US request carried over from round 3 was clarified.
    page.select_option("#id_request_updates-0-status", RequestStatus.CLARIFIED)
    page.fill("#id_request_updates-0-note", "The US delegation clarified its requests.")

    # The communiqué as the source, and what the round agreed.
    page.locator("#communiques-group .add-row a").click()
    choose(page, "id_communiques-0-issuer_country", "Cuba", "Cuba")
    page.fill("#id_communiques-0-title", "Cuba and the US hold 4th Law Enforcement Dialogue")
    page.fill("#id_communiques-0-date", "2018-07-10")
    page.fill("#id_communiques-0-url", "https://misiones.minrex.gob.cu/en/articulo/4th-round")
    add_agreement = page.locator("#agreements-group .add-row a")
    add_agreement.click()
    page.select_option("#id_agreements-0-kind", AgreementKind.CONTINUE)
    page.fill("#id_agreements-0-text", "Continue the Law Enforcement Dialogue.")
    add_agreement.click()
    page.select_option("#id_agreements-1-kind", AgreementKind.TECHNICAL_MEETINGS)
    page.fill("#id_agreements-1-text", "Hold technical meetings on the topics discussed.")


def assert_round_4_saved_as_entered(round_4: Round) -> None:
    round_4.refresh_from_db()
    assert round_4.status == RoundStatus.DRAFT
    assert (round_4.start_date, round_4.city) == (datetime.date(2018, 7, 10), "Washington, D.C.")
    assert round_4.host_country.code == "US"
    assert round_4.uncertain_note == ""
    assert not round_4.dates_provisional  # the placeholders went with the real dates
    assert sorted(round_4.topics.values_list("name", flat=True)) == [
        "cybercrime",
        "drug trafficking",
        "human trafficking",
        "terrorism",
    ]
    delegations = {d.country.code: d for d in round_4.delegations.all()}
    assert sorted(delegations["CU"].ministries.values_list("acronym", flat=True)) == [
        "AGR",
        "FGR",
        "MININT",
        "MINJUS",
        "MINREX",
    ]
    assert sorted(delegations["US"].ministries.values_list("acronym", flat=True)) == [
        "DHS",
        "DOJ",
        "DOS",
    ]
    assert round_4.request_updates.get().status == RequestStatus.CLARIFIED
    assert sorted(round_4.agreements.values_list("kind", flat=True)) == ["continue", "technical"]
    assert round_4.communiques.get().issuer_country.code == "CU"


def test_editor_enters_round_4_from_its_communique_and_a_publisher_publishes_it(
    page, live_server, cuba_us_round_3
):
    base = live_server.url
    round_3 = cuba_us_round_3
    assert not Round.objects.filter(dialogue=round_3.dialogue, number=4).exists()

    # --- the editor ---------------------------------------------------------------------
    log_in(page, base, "ed")
    page.goto(f"{base}/admin/rounds/round/{round_3.pk}/change/")
    page.get_by_role("button", name=re.compile("Start round 4", re.I)).click()
    expect(page.locator(".messagelist")).to_contain_text("only a placeholder")
    round_4 = Round.objects.get(dialogue=round_3.dialogue, number=4)
    assert page.url.endswith(f"/admin/rounds/round/{round_4.pk}/change/")

    fill_in_round_4(page)
    shot(page, "1-editor-before-save")
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".round-status.draft")).to_be_visible()
    assert page.locator("button[name=publish]").count() == 0  # editors cannot publish

    assert_round_4_saved_as_entered(round_4)

    # Drafts stay private: an anonymous visitor gets a 404.
    anonymous = page.context.browser.new_context().new_page()
    public_url = f"{base}{round_4.get_absolute_url()}"
    assert anonymous.goto(public_url).status == 404

    page.locator("#logout-form button").click()

    # --- the publisher ------------------------------------------------------------------
    log_in(page, base, "pia")
    page.goto(f"{base}/admin/rounds/round/{round_4.pk}/change/")
    page.locator("button[name=publish]").click()
    expect(page.locator(".messagelist")).to_contain_text("Published")
    expect(page.locator(".round-status.published")).to_be_visible()
    round_4.refresh_from_db()
    assert round_4.status == RoundStatus.PUBLISHED and round_4.published_at is not None

    response = anonymous.goto(public_url)
    assert response.status == 200
    expect(anonymous.locator("body")).to_contain_text("Washington")

    page.get_by_role("link", name=re.compile("^history$", re.I)).click()
    trail = page.locator("table.audit-trail")
    expect(trail).to_contain_text("pia")
    expect(trail).to_contain_text("ed")
    expect(trail).to_contain_text("Clarified")
    expect(trail).to_contain_text("cybercrime")
    shot(page, "2-audit-trail")
    assert page.errors == []
