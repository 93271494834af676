"""A partial import file leaves what it does not mention as it is; size and nesting limits
give clear messages, and nothing is written."""

import copy

import pytest
from django.core.management import CommandError

from rounds.management.commands import import_rounds as command
from rounds.models import CooperationRequest, Delegation, Dialogue, RequestStatus, Round
from tests.importing.files import VALID, run, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(write):
    full = copy.deepcopy(VALID)
    dialogue = full["dialogues"][0]
    dialogue.update(
        short_name="Cuba–US LED",
        description="Talks on law enforcement.",
        aliases=["Diálogo de aplicación de la ley"],
        sources=["https://example.org/led"],
    )
    run(write(full, "full.json"))
    return Dialogue.objects.get(slug="cuba-us-led")


def partial_file(*rounds) -> dict:
    """A file that lists the dialogue by slug, name and parties only, with these rounds."""
    dialogue = VALID["dialogues"][0]
    keep = ("slug", "name", "parties")
    return {
        "format": "diplotrack-rounds/1",
        "dialogues": [{**{k: dialogue[k] for k in keep}, "rounds": list(rounds)}],
    }


def test_a_file_adding_one_round_leaves_the_dialogue_and_other_rounds_alone(write, imported):
    round_3 = Round.objects.get(dialogue=imported, number=3)
    before = {
        "topics": set(round_3.topics.values_list("slug", flat=True)),
        "ministries": set(Delegation.objects.values_list("ministries__acronym", flat=True)),
    }
    # Round 3 listed by number and date only, as a file adding round 5 might.
    run(
        write(
            partial_file(
                {"number": 3, "start_date": "2017-09-15"},
                {"number": 5, "start_date": "2019-11-20", "city": "Havana", "summary": "Met."},
            )
        )
    )
    imported.refresh_from_db()
    assert imported.short_name == "Cuba–US LED"
    assert imported.description == "Talks on law enforcement."
    assert imported.alias_list == ["Diálogo de aplicación de la ley"]
    assert imported.sources == ["https://example.org/led"]
    round_3.refresh_from_db()
    assert round_3.is_published and round_3.published_at is not None
    assert round_3.summary == "Reviewed counter-terrorism and cybercrime cooperation."
    assert round_3.city == "Washington, D.C." and round_3.host_country.code == "US"
    assert round_3.sources == ["https://example.org/r3"]
    assert set(round_3.topics.values_list("slug", flat=True)) == before["topics"]
    assert (
        set(Delegation.objects.values_list("ministries__acronym", flat=True))
        == (before["ministries"])
    )
    new = Round.objects.get(dialogue=imported, number=5)
    assert (new.status, new.end_date.isoformat(), new.city) == ("draft", "2019-11-20", "Havana")


def test_a_round_listed_without_status_keeps_its_status(write, imported):
    run(write(partial_file({"number": 4, "start_date": "2018-07-10"})))
    round_4 = Round.objects.get(dialogue=imported, number=4)
    assert round_4.is_published
    assert round_4.summary == "Agreed to continue the dialogue."
    request = CooperationRequest.objects.with_current_status().get()
    assert request.current_status == RequestStatus.CLARIFIED


def test_null_and_empty_lists_clear_what_they_name(write, imported):
    run(
        write(
            partial_file(
                {
                    "number": 3,
                    "start_date": "2017-09-15",
                    "status": "draft",
                    "summary": None,
                    "host": None,
                    "topics": [],
                    "sources": [],
                    "delegations": [{"country": "CU", "ministries": []}],
                }
            )
        )
    )
    round_3 = Round.objects.get(dialogue=imported, number=3)
    assert (round_3.summary, round_3.host_country, round_3.sources) == ("", None, [])
    assert not round_3.topics.exists()
    assert not round_3.delegations.get(country__code="CU").ministries.exists()
    assert round_3.city == "Washington, D.C."  # not named: kept


def test_an_absent_end_date_is_kept_and_a_contradiction_is_an_error(write, imported):
    round_4 = Round.objects.get(dialogue=imported, number=4)
    before = snapshot()
    with pytest.raises(CommandError, match="end date cannot be before the start date"):
        run(write(partial_file({"number": 4, "start_date": "2018-07-12"})))
    assert snapshot() == before
    round_4.refresh_from_db()
    assert round_4.start_date.isoformat() == "2018-07-10"


def test_a_huge_summary_is_refused_with_its_limit(write, imported):
    huge = {"number": 6, "start_date": "2021-01-01", "summary": "x" * 5_000_000}
    before = snapshot()
    with pytest.raises(CommandError) as error:
        run(write(partial_file(huge)))
    message = str(error.value)
    assert "rounds[0] (round 6 of cuba-us-led) › summary" in message or "summary:" in message
    assert "at most 20000 characters (it has 5000000)" in message
    assert "Nothing was imported" in message
    assert snapshot() == before


def test_a_deeply_nested_file_is_a_clear_error(write):
    with pytest.raises(CommandError, match="nested far too deeply") as error:
        run(write('{"dialogues": ' + "[" * 200_000 + "]" * 200_000 + "}"))
    assert "RecursionError" not in str(error.value)


def test_a_file_over_the_size_limit_is_refused_before_reading(write, monkeypatch):
    monkeypatch.setattr(command, "MAX_FILE_BYTES", 1000)
    with pytest.raises(CommandError, match="an import file may have at most"):
        run(write(VALID))
    assert not Dialogue.objects.exists()
