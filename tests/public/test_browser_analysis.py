"""Browser: the analysis pages on the demo data in Chromium, screenshots, and axe-core.

axe-core comes inside the axe-playwright-python package (nothing is fetched at run time); a
serious or critical violation on any of these pages fails the test.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from rounds.models import Communique, CooperationRequest
from tests.browser import ARTIFACTS, chromium

BLOCKING = {"serious", "critical"}


def blocking_violations(page, context=None) -> list[str]:
    results = Axe().run(page, context=context)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.browser
def test_analysis_pages_work_in_chromium_and_pass_axe(live_server, transactional_db):
    call_command("load_demo", verbosity=0)
    minrex = Communique.objects.get(
        round__dialogue__slug="cuba-us-led", round__number=4, language="es"
    )
    request = CooperationRequest.objects.public().filter(updates__round__number=4).first()
    pages = {
        "dialogue": "/dialogues/cuba-us-led/",
        "topic": "/topics/fugitives/",
        "country": "/countries/cu/",
        "sides": "/dialogues/cuba-us-led/rounds/4/sides/",
        "communique": f"{minrex.get_absolute_url()}?topic=health-incidents#match-1",
        "compare": "/dialogues/cuba-us-led/compare/?from=3&to=4",
        "compare-error": "/dialogues/cuba-us-led/compare/?from=4&to=3",
        "search": "/rounds/?q=red+notice",
        "tracker": "/requests/?raised_by=us",
        "request": request.get_absolute_url(),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    problems: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for name, url in pages.items():
            response = page.goto(live_server.url + url)
            assert response.status == (400 if name == "compare-error" else 200), name
            assert page.locator("h1").count() == 1, name
            page.screenshot(path=str(ARTIFACTS / f"analysis-{name}.png"), full_page=True)
            problems[name] = blocking_violations(page)
        check_desktop_content(page, live_server.url, pages)

        page.emulate_media(media="print")
        page.goto(live_server.url + pages["topic"])
        page.screenshot(path=str(ARTIFACTS / "analysis-topic-print.png"), full_page=True)
        assert page.locator("svg.chart").is_visible()
        assert page.locator("details.chart-data table").is_visible()  # the table prints too
        page.emulate_media(media="screen")

        page.set_viewport_size({"width": 375, "height": 800})
        for name in ("search", "tracker", "sides", "compare"):
            page.goto(live_server.url + pages[name])
            page.screenshot(path=str(ARTIFACTS / f"analysis-{name}-phone.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            assert not overflow, f"{name} scrolls sideways on a phone"
            problems[f"{name}-phone"] = blocking_violations(page)
        check_phone_folds(page, live_server.url, pages)
    assert {name: found for name, found in problems.items() if found} == {}
    # The only errors are the browser's notes of the two visits to the 400 page, on purpose.
    assert [e for e in errors if "status of 400 (Bad Request)" not in e] == []
    assert len(errors) == 2


def check_desktop_content(page, base: str, pages: dict) -> None:
    page.goto(base + pages["search"])
    first = page.locator("li.search-result").first
    assert "Why it matched" in first.inner_text()
    assert page.locator("nav.sort-choices").is_visible()
    assert page.locator(".search-form").is_visible()  # wide screens: the filters stand open
    page.goto(base + pages["sides"])
    assert page.locator(".topic-compare .only-one-side").count() == 2
    page.locator(".account a[href*='?topic=']").first.click()
    page.wait_for_url("**/communiques/**")
    assert page.locator("mark#match-1").is_visible()
    page.goto(base + pages["compare-error"])
    assert "swap them" in page.locator("[role=alert]").inner_text()


def check_phone_folds(page, base: str, pages: dict) -> None:
    """On a phone the filters fold into one line, so the first result is on the first screen."""
    page.goto(base + pages["search"])
    assert not page.locator(".search-form").is_visible()
    top = page.locator("li.search-result").first.bounding_box()["y"]
    assert top < 800, f"the first result starts {top}px down"
    page.locator("details.search-filters > summary").click()
    assert page.locator(".search-form").is_visible()
    page.goto(base + pages["tracker"])
    assert not page.locator(".tracker-form").is_visible()
    assert page.locator("table.requests").bounding_box()["y"] < 800
