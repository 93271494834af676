"""CSV and JSON exports and the Atom feed of a search: the same rounds as the search page."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from itertools import islice

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from rounds import exports
from rounds.models import Round, RoundStatus, derived
from tests.factories import make_country, make_dialogue, make_round, make_topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def streamed(monkeypatch):
    """These tests read exports as streams (how a large result set is sent); a small one is
    sent whole, test_a_small_export_is_sent_whole_with_the_same_content."""
    monkeypatch.setattr(exports, "WHOLE_UP_TO", -1)


def body_of(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body_of(response).lstrip("\ufeff"))))


def page_urls(client, params) -> list[str]:
    """Walk every page of the search and return the rounds' URLs in order."""
    urls, page = [], 1
    while True:
        response = client.get("/rounds/", {**params, "page": page})
        urls += ["http://testserver" + r.get_absolute_url() for r in response.context["rounds"]]
        if not response.context["page_obj"].has_next():
            return urls
        page += 1


@pytest.fixture
def many_rounds():
    topic = make_topic(slug="cyber-x", name="cyber x")
    dialogue = make_dialogue(slug="cu-us")
    for n in range(45):
        make_round(
            dialogue=dialogue,
            topics=[topic] if n % 3 else [],
            summary=f"Round {n + 1}: talks on cybercrime.",
            host_country=dialogue.party_a,
        )
    make_round(dialogue=dialogue, topics=[topic], status=RoundStatus.DRAFT)
    return topic


@pytest.mark.parametrize(
    "params",
    [{"topic": "cyber-x"}, {"topic": "cyber-x", "sort": "date"}, {"q": "cybercrime"}, {}],
    ids=["topic", "oldest-first", "full-text", "everything"],
)
def test_csv_and_json_hold_every_page_of_the_search_in_order(client, many_rounds, params):
    expected = page_urls(client, params)
    assert len(expected) > 20, "more than one page"
    rows = csv_rows(client.get("/rounds/export.csv", params))
    assert [row["url"] for row in rows] == expected
    data = json.loads(body_of(client.get("/rounds/export.json", params)))
    assert [record["url"] for record in data["results"]] == expected


def test_csv_columns_and_values(client):
    topic = make_topic(slug="drugs-x", name="drugs x")
    round_ = make_round(
        dialogue=make_dialogue(slug="cu-us"), topics=[topic], city="Havana", summary="Talks."
    )
    round_.host_country = round_.dialogue.party_a
    round_.save()
    response = client.get("/rounds/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="diplotrack-rounds-')
    assert response["Content-Disposition"].endswith('.csv"')
    (row,) = csv_rows(response)
    assert list(row) == exports.COLUMNS
    assert row == {
        "dialogue": "cu-us",
        "number": "1",
        "start_date": round_.start_date.isoformat(),
        "end_date": round_.end_date.isoformat(),
        "date_precision": "day",
        "city": "Havana",
        "host": "CU",
        "topics": "drugs-x",
        "url": "http://testserver/dialogues/cu-us/rounds/1/",
        "summary": "Talks.",
    }


def test_json_export_records_and_filters(client):
    make_round(summary="Ünïcode “quotes”", topics=[make_topic(slug="t-x")])
    response = client.get("/rounds/export.json", {"topic": "t-x"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].endswith('.json"')
    data = json.loads(body_of(response))
    assert data["filters"] == {"topic": "t-x"}
    (record,) = data["results"]
    assert record["summary"] == "Ünïcode “quotes”"
    assert record["topics"] == ["t-x"]


def test_empty_result_exports_are_valid_files(client):
    response = client.get("/rounds/export.json", {"q": "nothing-matches-this"})
    assert json.loads(body_of(response))["results"] == []
    assert csv_rows(client.get("/rounds/export.csv", {"q": "nothing-matches-this"})) == []


def test_cells_that_spreadsheets_would_run_as_formulas_are_neutralised(client):
    make_round(summary='=HYPERLINK("http://evil")', city="@SUM(1)")
    (row,) = csv_rows(client.get("/rounds/export.csv"))
    assert row["summary"] == '\'=HYPERLINK("http://evil")'
    assert row["city"] == "'@SUM(1)"


def test_drafts_are_never_exported(client):
    make_round(summary="public")
    make_round(summary="secret", status=RoundStatus.DRAFT)
    assert [r["summary"] for r in csv_rows(client.get("/rounds/export.csv"))] == ["public"]


@pytest.mark.parametrize("url", ["/rounds/export.csv", "/rounds/export.json", "/feeds/search/"])
@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"topic": "no-such-topic"}, "topic: Select a valid choice."),
        ({"date_from": "2020-01-01", "date_to": "2019-01-01"}, "date_to: The end date"),
        ({"year": "99999999999999999999"}, "year: Ensure this value is less than or equal"),
        ({"q": "a\x00b"}, "q: Null characters are not allowed."),
    ],
)
def test_invalid_parameters_answer_400_with_the_reason(client, url, params, reason):
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert reason in response.content.decode()


