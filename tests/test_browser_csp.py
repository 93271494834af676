"""Browser: with the Content-Security-Policy on, the admin (its widgets and the intake flow)
still works and no page reports a policy violation; the public site runs no script at all."""

import re

import pytest
from django.urls import reverse

from rounds.models import Round
from tests.browser import chromium
from tests.factories import make_communique, make_delegation, make_round, make_statement
from tests.intake.communiques import SEED, build_cuba_us, read

PASSWORD = "s3cret-pass!"


@pytest.fixture
def watched_page():
    """A Chromium page and what it reports: console errors (CSP violations are among them)
    and the violations themselves, as the page's securitypolicyviolation events."""
    problems: list[str] = []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(15_000)
        page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        yield page, problems


@pytest.mark.browser
def test_the_admin_works_under_its_policy_and_the_public_site_under_the_strict_one(
    live_server, transactional_db, django_user_model, watched_page
):
    page, problems = watched_page
    dialogue = build_cuba_us()
    round_3 = dialogue.rounds.get(number=3)
    communique = make_communique(round=round_3, title="MINREX communiqué")
    make_statement(round=round_3, communique=communique)
    delegation = make_delegation(round=round_3)
    draft = make_round(dialogue=dialogue, number=5, status="draft")
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    base = live_server.url

    public = page.goto(f"{base}/dialogues/{dialogue.slug}/rounds/3/")
    policy = public.headers["content-security-policy"]
    assert "script-src 'none'" in policy and "unsafe-inline" not in policy
    assert public.headers["permissions-policy"].startswith("accelerometer=()")
    # The page's style sheet applied (a blocked one would leave the default serif font).
    assert page.evaluate("getComputedStyle(document.body).fontFamily") != "serif"
    assert page.goto(f"{base}/no-such-page/").status == 404  # the 404 page, styled too
    problems.remove(
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    )
    page.goto(f"{base}/rounds/?topic=terrorism")

    page.goto(base + reverse("admin:login"))
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")

    change = page.goto(base + reverse("admin:rounds_round_change", args=[round_3.pk]))
    assert "script-src 'self'" in change.headers["content-security-policy"]
    # The admin's scripts run: a collapsed fieldset opens, an inline row is added, the
    # autocomplete asks the server for choices.
    page.click("fieldset.collapse summary, fieldset.collapse h2 a", strict=False)
    page.click(".add-row a", strict=False)
    page.locator("#id_topics + .select2 .select2-selection").click()
    page.keyboard.type("cyber")
    page.locator(".select2-results__option", has_text="cybercrime").first.wait_for()
    page.keyboard.press("Escape")

    for url in [
        reverse("admin:index"),
        reverse("admin:rounds_round_changelist"),
        reverse("admin:rounds_round_add") + f"?dialogue={dialogue.pk}",
        reverse("admin:rounds_round_history", args=[round_3.pk]),
        reverse("admin:rounds_round_change", args=[draft.pk]),
        reverse("admin:rounds_delegation_change", args=[delegation.pk]),
        reverse("admin:rounds_communique_change", args=[communique.pk]),
        reverse("admin:rounds_ministry_add"),
        f"/dialogues/{dialogue.slug}/rounds/5/",  # a staff preview of a draft
    ]:
        page.goto(base + url)

    # "Add round from communiqué": paste, review the highlighted proposal, confirm.
    page.goto(base + reverse("admin:rounds_round_changelist"))
    page.click("text=Add round from communiqué")
    page.fill("#id_c-text", read(SEED))
    page.fill("#id_c-date", "2018-07-10")
    page.click("input[type=submit]")
    page.wait_for_selector("#intake-text mark.hl-topics")
    page.click("#intake-confirm")
    page.wait_for_url(re.compile(r"/admin/rounds/round/\d+/change/"))
    assert Round.objects.filter(dialogue=dialogue, number=4).exists()

    assert problems == []
