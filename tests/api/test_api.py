"""The read API: published data only, anonymous and cacheable, throttled, JSON, documented."""

import json

import pytest
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate
from rest_framework.throttling import SimpleRateThrottle

from rounds.models import CooperationRequest, RequestStatus, RoundStatus
from tests.factories import (
    make_agreement,
    make_communique,
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_topic,
    make_update,
)

pytestmark = pytest.mark.django_db

SECRET = "DRAFT-ONLY"


@pytest.fixture
def record():
    """A public dialogue with a draft round full of records, and a dialogue of drafts only."""
    cuba, usa = make_country(code="CU", name="Cuba"), make_country(code="US", name="United States")
    topic = make_topic(name="cybercrime", slug="cybercrime")
    dialogue = make_dialogue(slug="public", party_a=cuba, party_b=usa)
    minint = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    published = make_round(
        dialogue=dialogue, number=1, topics=[topic], source_urls="https://a.example/"
    )
    delegation = make_delegation(round=published, country=cuba)
    delegation.ministries.add(minint)
    person = make_person(name="Public Person", country=cuba)
    make_delegate(delegation=delegation, person=person, title="Minister", ministry=minint)
    make_statement(round=published, text="Public statement", topic=topic)
    make_agreement(round=published, text="Continue the dialogue")
    make_communique(round=published, title="Public communiqué", url="https://c.example/1")
    public_request = make_request(opened_in=published, description="Public request")

    draft = make_round(
        dialogue=dialogue, number=2, status=RoundStatus.DRAFT, summary=f"{SECRET} summary"
    )
    hidden = make_person(name=f"{SECRET} Person", country=cuba)
    make_delegate(
        delegation=make_delegation(round=draft, country=cuba), person=hidden, title=SECRET
    )
    make_delegate(delegation=draft.delegations.get(), person=person, title=f"{SECRET} title")
    make_statement(round=draft, text=f"{SECRET} statement")
    make_agreement(round=draft, text=f"{SECRET} agreement")
    make_communique(round=draft, title=f"{SECRET} communiqué")
    draft_request = make_request(opened_in=draft, description=f"{SECRET} request")
    make_update(request=public_request, round=draft, status=RequestStatus.FULFILLED, note=SECRET)

    drafts_only = make_dialogue(
        slug="drafts-only", name=f"{SECRET} dialogue", party_a=cuba, party_b=usa
    )
    make_round(dialogue=drafts_only, number=1, status=RoundStatus.DRAFT)
    return {
        "published": published,
        "draft": draft,
        "person": person,
        "hidden": hidden,
        "public_request": public_request,
        "draft_request": draft_request,
        "drafts_only": drafts_only,
    }


def crawl(client, start="/api/v1/") -> dict[str, object]:
    """Follow every API address the API gives, from its root; return {url: JSON}."""
    seen: dict[str, object] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        seen[url] = data = response.json()
        todo += [link for link in links(data) if link not in seen]
    return seen


def links(data) -> list[str]:
    if isinstance(data, dict):
        return [link for value in data.values() for link in links(value)]
    if isinstance(data, list):
        return [link for value in data for link in links(value)]
    if isinstance(data, str) and data.startswith("http://testserver/api/v1/"):
        return [data.removeprefix("http://testserver")]
    return []


def test_no_draft_appears_anywhere_in_the_api(client, record):
    pages = crawl(client)
    assert len(pages) > 15
    text = json.dumps(pages, ensure_ascii=False)
    assert SECRET not in text
    assert f"/api/v1/rounds/{record['draft'].pk}/" not in text
    assert '"fulfilled"' not in text  # the status given at the draft round
    for url in (
        f"/api/v1/rounds/{record['draft'].pk}/",
        f"/api/v1/requests/{record['draft_request'].pk}/",
        f"/api/v1/people/{record['hidden'].slug}/",
        f"/api/v1/dialogues/{record['drafts_only'].slug}/",
    ):
        assert client.get(url).status_code == 404, url


