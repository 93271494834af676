"""Browser: follow a dialogue by e-mail in Chromium, from its page to the unsubscribe page,
with axe-core on each page (a serious or critical violation fails)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.alerts.mails import link_in
from tests.browser import ARTIFACTS, chromium
from tests.factories import make_dialogue, make_round

BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.browser
def test_a_reader_subscribes_confirms_and_unsubscribes(live_server, transactional_db, mailoutbox):
    dialogue = make_dialogue(name="Cuba–US Law Enforcement Dialogue", slug="cuba-us-led")
    make_round(dialogue=dialogue)
    ARTIFACTS.mkdir(exist_ok=True)
    problems: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.goto(live_server.url + dialogue.get_absolute_url())
        page.get_by_role("link", name="Alert me by e-mail").click()
        problems["subscribe"] = blocking_violations(page)
        page.get_by_label("Your e-mail address").fill("reader@example.org")
        page.get_by_role("button", name="Send me the confirmation link").click()
        assert page.locator("h1").inner_text() == "Check your inbox"
        problems["check-inbox"] = blocking_violations(page)

        page.goto(live_server.url + link_in(mailoutbox[0], "confirm"))
        problems["confirm"] = blocking_violations(page)
        page.get_by_role("button", name="Confirm").click()
        assert page.locator("h1").inner_text() == "Alert confirmed"
        page.screenshot(path=str(ARTIFACTS / "alerts-confirmed.png"), full_page=True)

        page.goto(live_server.url + link_in(mailoutbox[0], "unsubscribe"))
        problems["unsubscribe"] = blocking_violations(page)
        page.get_by_role("button", name="Unsubscribe and delete my address").click()
        assert page.locator("h1").inner_text() == "Unsubscribed"
        problems["unsubscribed"] = blocking_violations(page)
    assert problems == {name: [] for name in problems}
