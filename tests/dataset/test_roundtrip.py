"""The dataset's JSON, imported into an empty database, reproduces the same public pages."""

import io
import json
import re
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from rounds.dataset import releases
from rounds.dataset.package import JSON_NAME, build_zip
from rounds.importing import import_rounds
from rounds.models import Communique, CooperationRequest, Dialogue, Person, Round, RoundStatus
from tests.factories import (
    make_delegate,
    make_delegation,
    make_dialogue,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_update,
)
from tests.public.feed_checks import sitemap_locations

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/admin/", "/static/", "/feeds/", "/api/", "/data/", "/rounds/export")
SEARCHES = [
    "/rounds/?topic=cybercrime&topic=terrorism&match=all",
    "/rounds/?q=extradition",
    "/rounds/?open_requests=yes&sort=date",
    "/rounds/?country=cu&sort=date",
]
HREF = re.compile(r'href="(/[^"#]*)"')


def followed(url: str) -> bool:
    parts = urlsplit(url)
    path = parts.path.removeprefix("/es")  # the Spanish twin of a page is a page too
    if path.startswith(SKIPPED_PREFIXES) or "." in path.rsplit("/", 1)[-1]:
        return False
    # Facet and filter links multiply without end; page links of a list are followed.
    return not parts.query or re.fullmatch(r"(requests_)?page=\d+", parts.query) is not None


def crawl(client) -> dict[str, str]:
    """Every public page reachable from the home page and the sitemap, with a few searches."""
    listed = [urlsplit(u).path for u in sitemap_locations(client)]
    todo = ["/", *SEARCHES, *(url for url in listed if followed(url))]
    pages: dict[str, str] = {}
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = html = response.content.decode()
        todo += [link.replace("&amp;", "&") for link in HREF.findall(html) if followed(link)]
    return pages


def normalised(html: str, ids: dict[str, dict[int, int]]) -> str:
    """Mask what an import cannot carry over (when it happened, row ids used as anchors) and
    name requests and communiqués by their id in the new database."""
    html = re.sub(r"<time datetime=\"[^\"]+\">[^<]*</time>", "<time/>", html)
    html = re.sub(r'(<meta name="(?:citation_[a-z_]*date|DC\.date)" content=")[^"]*', r"\1", html)
    html = re.sub(r"accessed \d+ \w+ \d{4}", "accessed (today)", html)
    html = re.sub(r"delegation-\d+", "delegation-N", html)
    for kind, new_id in ids.items():
        html = re.sub(
            rf"/({kind})/(\d+)/", lambda m, new=new_id: f"/{m[1]}/{new[int(m[2])]}/", html
        )
    # The alert link follows a request by its id too.
    html = re.sub(r"\?request=(\d+)", lambda m: f"?request={ids['requests'][int(m[1])]}", html)
    # A request's page names it by its id (its address), which is the new database's.
    return re.sub(
        r">(Request|Solicitud) (\d+)<",
        lambda m: f">{m[1]} {ids['requests'][int(m[2])]}<",
        html,
    )


def add_drafts() -> None:
    """Drafts everywhere the public could be shown one: none may survive the round trip."""
    dialogue = Dialogue.objects.get(slug="cuba-us-led")
    public_round = dialogue.rounds.published().order_by("number").first()
    draft = make_round(dialogue=dialogue, number=99, status=RoundStatus.DRAFT, summary="DRAFT")
    make_delegate(delegation=make_delegation(round=draft), person=make_person(name="DRAFT Person"))
    make_statement(round=draft, text="DRAFT statement")
    make_request(opened_in=draft, description="DRAFT request")
    request = CooperationRequest.objects.public().filter(opened_in=public_round).first()
    if request is not None:
        make_update(request=request, round=draft, status="withdrawn", note="DRAFT news")
    make_round(
        dialogue=make_dialogue(slug="drafts-only", name="DRAFT dialogue"),
        number=1,
        status=RoundStatus.DRAFT,
    )


def request_key(request: CooperationRequest) -> tuple:
    return (
        request.opened_in.dialogue.slug,
        request.opened_in.number,
        request.raised_by.code,
        request.description,
    )


def communique_key(communique: Communique) -> tuple:
    round_ = communique.round
    return (round_.dialogue.slug, round_.number, communique.url, communique.title)


def keys(model, key, related) -> dict[int, tuple]:
    return {obj.pk: key(obj) for obj in model.objects.select_related(*related)}


KEYED = {
    "requests": (CooperationRequest, request_key, ["opened_in__dialogue", "raised_by"]),
    "communiques": (Communique, communique_key, ["round__dialogue"]),
}


def test_the_dataset_json_imported_into_an_empty_database_gives_the_same_public_pages(client):
    call_command("load_demo", verbosity=0)
    add_drafts()
    before = crawl(client)
    assert len(before) > 100
    keys_before = {kind: keys(*keyed) for kind, keyed in KEYED.items()}

    content, _counts = build_zip(
        releases.current_record(), version=1, created=timezone.now(), site_url=""
    )
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        (json_path,) = [n for n in archive.namelist() if n.endswith(JSON_NAME)]
        data = json.loads(archive.read(json_path))
    assert "DRAFT" not in json.dumps(data)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE refuses pending deferred FK checks
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    assert not Round.objects.exists() and not Person.objects.exists()
    import_rounds(data)
    assert not Round.objects.drafts().exists()

    ids = {}
    same = {}
    for kind, keyed in KEYED.items():
        new_by_key = {key: pk for pk, key in keys(*keyed).items()}
        ids[kind] = {old: new_by_key.get(key, old) for old, key in keys_before[kind].items()}
        same[kind] = {pk: pk for pk in new_by_key.values()}
    after = crawl(client)
    expected = {normalised(url, ids): normalised(html, ids) for url, html in before.items()}
    got = {url: normalised(html, same) for url, html in after.items()}
    assert sorted(got) == sorted(expected)
    for url, html in expected.items():
        assert got[url] == html, url
