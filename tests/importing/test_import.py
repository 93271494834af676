"""`import_rounds`: atomic, idempotent, with errors that name the record and field."""

import copy

import pytest
from django.core.management import CommandError, call_command

from rounds.importing import import_rounds
from rounds.models import (
    CooperationRequest,
    Country,
    Dialogue,
    Ministry,
    Office,
    RequestStatus,
    Round,
)
from tests.importing.files import VALID, run, snapshot

pytestmark = pytest.mark.django_db


def test_import_creates_the_records(write):
    run(write(VALID))
    dialogue = Dialogue.objects.get(slug="cuba-us-led")
    r4 = Round.objects.get(dialogue=dialogue, number=4)
    assert r4.city == "Washington, D.C."
    assert r4.is_published and r4.published_at is not None
    assert r4.previous_round().start_date.isoformat() == "2017-09-15"
    r3 = r4.previous_round()
    assert sorted(r3.topics.values_list("slug", flat=True)) == ["cybercrime", "terrorism"]
    assert r3.sources == ["https://example.org/r3"]
    assert r4.uncertain_note == "The agreement text was cut off."
    cu = r3.delegations.get(country__code="CU")
    assert list(cu.ministries.values_list("acronym", flat=True)) == ["MININT"]
    assert Ministry.objects.get(acronym="FBI").parent.acronym == "DOJ"
    statement = r4.statements.get()
    assert statement.communique.language == "es"
    request = CooperationRequest.objects.with_current_status().get()
    assert request.current_status == RequestStatus.CLARIFIED
    assert request.updates.count() == 2


def test_import_twice_changes_nothing(write):
    path = write(VALID)
    run(path)
    before = snapshot()
    history_before = Round.history.count()
    call_command("import_rounds", path, verbosity=0)
    assert snapshot() == before
    assert Round.history.count() == history_before


def test_reimport_updates_changed_values(write):
    run(write(VALID))
    changed = copy.deepcopy(VALID)
    changed["dialogues"][0]["rounds"][1]["city"] = "Havana"
    run(write(changed, "changed.json"))
    assert Round.objects.get(number=4).city == "Havana"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["dialogues"][0]["parties"].__setitem__(1, "ZZ"), "Unknown country “ZZ”"),
        (
            lambda d: d["dialogues"][0]["rounds"][1].__setitem__("number", 3),
            "Duplicate round number 3",
        ),
        (
            lambda d: d["dialogues"][0]["rounds"][1].__setitem__("end_date", "2018-07-09"),
            "end date cannot be before the start date",
        ),
        (
            lambda d: d["dialogues"][0]["rounds"][0]["topics"].append("piracy"),
            "Topic “piracy” not found",
        ),
        (
            lambda d: d["dialogues"][0]["rounds"][1].__setitem__("start_date", "2018-02-30"),
            "not a real date",
        ),
        (
            lambda d: d["dialogues"][0]["rounds"][1]["statements"].append(
                {"side": "MX", "text": "x"}
            ),
            "Unknown country “MX”",
        ),
        (
            lambda d: (
                d["dialogues"][0]["rounds"][0].__setitem__("host", "CN")
                or d["countries"].append({"code": "CN", "name": "China"})
            ),
            "host_country",
        ),
    ],
    ids=[
        "unknown-country",
        "duplicate-round",
        "end-before-start",
        "unknown-topic",
        "impossible-date",
        "unknown-side",
        "host-not-party",
    ],
)
def test_bad_file_names_the_problem_and_writes_nothing(write, mutate, expected):
    data = copy.deepcopy(VALID)
    mutate(data)
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        run(write(data))
    message = str(excinfo.value)
    assert expected in message
    assert "dialogues[0].rounds[" in message or "parties" in message
    assert "Nothing was imported" in message
    assert snapshot() == before


def test_error_in_last_round_rolls_back_earlier_records(write):
    data = copy.deepcopy(VALID)
    data["dialogues"][0]["rounds"][1]["end_date"] = "2018-01-01"
    with pytest.raises(CommandError):
        run(write(data))
    assert not Country.objects.exists()
    assert not Round.objects.exists()