def test_each_rounds_topics_are_listed_in_topic_name_order_across_chunks(client, monkeypatch):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    # Slugs in another order than names: the names decide.
    topics = [make_topic(slug=slug, name=name) for slug, name in [("z-1", "a"), ("a-1", "c")]]
    dialogue = make_dialogue(slug="cu-us")
    for n in range(5):
        make_round(dialogue=dialogue, topics=topics[: n % 3], summary=f"Round {n}.")
    by_summary = {
        row["summary"]: row["topics"] for row in csv_rows(client.get("/rounds/export.csv"))
    }
    assert by_summary == {
        "Round 0.": "",
        "Round 1.": "z-1",
        "Round 2.": "z-1 a-1",
        "Round 3.": "",
        "Round 4.": "z-1",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL planner setting")
def test_postgresql_plans_server_side_cursors_for_every_row():
    """Exports read WITH HOLD cursors to the end: no plan for their first rows only."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW cursor_tuple_fraction")
        assert cursor.fetchone() == ("1",)


def test_exports_stream_with_bounded_queries(client):
    dialogues = [make_dialogue() for _ in range(3)]
    topics = [make_topic() for _ in range(3)]
    Round.objects.bulk_create(
        Round(
            dialogue=dialogue,
            number=n,
            start_date=datetime.date(1800, 1, 1) + datetime.timedelta(days=30 * n),
            end_date=datetime.date(1800, 1, 1) + datetime.timedelta(days=30 * n),
            summary="Met.",
            status=RoundStatus.PUBLISHED,
            published_at="2024-01-01T00:00:00Z",
        )
        for dialogue in dialogues
        for n in range(1, 401)
    )
    Through = Round.topics.through
    Through.objects.bulk_create(
        Through(round_id=pk, threattopic_id=t.pk)
        for pk in Round.objects.values_list("pk", flat=True)
        for t in topics
    )
    derived.refresh_all()  # bulk_create sends no signal
    for url in ("/rounds/export.csv", "/rounds/export.json"):
        with CaptureQueriesContext(connection) as queries:
            body = body_of(client.get(url))
        assert body.count("/dialogues/") == 1200
        # Each chunk of 500 rounds: one read (with its joins and, on PostgreSQL, the topics),
        # elsewhere one query of the chunk's topics.
        assert len(queries) <= 2 * 3 + 4
    csv_rows = body_of(client.get("/rounds/export.csv")).splitlines()
    assert len(csv_rows) == 1 + 1200 and len(set(csv_rows)) == len(csv_rows)
    assert all(row.endswith(",Met.") for row in csv_rows[1:])


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_head_on_an_export_answers_its_headers_without_reading_rounds(client, extension):
    make_round(topics=[make_topic()])
    with CaptureQueriesContext(connection) as queries:
        response = client.head(f"/rounds/export.{extension}?q=cooperation")
    assert response.status_code == 200 and response.content == b""
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    assert response["Content-Type"].startswith(
        "text/csv" if extension == "csv" else "application/json"
    )
    assert not any('FROM "rounds_round"' in q["sql"] for q in queries.captured_queries)
    assert client.head("/rounds/export.csv?year=abc").status_code == 400


# --- the Atom feed of a search ----------------------------------------------------------------


def feed_entries(response) -> list[str]:
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")]


def test_search_feed_lists_the_matching_rounds_newest_first(client):
    topic = make_topic(slug="cyber-x", name="cyber x")
    dialogue = make_dialogue(slug="cu-us")
    old = make_round(dialogue=dialogue, topics=[topic])
    make_round(dialogue=dialogue)
    new = make_round(dialogue=dialogue, topics=[topic])
    response = client.get("/feeds/search/", {"topic": "cyber-x"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed_entries(response) == [
        "http://testserver" + new.get_absolute_url(),
        "http://testserver" + old.get_absolute_url(),
    ]
    root = ET.fromstring(response.content)
    assert "cyber x" in root.find(f"{ATOM}title").text
    link = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert link == "http://testserver/rounds/?topic=cyber-x"
    own = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert own == "http://testserver/feeds/search/?topic=cyber-x"


def test_search_feed_title_survives_control_characters(client):
    make_round(city="Havana")
    response = client.get("/feeds/search/", {"q": "\x08talks\x1f", "city": "hav\x0bana"})
    assert response.status_code == 200
    title = ET.fromstring(response.content).find(f"{ATOM}title").text
    assert "\x08" not in title and "\x0b" not in title


def test_search_page_links_to_its_exports_and_feed(client):
    make_round(topics=[make_topic(slug="cyber-x")], host_country=make_country(code="CU"))
    html = client.get("/rounds/", {"topic": "cyber-x", "page": "1"}).content.decode()
    assert 'href="/rounds/export.csv?topic=cyber-x"' in html
    assert 'href="/rounds/export.json?topic=cyber-x"' in html
    assert 'href="/feeds/search/?topic=cyber-x"' in html


def _failing_records(after: int):
    """Records for `after` rounds, then a database that stops answering."""

    def records(queryset, request, includes=()):
        yield from islice(real_iter_records(queryset, request, includes), after)
        raise OperationalError("server closed the connection unexpectedly")

    return records


real_iter_records = exports.iter_records


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_an_export_the_database_cannot_start_answers_503(client, monkeypatch, extension):
    make_round(number=1)
    monkeypatch.setattr(exports, "iter_records", _failing_records(after=0))
    response = client.get(f"/rounds/export.{extension}")
    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_an_export_cut_short_ends_visibly_incomplete(client, monkeypatch, extension):
    dialogue = make_dialogue()
    for number in (1, 2, 3):
        make_round(dialogue=dialogue, number=number)
    monkeypatch.setattr(exports, "iter_records", _failing_records(after=2))
    response = client.get(f"/rounds/export.{extension}")
    assert response.status_code == 200  # the headers went out with the first rows
    received = []
    with pytest.raises(OperationalError):  # the server then breaks the connection
        for chunk in response.streaming_content:
            received.append(chunk.decode())
    body = "".join(received)
    assert body.endswith(exports.INCOMPLETE[extension])
    if extension == "json":
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_a_small_export_is_sent_whole_with_the_same_content(
    client, many_rounds, monkeypatch, extension
):
    """Up to WHOLE_UP_TO rounds an export is one response (the page cache can keep it), with
    the rounds a stream gives; above it, a stream."""
    url = f"/rounds/export.{extension}?topic=cyber-x"
    monkeypatch.setattr(exports, "WHOLE_UP_TO", 30)  # the topic is on 30 published rounds
    whole = client.get(url)
    assert whole.status_code == 200 and not whole.streaming
    assert whole["Content-Disposition"].startswith("attachment;")
    monkeypatch.setattr(exports, "WHOLE_UP_TO", 29)
    streamed = client.get(url)
    assert streamed.streaming
    whole_body, streamed_body = whole.content.decode(), body_of(streamed)
    if extension == "json":
        whole_body = json.loads(whole_body)["results"]
        streamed_body = json.loads(streamed_body)["results"]
        assert len(whole_body) == 30
    assert whole_body == streamed_body
