"""Browser: staff paste the seed communiqué, review the highlighted proposal, land on the draft."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from rounds.models import Round, RoundStatus
from rounds.services import setup_staff_groups
from tests.browser import ARTIFACTS, chromium
from tests.factories import make_round
from tests.intake.communiques import SEED, build_cuba_us, read


@pytest.fixture
def browser_page():
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(15_000)
        yield page


@pytest.mark.browser
def test_staff_turn_the_seed_communique_into_a_draft_round(
    live_server, transactional_db, django_user_model, browser_page
):
    dialogue = build_cuba_us()
    django_user_model.objects.create_superuser("editor", "editor@example.org", "s3cret-pass!")
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "s3cret-pass!")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:rounds_round_changelist"))
    page.click("text=Add round from communiqué")

    page.fill("#id_c-text", read(SEED))
    page.fill("#id_c-date", "2018-07-10")
    page.click("input[type=submit]")
    page.wait_for_selector("#intake-text")
    assert page.locator("#intake-text mark.hl-topics").count() >= 4
    assert page.locator("#intake-text mark.hl-delegations").count() >= 3
    assert page.input_value("#id_r-number") == "4"
    page.screenshot(path=str(ARTIFACTS / "intake-preview.png"), full_page=True)

    page.click("#intake-confirm")
    page.wait_for_url(re.compile(r"/admin/rounds/round/\d+/change/"))
    round_ = Round.objects.get(dialogue=dialogue, number=4)
    assert page.url.endswith(reverse("admin:rounds_round_change", args=[round_.pk]))
    assert "was created from the communiqué" in page.inner_text(".messagelist")
    assert round_.status == RoundStatus.DRAFT
    page.screenshot(path=str(ARTIFACTS / "intake-done.png"), full_page=True)


@pytest.mark.browser
def test_an_editor_sees_why_a_published_round_cannot_take_the_communique(
    live_server, transactional_db, django_user_model, browser_page
):
    dialogue = build_cuba_us()
    make_round(dialogue=dialogue, number=4, start_date=datetime.date(2018, 7, 10))  # published
    setup_staff_groups()
    editor = django_user_model.objects.create_user("editor", password="s3cret-pass!")
    editor.is_staff = True
    editor.save()
    editor.groups.add(Group.objects.get(name="Editors"))
    page = browser_page
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", "editor")
    page.fill("#id_password", "s3cret-pass!")
    page.click("input[type=submit]")
    page.goto(live_server.url + reverse("admin:rounds_round_from_communique"))
    # The picker shows the locale's format; no "YYYY-MM-DD" hint contradicts it.
    assert page.get_attribute("#id_c-date", "type") == "date"
    assert "YYYY" not in page.inner_text("#intake-paste-form")

    page.fill("#id_c-text", read(SEED))
    page.fill("#id_c-date", "2018-07-10")
    page.click("input[type=submit]")
    page.wait_for_selector("#intake-text")
    assert page.locator("#intake-confirm").count() == 0
    explanation = "Round 4 is published; only publishers can add to it."
    assert page.locator("#intake-blockers").is_visible()
    assert explanation in page.inner_text("#intake-blockers")
    assert explanation in page.inner_text("#intake-blocked")
    page.screenshot(path=str(ARTIFACTS / "intake-published-editor.png"), full_page=True)