def test_round_detail_has_what_the_round_page_shows(client, record):
    data = client.get(f"/api/v1/rounds/{record['published'].pk}/").json()
    assert data["dialogue"] == "public" and data["number"] == 1
    assert data["topics"] == ["cybercrime"]
    assert data["sources"] == ["https://a.example/"]
    (delegation,) = data["delegations"]
    assert delegation["ministries"] == ["cu-minint"]
    assert delegation["delegates"][0] == {
        "person": "public-person",
        "name": "Public Person",
        "role": "member",
        "title": "Minister",
        "ministry": "cu-minint",
        "sources": [],
        "uncertain": "",
    }
    assert [s["text"] for s in data["statements"]] == ["Public statement"]
    assert [a["text"] for a in data["agreements"]] == ["Continue the dialogue"]
    assert [c["title"] for c in data["communiques"]] == ["Public communiqué"]
    assert [u["description"] for u in data["request_updates"]] == ["Public request"]
    assert data["url"] == f"http://testserver{record['published'].get_absolute_url()}"


def test_a_request_shows_its_history_at_published_rounds_only(client, record):
    data = client.get(f"/api/v1/requests/{record['public_request'].pk}/").json()
    assert data["current_status"] == "raised"
    assert [step["status"] for step in data["history"]] == ["raised"]
    assert data["raised_by"] == "US" and data["addressed_to"] == "CU"


def test_a_request_embeds_its_latest_steps_and_pages_its_whole_history(client, monkeypatch):
    monkeypatch.setattr("rounds.api.serializers.HISTORY_EMBEDDED", 3)
    dialogue = make_dialogue()
    rounds = [make_round(dialogue=dialogue, number=n) for n in range(1, 26)]
    followed = make_request(opened_in=rounds[0])
    for round_ in rounds[1:]:
        make_update(request=followed, round=round_, note=f"at {round_.number}")
    draft = make_round(dialogue=dialogue, number=26, status=RoundStatus.DRAFT)
    make_update(request=followed, round=draft, note="draft")
    data = client.get(f"/api/v1/requests/{followed.pk}/").json()
    assert [step["number"] for step in data["history"]] == [23, 24, 25]  # oldest first
    assert data["history_count"] == 25
    assert data["history_url"] == f"http://testserver/api/v1/requests/{followed.pk}/history/"
    (listed,) = client.get("/api/v1/requests/").json()["results"]
    assert listed["history"] == data["history"] and listed["history_count"] == 25
    first = client.get(data["history_url"]).json()
    assert first["count"] == 25 and [s["number"] for s in first["results"]] == list(range(1, 21))
    last = client.get(first["next"]).json()
    assert [s["number"] for s in last["results"]] == list(range(21, 26)) and last["next"] is None
    assert "draft" not in str(first) + str(last)


def test_the_history_of_an_unknown_or_unpublished_request_is_404(client, record):
    draft_request = CooperationRequest.objects.get(opened_in__status=RoundStatus.DRAFT)
    for pk in (draft_request.pk, 999999):
        assert client.get(f"/api/v1/requests/{pk}/history/").status_code == 404
    public = record["public_request"].pk
    assert client.get(f"/api/v1/requests/{public}/history/?page=9").status_code == 404


def test_a_person_lists_the_delegations_of_published_rounds(client, record):
    data = client.get(f"/api/v1/people/{record['person'].slug}/").json()
    assert [(seat["round"], seat["title"]) for seat in data["seats"]] == [
        (record["published"].pk, "Minister")
    ]


def test_json_by_format_and_by_accept_and_a_clear_406_otherwise(client, record):
    assert client.get("/api/v1/rounds/?format=json").status_code == 200
    assert client.get("/api/v1/rounds/", HTTP_ACCEPT="application/json").status_code == 200
    assert client.get("/api/v1/rounds/", HTTP_ACCEPT="text/html,*/*;q=0.8").status_code == 200
    for response in (
        client.get("/api/v1/rounds/", HTTP_ACCEPT="text/csv"),
        client.get("/api/v1/rounds/?format=xml"),
    ):
        assert response.status_code == 406
        assert "format=json" in response.json()["detail"]


def test_responses_are_cacheable_no_session_no_cookie_even_for_staff(client, record, admin_user):
    client.force_login(admin_user)
    for url in ("/api/v1/", "/api/v1/rounds/", f"/api/v1/rounds/{record['published'].pk}/"):
        response = client.get(url)
        assert "Cookie" not in response.get("Vary", ""), url
        assert not response.cookies, url
    # Staff get the public view too: a draft is not in the API for anyone.
    assert client.get(f"/api/v1/rounds/{record['draft'].pk}/").status_code == 404