def test_malformed_json_gives_line_and_column(write):
    before = snapshot()
    with pytest.raises(CommandError) as excinfo:
        run(write('{"format": "diplotrack-rounds/1", "countries": [}'))
    assert "not valid JSON at line 1, column" in str(excinfo.value)
    assert snapshot() == before


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        run(str(tmp_path / "nope.json"))
    assert "no such file" in str(excinfo.value)


def test_wrong_type_is_named(write):
    data = copy.deepcopy(VALID)
    data["dialogues"][0]["rounds"][0]["number"] = "three"
    with pytest.raises(CommandError) as excinfo:
        run(write(data))
    assert "dialogues[0].rounds[0] › number" in str(excinfo.value)
    assert "must be a whole number, not str" in str(excinfo.value)


def test_update_of_unknown_request_is_refused(write):
    data = copy.deepcopy(VALID)
    data["dialogues"][0]["rounds"][1]["request_updates"][0]["request"] = "nope"
    with pytest.raises(CommandError) as excinfo:
        run(write(data))
    assert "No request “nope”" in str(excinfo.value)


def test_progress_is_shown_on_large_files(write, capsys):
    data = copy.deepcopy(VALID)
    rounds = data["dialogues"][0]["rounds"]
    template = {
        "start_date": "2019-01-01",
        "city": "Havana",
        "status": "published",
        "summary": "Met.",
    }
    rounds.extend({**template, "number": n} for n in range(5, 65))
    call_command("import_rounds", write(data), verbosity=1)
    err = capsys.readouterr().err
    assert "/62 rounds" in err
    assert Round.objects.count() == 62


def test_partial_dates_keep_their_precision(write):
    data = copy.deepcopy(VALID)
    data["dialogues"][0]["rounds"][1]["start_date"] = "2018-07"
    data["dialogues"][0]["rounds"][1].pop("end_date")
    run(write(data))
    r4 = Round.objects.get(number=4)
    assert r4.date_precision == "month"
    assert r4.date_label == "July 2018"


def test_ambiguous_alias_is_refused(write):
    data = copy.deepcopy(VALID)
    data["topics"].append(
        {"slug": "cyberterrorism", "name": "cyberterrorism", "aliases": ["delitos cibernéticos"]}
    )
    with pytest.raises(CommandError) as excinfo:
        run(write(data))
    assert "is an alias of several records" in str(excinfo.value)


def test_a_ministry_brings_its_offices_and_a_second_import_changes_nothing(db):

    data = {
        "countries": [{"code": "US", "name": "United States"}],
        "ministries": [
            {
                "country": "US",
                "name": "Department of Justice",
                "acronym": "DOJ",
                "kind": "justice",
                "offices": [{"title": "Attorney General", "aliases": ["fiscal general"]}],
            }
        ],
    }
    import_rounds(data)
    office = Office.objects.get()
    assert (office.title, office.alias_list, office.ministry.acronym) == (
        "Attorney General",
        ["fiscal general"],
        "DOJ",
    )
    assert not import_rounds(data).changed


def test_an_import_that_changes_a_round_raises_its_version_and_one_that_changes_nothing_not(db):
    """A round page loaded before an import must not save over what the import changed."""

    data = {
        "countries": [{"code": "CU", "name": "Cuba"}, {"code": "US", "name": "United States"}],
        "dialogues": [
            {
                "slug": "d",
                "name": "D",
                "parties": ["CU", "US"],
                "rounds": [{"number": 1, "start_date": "2016-05-17", "city": "Havana"}],
            }
        ],
    }
    import_rounds(data)
    created = Round.objects.get().version
    import_rounds(data)
    assert Round.objects.get().version == created  # nothing changed
    data["dialogues"][0]["rounds"][0]["statements"] = [{"side": "CU", "text": "Urged talks."}]
    import_rounds(data)
    assert Round.objects.get().version == created + 1
