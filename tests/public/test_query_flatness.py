"""Every public page costs the same number of queries at two data sizes (issue 10).

The site is built with 3 rounds per dialogue, every page is measured, the site grows to 15
rounds per dialogue (delegations, delegates, communiqués, statements, agreements, requests and
updates grow with it) and every page is measured again: the counts must be equal. A page whose
count follows the data runs a query per row somewhere (a missing prefetch, a per-item lookup).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, get_resolver

from rounds.models import DatasetRelease
from rounds.sitemaps import SITEMAPS
from tests.factories import grow_realistic_site, make_realistic_site

pytestmark = pytest.mark.django_db

SMALL, BIG = 3, 15

# URL names that are not pages of the record: no data to grow with.
NOT_DATA_PAGES = {"robots", "healthz"}


def page_urls(site: dict) -> dict[str, list[str]]:
    """Each public URL name of rounds/urls.py and the addresses that exercise it."""
    dialogue = site["dialogues"][0]
    round_ = dialogue.rounds.get(number=2)
    topic = site["topics"][0]
    base = dialogue.get_absolute_url()
    return {
        "home": ["/"],
        "dialogue-list": ["/dialogues/"],
        "dialogue-detail": [base],
        "round-detail": [round_.get_absolute_url()],
        "round-cite": [f"{base}rounds/2/cite.bib", f"{base}rounds/2/cite.json"],
        "dialogue-calendar": [f"{base}calendar.ics"],
        "round-sides": [f"{base}rounds/2/sides/"],
        "dialogue-compare": [f"{base}compare/", f"{base}compare/?from=1&to=2"],
        "communique-detail": [round_.communiques.order_by("pk").first().get_absolute_url()],
        "round-list": [
            "/rounds/",
            f"/rounds/?topic={topic.slug}",
            "/rounds/?q=hurricane",
            "/rounds/?q=trafficking",
            f"/rounds/?q=trafficking&topic={topic.slug}&country=cu&dialogue={dialogue.slug}",
            f"/rounds/?ministry={site['ministries'][site['cuba']][0].slug}",
        ],
        "round-export-csv": ["/rounds/export.csv", f"/rounds/export.csv?topic={topic.slug}"],
        "round-export-json": ["/rounds/export.json", "/rounds/export.json?q=trafficking"],
        "topic-list": ["/topics/"],
        "topic-detail": [topic.get_absolute_url()],
        "ministry-detail": [site["ministries"][site["cuba"]][0].get_absolute_url()],
        "country-detail": [site["cuba"].get_absolute_url()],
        "person-list": ["/people/"],
        "person-detail": [site["people"][site["cuba"]][0].get_absolute_url()],
        "request-list": ["/requests/", "/requests/?state=open"],
        "request-detail": [site["requests"][0].get_absolute_url()],
        "dataset": ["/data/"],
        "dataset-latest": ["/data/latest.zip"],
        "dataset-file": [],  # the zip's own address: added once /data/ has built it
        "feed-rounds": ["/feeds/rounds/"],
        "feed-search": ["/feeds/search/?q=trafficking"],
        "feed-dialogue": [f"/feeds/dialogues/{dialogue.slug}/"],
        "feed-topic": [f"/feeds/topics/{topic.slug}/"],
        "sitemap": ["/sitemap.xml"],
        "sitemap-section": [f"/sitemap-{section}.xml" for section in SITEMAPS],
        "api": [
            *(f"/api/v1/{kind}/" for kind in API_KINDS),
            f"/api/v1/rounds/{round_.pk}/",
            f"/api/v1/dialogues/{dialogue.slug}/",
            f"/api/v1/topics/{topic.slug}/",
            f"/api/v1/ministries/{site['ministries'][site['cuba']][0].slug}/",
            "/api/v1/countries/cu/",
            f"/api/v1/people/{site['people'][site['cuba']][0].slug}/",
            f"/api/v1/requests/{site['requests'][0].pk}/",
            f"/api/v1/rounds/?topic={topic.slug}&q=trafficking",
        ],
    }


API_KINDS = ["dialogues", "rounds", "topics", "ministries", "countries", "people", "requests"]


def public_url_names() -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns:
        for inner in getattr(pattern, "url_patterns", [pattern]):
            if isinstance(inner, URLPattern) and getattr(pattern, "namespace", None) == "rounds":
                names.add(inner.name)
    return names


def count_queries(client, urls: dict[str, list[str]]) -> dict[str, int]:
    """The queries of each address, measured on a second request (the first may build the
    dataset or fill a cache, which is not the steady cost of the page)."""
    counts = {}
    for addresses in urls.values():
        for url in addresses:
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            assert response.status_code in (200, 302), (url, response.status_code)
            counts[url] = len(queries)
    return counts


def test_every_public_url_name_is_measured():
    missing = public_url_names() - NOT_DATA_PAGES - set(page_urls(make_realistic_site(2)))
    assert not missing, f"measure these pages in page_urls(): {sorted(missing)}"


def test_query_counts_do_not_grow_with_the_data(client):
    site = make_realistic_site(SMALL)
    urls = page_urls(site)
    client.get("/data/")  # builds the first release
    urls["dataset-file"] = [DatasetRelease.objects.latest("version").get_absolute_url()]
    small = count_queries(client, urls)

    grow_realistic_site(site, BIG)
    assert len(site["rounds"]) == BIG * len(site["dialogues"])
    big = count_queries(client, urls)

    grown = {url: (small[url], big[url]) for url in small if small[url] != big[url]}
    assert not grown, f"queries (at {SMALL} rounds, at {BIG}) per dialogue: {grown}"
    assert all(small[url] > 0 for url in small if not url.startswith("/data/")), small
