"""Data migrations convert what is stored, both ways."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("rounds", "0007_office")]
AFTER = [("rounds", "0008_round_dates_provisional")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_provisional_dates_prefix_becomes_a_flag_and_back():
    old = migrate(BEFORE)
    Country = old.get_model("rounds", "Country")
    Dialogue = old.get_model("rounds", "Dialogue")
    Round = old.get_model("rounds", "Round")
    cuba = Country.objects.create(code="CU", name="Cuba")
    usa = Country.objects.create(code="US", name="United States")
    dialogue = Dialogue.objects.create(name="D", slug="d", party_a=cuba, party_b=usa)
    day = datetime.date(2018, 7, 11)
    started = Round.objects.create(
        dialogue=dialogue,
        number=5,
        start_date=day,
        end_date=day,
        uncertain_note="Provisional dates: this draft was started from round 4; set the real "
        "dates.\nOnly one secondary source.",
    )
    plain = Round.objects.create(
        dialogue=dialogue, number=4, start_date=day, end_date=day, uncertain_note="A note."
    )
    try:
        new = migrate(AFTER).get_model("rounds", "Round")
        converted = new.objects.get(pk=started.pk)
        assert converted.dates_provisional
        assert converted.uncertain_note == "Only one secondary source."
        untouched = new.objects.get(pk=plain.pk)
        assert (untouched.dates_provisional, untouched.uncertain_note) == (False, "A note.")

        back = migrate(BEFORE).get_model("rounds", "Round")
        assert back.objects.get(pk=started.pk).uncertain_note.startswith("Provisional dates:")
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _dialogue_and_round(apps, **round_fields):
    Country = apps.get_model("rounds", "Country")
    Dialogue = apps.get_model("rounds", "Dialogue")
    cuba = Country.objects.create(code="CU", name="Cuba")
    usa = Country.objects.create(code="US", name="United States")
    dialogue = Dialogue.objects.create(name="D", slug="d", party_a=cuba, party_b=usa)
    day = datetime.date(2018, 7, 10)
    round_ = apps.get_model("rounds", "Round").objects.create(
        dialogue=dialogue, number=4, start_date=day, end_date=day, **round_fields
    )
    return usa, round_


NOT_MENTIONED_BEFORE = [("rounds", "0008_round_dates_provisional")]
NOT_MENTIONED_AFTER = [("rounds", "0009_request_not_mentioned_round_summary")]


@pytest.mark.django_db(transaction=True)
def test_carried_over_pending_updates_become_not_mentioned_and_back():
    old = migrate(NOT_MENTIONED_BEFORE)
    usa, round_ = _dialogue_and_round(old, summary="Met.")
    request = old.get_model("rounds", "CooperationRequest").objects.create(
        opened_in=round_, raised_by=usa, description="Return of fugitives"
    )
    Update = old.get_model("rounds", "RequestUpdate")
    carried = Update.objects.create(
        request=request, round=round_, status="pending", note="Carried over from round 3."
    )
    request_2 = old.get_model("rounds", "CooperationRequest").objects.create(
        opened_in=round_, raised_by=usa, description="Another"
    )
    stated = Update.objects.create(
        request=request_2, round=round_, status="pending", note="Still no answer."
    )
    try:
        new = migrate(NOT_MENTIONED_AFTER).get_model("rounds", "RequestUpdate")
        assert new.objects.get(pk=carried.pk).status == "not_mentioned"
        assert new.objects.get(pk=stated.pk).status == "pending"
        back = migrate(NOT_MENTIONED_BEFORE).get_model("rounds", "RequestUpdate")
        assert back.objects.get(pk=carried.pk).status == "pending"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_published_round_without_summary_stops_the_migration_with_what_to_fix():
    old = migrate(NOT_MENTIONED_BEFORE)
    _dialogue_and_round(old, status="published", published_at="2024-01-01T00:00:00Z")
    try:
        with pytest.raises(RuntimeError, match="no summary.*d round 4.*Write their summaries"):
            migrate(NOT_MENTIONED_AFTER)
        old.get_model("rounds", "Round").objects.update(summary="Met.")
        migrate(NOT_MENTIONED_AFTER)
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_people_get_unique_slugs_and_the_migration_reverses():
    old = migrate([("rounds", "0010_text_limits")])
    Country = old.get_model("rounds", "Country")
    Person = old.get_model("rounds", "Person")
    cuba = Country.objects.create(code="CU", name="Cuba")
    usa = Country.objects.create(code="US", name="United States")
    first = Person.objects.create(name="Yuri A. Gala López", country=cuba)
    namesake = Person.objects.create(name="Yuri A. Gala López", country=usa)
    try:
        new = migrate([("rounds", "0011_person_slug")]).get_model("rounds", "Person")
        assert new.objects.get(pk=first.pk).slug == "yuri-a-gala-lopez"
        assert new.objects.get(pk=namesake.pk).slug == "yuri-a-gala-lopez-2"
        back = migrate([("rounds", "0010_text_limits")]).get_model("rounds", "Person")
        assert back.objects.count() == 2
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
