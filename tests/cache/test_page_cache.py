"""The page cache (rounds/cache.py): public pages served whole, never stale."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date

from rounds import cache as page_cache
from rounds import exports, services
from rounds.importing import import_rounds
from rounds.models import DataVersion, Round, RoundStatus
from tests.factories import make_dialogue, make_round, make_topic

pytestmark = pytest.mark.django_db


def entries():
    """The page entries in the (locmem) cache."""
    return [key for key in cache._cache if ":page:" in key and "version" not in key]


@pytest.fixture
def dialogue():
    dialogue = make_dialogue(name="Cuba–US LED", slug="cuba-us-led")
    make_round(dialogue=dialogue, number=1, city="Havana")
    return dialogue


def test_a_second_request_is_served_from_the_cache_without_the_view(
    cached, client, dialogue, django_assert_max_num_queries
):
    url = dialogue.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200 and len(entries()) == 1
    with django_assert_max_num_queries(1):  # the data version's row, nothing else
        second = client.get(url)
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_a_publish_shows_on_the_next_anonymous_request(cached, client, dialogue):
    draft = make_round(dialogue=dialogue, number=2, city="Washington", status=RoundStatus.DRAFT)
    url = dialogue.get_absolute_url()
    assert "Washington" not in client.get(url).content.decode()
    services.round_publish(round=draft, by=None)
    assert "Washington" in client.get(url).content.decode()
    services.round_unpublish(round=Round.objects.get(pk=draft.pk), by=None)
    assert "Washington" not in client.get(url).content.decode()


def test_a_publish_in_the_admin_shows_on_the_next_anonymous_request(
    cached, client, admin_client, dialogue
):
    draft = make_round(dialogue=dialogue, number=2, city="Washington", status=RoundStatus.DRAFT)
    url = dialogue.get_absolute_url()
    assert "Washington" not in client.get(url).content.decode()
    response = admin_client.post(reverse("admin:rounds_round_publish", args=[draft.pk]))
    assert response.status_code == 302
    assert "Washington" in client.get(url).content.decode()


def test_a_rolled_back_write_leaves_the_version(cached, token, dialogue):
    before = token()
    with transaction.atomic():
        make_topic(name="piracy", slug="piracy")
        transaction.set_rollback(True)
    assert token() == before


def test_an_atomic_block_writes_the_token_once(cached, dialogue):
    with transaction.atomic():
        make_topic(name="piracy", slug="piracy")
        with CaptureQueriesContext(connection) as queries:
            make_topic(name="smuggling", slug="smuggling")
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "rounds_dataversion" in q["sql"]]


def test_m2m_changes_and_bulk_touches_move_the_version(cached, token, dialogue):
    round_ = dialogue.rounds.get()
    topic = make_topic(name="piracy", slug="piracy")
    before = token()
    with transaction.atomic():  # each write in its own transaction, as requests make them
        round_.topics.add(topic)
    after_m2m = token()
    assert after_m2m != before
    with transaction.atomic():
        services.round_touch(round_ids=[round_.pk])
    assert token() != after_m2m


def test_start_next_round_moves_the_version(cached, token, dialogue, admin_user):
    before = token()
    services.round_start_next(round=dialogue.rounds.get(), by=admin_user)
    assert token() != before


def test_an_admin_inline_save_moves_the_version(cached, token, admin_client, dialogue):
    round_ = dialogue.rounds.get()
    page = admin_client.get(reverse("admin:rounds_round_change", args=[round_.pk]))
    form = page.context["adminform"].form
    data = {name: field.value() for name, field in ((b.html_name, b) for b in form)}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for bound in management:
            data[bound.html_name] = bound.value()
    data["topics"] = [make_topic(name="piracy", slug="piracy").pk]
    data["start_date"] = round_.start_date.isoformat()
    data["end_date"] = round_.end_date.isoformat()
    before = token()
    response = admin_client.post(reverse("admin:rounds_round_change", args=[round_.pk]), data)
    assert response.status_code == 302, response.context and [
        f.errors for f in [response.context["adminform"].form]
    ]
    assert token() != before


def test_an_import_moves_the_version(cached, token, db):
    before = token()
    import_rounds({"countries": [{"code": "CU", "name": "Cuba"}]})
    assert token() != before


def test_staff_pages_are_never_cached_and_say_private(cached, admin_client, client, dialogue):
    url = dialogue.get_absolute_url()
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert "ETag" not in response
    assert entries() == []


def test_a_draft_preview_is_not_cached(cached, client, dialogue, django_user_model):
    draft = make_round(dialogue=dialogue, number=2, status=RoundStatus.DRAFT, summary="")
    staff = django_user_model.objects.create_user("ed", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_round"))
    preview = Client()
    preview.force_login(staff)
    assert preview.get(draft.get_absolute_url()).status_code == 200
    assert entries() == []
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_responses_that_set_cookies_or_carry_a_csrf_token_are_not_cached(cached, client, db):
    response = client.get(reverse("admin:login"))  # a POST form: its CSRF token and cookie
    assert response.status_code == 200 and response.cookies
    assert entries() == []


def test_non_200_responses_and_posts_are_not_cached(cached, client, dialogue):
    assert client.get("/dialogues/no-such-dialogue/").status_code == 404
    assert client.get(reverse("api:index")).status_code == 302
    client.post(dialogue.get_absolute_url())
    assert entries() == []


def test_small_exports_are_cached_and_streamed_ones_are_not(cached, client, dialogue, monkeypatch):
    url = reverse("rounds:round-export-csv")
    first = client.get(url)
    assert first.status_code == 200 and not first.streaming and len(entries()) == 1
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.content == first.content
    assert len(queries) == 1  # the data version's row, nothing else
    cache.clear()
    monkeypatch.setattr(exports, "WHOLE_UP_TO", -1)  # as if more rounds matched: a stream
    response = client.get(url)
    assert response.streaming and entries() == []


def test_a_cached_public_page_says_how_long_a_proxy_may_keep_it(cached, client, dialogue):
    cached.PAGE_CACHE_S_MAXAGE = 120
    cached.PAGE_CACHE_STALE_WHILE_REVALIDATE = 45
    response = client.get(dialogue.get_absolute_url())
    control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert control == {"public", "max-age=0", "s-maxage=120", "stale-while-revalidate=45"}
    assert response["Last-Modified"] == http_date(DataVersion.objects.get().changed_at.timestamp())


def test_a_matching_etag_gets_304_until_the_data_changes(cached, client, dialogue):
    url = dialogue.get_absolute_url()
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    with transaction.atomic():
        make_topic(name="piracy", slug="piracy")
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 200 and response["ETag"] != etag


def test_if_modified_since_gets_304_until_the_data_changes(cached, client, dialogue):
    url = dialogue.get_absolute_url()
    last_modified = client.get(url)["Last-Modified"]
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    DataVersion.objects.update(
        changed_at=DataVersion.objects.get().changed_at + datetime.timedelta(seconds=5)
    )
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 200


def test_the_language_is_part_of_the_key(cached, dialogue):
    request = RequestFactory().get(dialogue.get_absolute_url())
    with translation.override("en"):
        english = page_cache.page_key(request)
    with translation.override("es"):
        spanish = page_cache.page_key(request)
    assert english != spanish


def test_api_responses_for_different_accept_headers_are_not_mixed(cached, client, dialogue):
    url = reverse("api:schema")
    json_schema = client.get(url, headers={"Accept": "application/vnd.oai.openapi+json"})
    yaml_schema = client.get(url, headers={"Accept": "application/vnd.oai.openapi"})
    assert json_schema.status_code == yaml_schema.status_code == 200
    assert json_schema["Content-Type"] != yaml_schema["Content-Type"]
    again = client.get(url, headers={"Accept": "application/vnd.oai.openapi"})
    assert again["Content-Type"] == yaml_schema["Content-Type"]
    assert again.content == yaml_schema.content


def test_query_strings_are_separate_entries(cached, client, dialogue):
    make_round(dialogue=dialogue, number=2, city="Washington")
    assert client.get("/rounds/?q=Washington").content != client.get("/rounds/?q=Havana").content
    assert len(entries()) == 2


def test_django_page_cache_0_turns_it_off(settings, client, dialogue):
    settings.PAGE_CACHE = False
    response = client.get(dialogue.get_absolute_url())
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert entries() == []


def test_with_the_cache_off_a_matching_etag_gets_304_without_rendering(
    settings, client, dialogue, django_assert_max_num_queries
):
    settings.PAGE_CACHE = False
    url = dialogue.get_absolute_url()
    first = client.get(url)
    etag = first["ETag"]
    with django_assert_max_num_queries(1):  # the data version's row, not the page's queries
        again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    assert client.get(url + "?x=1", headers={"If-None-Match": etag}).status_code == 200
    with transaction.atomic():
        make_topic(name="piracy", slug="piracy")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert entries() == []


def test_a_page_never_given_an_etag_is_never_answered_304(settings, client, dialogue):
    settings.PAGE_CACHE = False
    missing = "/dialogues/no-such-dialogue/"
    assert "ETag" not in client.get(missing)
    stamp = http_date(DataVersion.objects.get().changed_at.timestamp() + 60)
    assert client.get(missing, headers={"If-Modified-Since": stamp}).status_code == 404


def test_each_language_gets_its_own_entry(cached, client, dialogue):
    url = dialogue.get_absolute_url()
    english = client.get(url).content
    client.get(f"/es{url}")  # the first Spanish page sets the language cookie: not stored
    spanish = client.get(f"/es{url}").content
    assert len(entries()) == 2
    assert client.get(url).content == english
    assert client.get(f"/es{url}").content == spanish != english