def test_the_api_is_read_only(client, record):
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(f"/api/v1/rounds/{record['published'].pk}/").status_code in (405, 415)
    assert client.post("/api/v1/rounds/").status_code in (405, 415)


def test_head_answers_like_get_without_a_body(client, record):
    response = client.head("/api/v1/rounds/")
    assert response.status_code == 200 and response.content == b""


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def test_each_client_is_throttled_on_its_own(client, record, three_a_minute):
    for _ in range(3):
        assert client.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "throttled" in refused.json()["detail"].lower()
    assert client.get("/api/v1/topics/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_without_proxies_a_forwarded_for_header_cannot_pick_a_new_client(
    client, record, three_a_minute
):
    for n in range(3):
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_proxy_the_client_comes_from_forwarded_for(
    client, record, three_a_minute, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for _ in range(3):
        client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    assert client.get("/api/v1/topics/", HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200


def test_the_openapi_schema_validates(client, record):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    spec = response.json()
    validate(spec)
    assert spec["openapi"].startswith("3.")
    parameters = {p["name"] for p in spec["paths"]["/api/v1/rounds/"]["get"]["parameters"]}
    assert {"topic", "match", "q", "person", "sort", "page", "page_size"} <= parameters
    yaml = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert yaml.status_code == 200 and yaml.content.startswith(b"openapi: 3")


def test_docs_are_served_from_the_app_itself(client, record):
    for url in ("/api/docs/", "/api/docs/redoc/"):
        html = client.get(url).content.decode()
        sources = [
            src
            for attr in ('src="', 'href="')
            for src in [part.split('"', 1)[0] for part in html.split(attr)[1:]]
        ]
        assert not [src for src in sources if src.startswith(("http:", "https:", "//"))]
        assets = [src for src in sources if src.endswith((".js", ".css"))]
        assert assets, url
        assert all(src.startswith("/static/drf_spectacular_sidecar/") for src in assets), assets
        for asset in assets:  # collectstatic gathers these for whitenoise to serve
            assert finders.find(asset.removeprefix("/static/")), asset


def test_bad_lookups_are_404_not_500(client, record):
    for url in (
        "/api/v1/dialogues/%00/",
        "/api/v1/rounds/999999999999999999/",
        "/api/v1/rounds/abc/",
        "/api/v1/countries/zz/",
        "/api/v1/people/no-one/",
        "/api/v1/rounds/?page=999",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get("/api/v1/requests/?state=maybe").status_code == 400
    assert client.get("/api/v1/requests/?dialogue=%00").status_code == 400


def test_countries_are_found_by_code_in_any_case(client, record):
    assert client.get("/api/v1/countries/cu/").json()["code"] == "CU"
    assert client.get("/api/v1/countries/CU/").json()["name"] == "Cuba"


def test_requests_filter_by_state_and_dialogue(client, record):
    assert client.get("/api/v1/requests/?state=open&dialogue=public").json()["count"] == 1
    assert client.get("/api/v1/requests/?state=closed").json()["count"] == 0


def test_lists_stay_within_their_query_budget(client, record, django_assert_max_num_queries):
    dialogue = record["published"].dialogue
    for n in range(3, 40):
        round_ = make_round(dialogue=dialogue, number=n)
        make_delegate(delegation=make_delegation(round=round_))
        make_request(opened_in=round_)
    budgets = {
        "/api/v1/rounds/?page_size=100": 4,
        "/api/v1/rounds/?topic=cybercrime&q=dialogue&page_size=100": 6,
        "/api/v1/dialogues/": 3,
        "/api/v1/topics/?page_size=100": 3,
        "/api/v1/ministries/?page_size=100": 3,
        "/api/v1/countries/": 3,
        "/api/v1/people/?page_size=100": 3,
        "/api/v1/requests/?page_size=100": 4,
        f"/api/v1/requests/{record['public_request'].pk}/": 3,
        f"/api/v1/requests/{record['public_request'].pk}/history/": 4,
        f"/api/v1/dialogues/{dialogue.slug}/": 4,
        f"/api/v1/people/{record['person'].slug}/": 3,
        f"/api/v1/rounds/{record['published'].pk}/": 12,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget, info=url):
            assert client.get(url).status_code == 200, url
