"""`?include=` widens the search exports with a round's records, still streamed."""

import csv
import io
import json

import pytest

from rounds import exports
from rounds.models import RequestStatus, RoundStatus
from tests.factories import (
    make_agreement,
    make_communique,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_update,
)

pytestmark = pytest.mark.django_db

EVERYTHING = "include=delegations,statements,agreements,requests,communiques,sources"


@pytest.fixture(autouse=True)
def streamed(monkeypatch):
    """These tests read exports as streams (how a large result set is sent); a small one is
    sent whole, test_a_small_export_is_sent_whole_with_the_same_content."""
    monkeypatch.setattr(exports, "WHOLE_UP_TO", -1)


def body_of(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def round_():
    dialogue = make_dialogue(slug="d")
    round_ = make_round(dialogue=dialogue, number=1, source_urls="https://round.example/")
    cuba = dialogue.party_a
    delegation = make_delegation(round=round_, country=cuba)
    delegation.ministries.add(make_ministry(country=cuba, name="Interior", acronym="MININT"))
    make_delegate(delegation=delegation, person=make_person(name="Ana Head"), role="head")
    communique = make_communique(round=round_, title="Joint note", url="https://note.example/")
    make_statement(round=round_, text="=Urged the other side", communique=communique)
    make_agreement(round=round_, text="Continue the dialogue.")
    request = make_request(opened_in=round_, description="Return fugitives")
    later = make_round(dialogue=dialogue, number=2)
    make_update(request=request, round=later, status=RequestStatus.PENDING, note="Still open")
    draft = make_round(dialogue=dialogue, number=3, status=RoundStatus.DRAFT)
    make_update(request=request, round=draft, status=RequestStatus.FULFILLED, note="DRAFT NEWS")
    hidden = make_request(opened_in=draft, description="DRAFT REQUEST")
    make_update(request=hidden, round=later, status=RequestStatus.PENDING, note="DRAFT OPENED")
    return round_


def test_json_export_includes_the_rounds_records_in_the_import_format(client, round_):
    data = json.loads(body_of(client.get(f"/rounds/export.json?sort=date&{EVERYTHING}")))
    first, second = data["results"]
    assert first["delegations"][0]["ministries"] == ["Interior"]
    assert first["delegations"][0]["delegates"][0]["name"] == "Ana Head"
    assert first["statements"][0]["communique"] == first["communiques"][0]["ref"]
    assert [a["text"] for a in first["agreements"]] == ["Continue the dialogue."]
    assert first["requests"][0]["description"] == "Return fugitives"
    assert first["sources"] == ["https://round.example/"]
    assert second["request_updates"] == [
        {
            "id": second["request_updates"][0]["id"],
            "request": first["requests"][0]["ref"],
            "status": "pending",
            "note": "Still open",
            "sources": [],
            "uncertain": "",
        }
    ]
    assert "DRAFT" not in json.dumps(data)


def test_csv_export_adds_one_readable_column_per_part(client, round_):
    rows = list(
        csv.DictReader(
            io.StringIO(
                body_of(client.get(f"/rounds/export.csv?sort=date&{EVERYTHING}")).lstrip("\ufeff")
            )
        )
    )
    assert rows[0]["delegations"] == "XA: Interior — Ana Head (head)".replace(
        "XA", round_.dialogue.party_a.code
    )
    assert rows[0]["statements"].endswith("stated: =Urged the other side")
    assert rows[0]["communiques"] == "Joint note <https://note.example/>"
    assert rows[0]["sources"] == "https://round.example/"
    assert "[pending]: Still open" in rows[1]["request_updates"]
    assert "DRAFT" not in str(rows)


def test_without_include_the_columns_are_unchanged(client, round_):
    header = body_of(client.get("/rounds/export.csv")).lstrip("\ufeff").splitlines()[0]
    assert (
        header == "dialogue,number,start_date,end_date,date_precision,city,host,topics,url,summary"
    )


@pytest.mark.parametrize("value", ["everything", "delegations,bogus", "x" * 300, "%00"])
def test_an_unknown_part_is_a_400_saying_what_to_choose(client, round_, value):
    for url in ("/rounds/export.csv", "/rounds/export.json"):
        response = client.get(f"{url}?include={value}")
        assert response.status_code == 400
        assert "include" in response.content.decode()


def test_wide_exports_stream_with_bounded_queries(client, django_assert_max_num_queries):
    dialogue = make_dialogue()
    for n in range(1, 61):
        round_ = make_round(dialogue=dialogue, number=n)
        make_delegate(delegation=make_delegation(round=round_))
        make_statement(round=round_)
        make_request(opened_in=round_)
    with django_assert_max_num_queries(16):
        assert body_of(client.get(f"/rounds/export.json?{EVERYTHING}")).count('"number"') == 60
