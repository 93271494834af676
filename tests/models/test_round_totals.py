"""Dialogues and topics store their public round counts; every way of writing keeps them true.

The stored columns must always equal the rules (`round_totals`, `topic_round_count`), so the
home page, the dialogue list, the topic list and the unfiltered search facets read a column
instead of counting every published round.
"""

import datetime
import random
import threading
import time

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from rounds import services
from rounds.models import CooperationRequest, Dialogue, Round, RoundStatus, ThreatTopic, derived
from rounds.models.base import DERIVED_FIGURES_LOCK
from rounds.models.dialogues import ROUND_TOTAL_FIELDS, round_totals
from rounds.models.reference import topic_round_count
from rounds.models.requests import PUBLIC_STATUS_FIELDS
from tests.factories import make_dialogue, make_round, make_topic

pytestmark = pytest.mark.django_db


def assert_stored_figures_are_the_rules() -> None:
    dialogues = Dialogue.objects.order_by("pk")
    stored = list(dialogues.values_list("pk", *ROUND_TOTAL_FIELDS.values()))
    rules = {f"rule_{name}": expression for name, expression in round_totals().items()}
    computed = list(dialogues.annotate(**rules).values_list("pk", *rules))
    assert stored == computed
    topics = ThreatTopic.objects.order_by("pk")
    assert list(topics.values_list("pk", "public_round_count")) == list(
        topics.annotate(rule=topic_round_count()).values_list("pk", "rule")
    )


def totals_of(dialogue: Dialogue) -> tuple:
    return Dialogue.objects.values_list(*ROUND_TOTAL_FIELDS.values()).get(pk=dialogue.pk)


def count_of(topic: ThreatTopic) -> int:
    return ThreatTopic.objects.values_list("public_round_count", flat=True).get(pk=topic.pk)


def test_publishing_and_unpublishing_move_the_dialogue_and_topic_figures():
    topic = make_topic()
    dialogue = make_dialogue()
    first = make_round(dialogue=dialogue, start_date=datetime.date(2016, 5, 17), topics=[topic])
    second = make_round(dialogue=dialogue, start_date=datetime.date(2017, 9, 15), topics=[topic])
    assert totals_of(dialogue) == (2, datetime.date(2016, 5, 17), datetime.date(2017, 9, 15))
    assert count_of(topic) == 2
    services.round_unpublish(round=second, by=None)
    assert totals_of(dialogue) == (1, datetime.date(2016, 5, 17), datetime.date(2016, 5, 17))
    assert count_of(topic) == 1
    services.round_unpublish(round=first, by=None)
    assert totals_of(dialogue) == (0, None, None)
    assert not Dialogue.objects.public().filter(pk=dialogue.pk).exists()
    services.round_publish(round=first, by=None)
    assert Dialogue.objects.public().filter(pk=dialogue.pk).exists()
    assert_stored_figures_are_the_rules()


def test_topics_added_removed_and_cleared_from_either_side_are_counted():
    topics = [make_topic() for _ in range(3)]
    round_ = make_round(topics=topics[:2])
    assert [count_of(t) for t in topics] == [1, 1, 0]
    round_.topics.remove(topics[0])
    round_.topics.add(topics[2])
    assert [count_of(t) for t in topics] == [0, 1, 1]
    round_.topics.clear()
    assert [count_of(t) for t in topics] == [0, 0, 0]
    round_.topics.set(topics)
    assert [count_of(t) for t in topics] == [1, 1, 1]
    assert_stored_figures_are_the_rules()


def test_a_draft_rounds_topics_are_not_counted():
    topic = make_topic()
    make_round(status=RoundStatus.DRAFT, topics=[topic])
    assert count_of(topic) == 0


def test_redating_moving_and_deleting_a_round_refresh_every_dialogue_concerned():
    topic = make_topic()
    here, there = make_dialogue(), make_dialogue()
    round_ = make_round(dialogue=here, start_date=datetime.date(2018, 7, 10), topics=[topic])
    round_.start_date = round_.end_date = datetime.date(2019, 1, 2)
    round_.save()
    assert totals_of(here) == (1, datetime.date(2019, 1, 2), datetime.date(2019, 1, 2))
    round_ = Round.objects.get(pk=round_.pk)  # as the admin loads it
    round_.dialogue = there
    round_.save()
    assert totals_of(here) == (0, None, None)
    assert totals_of(there)[0] == 1
    Round.objects.filter(pk=round_.pk).delete()
    assert totals_of(there) == (0, None, None)
    assert count_of(topic) == 0
    assert_stored_figures_are_the_rules()


def test_an_edit_that_changes_no_counted_value_refreshes_nothing():
    round_ = Round.objects.get(pk=make_round().pk)
    round_.summary = "Reviewed cooperation and agreed to meet again."
    assert not round_.changed_what_derived_figures_read()
    with CaptureQueriesContext(connection) as queries:
        round_.save()
    updated = [
        q["sql"].split()[1] for q in queries.captured_queries if q["sql"].startswith("UPDATE")
    ]
    assert updated == ['"rounds_round"']
    round_.status = RoundStatus.DRAFT
    assert round_.changed_what_derived_figures_read()


def test_saving_a_record_with_stale_figures_in_memory_stores_the_rule_again():
    dialogue = make_dialogue()
    topic = make_topic()
    make_round(dialogue=dialogue, topics=[topic])
    # Both were read before the round existed: their save() writes public_round_count = 0.
    dialogue.description = "Renamed."
    dialogue.save()
    topic.description = "Edited."
    topic.save()
    assert totals_of(dialogue)[0] == 1
    assert count_of(topic) == 1


def test_the_database_refuses_figures_that_contradict_each_other():
    dialogue = make_dialogue()
    with pytest.raises(IntegrityError), transaction.atomic():
        Dialogue.objects.filter(pk=dialogue.pk).update(public_round_count=2)


def test_a_backup_restored_with_loaddata_keeps_the_rules(tmp_path):
    topic = make_topic()
    make_round(topics=[topic])
    dump = tmp_path / "backup.json"
    call_command("dumpdata", "rounds", "--natural-foreign", output=str(dump), verbosity=0)
    ThreatTopic.objects.update(public_round_count=7)  # what a stale dump could carry
    call_command("loaddata", str(dump), verbosity=0)
    assert_stored_figures_are_the_rules()
    assert count_of(topic) == 1


def test_bulk_writers_store_the_figures_with_refresh_all():
    dialogue = make_dialogue()
    topic = make_topic()
    rounds = Round.objects.bulk_create(
        Round(
            dialogue=dialogue,
            number=n,
            start_date=datetime.date(2020, n, 1),
            end_date=datetime.date(2020, n, 1),
            summary="Met.",
            status=RoundStatus.PUBLISHED,
            published_at="2020-03-01T00:00:00Z",
        )
        for n in (1, 2)
    )
    Round.topics.through.objects.bulk_create(
        Round.topics.through(round=r, threattopic=topic) for r in rounds
    )
    assert totals_of(dialogue)[0] == 0  # bulk_create sends no signal
    derived.refresh_all()
    assert totals_of(dialogue)[0] == 2
    assert count_of(topic) == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are a PostgreSQL feature"
)
@pytest.mark.django_db(transaction=True)
def test_figures_are_recomputed_under_one_lock_so_concurrent_writers_cannot_lose_a_round():
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        dialogue = make_dialogue()
        Dialogue.objects.filter(pk=dialogue.pk).refresh_round_totals()
    sql = [q["sql"] for q in queries.captured_queries]
    lock = next(i for i, s in enumerate(sql) if "pg_advisory_xact_lock" in s)
    assert str(DERIVED_FIGURES_LOCK) in sql[lock]
    assert any("public_round_count" in s for s in sql[lock + 1 :])


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks are a PostgreSQL feature"
)
@pytest.mark.django_db(transaction=True)  # each atomic block its own transaction
@pytest.mark.parametrize("write", ["save", "delete", "m2m"])
def test_a_write_in_a_transaction_takes_the_figures_lock_before_its_row_locks(write):
    """Then it cannot hold a row (its own, or the data version's) while waiting for the lock
    held by a writer that waits for that row. A topic has no stale-save guard."""
    topic, round_ = make_topic(), make_round()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        if write == "save":
            topic.save()
        elif write == "delete":
            topic.delete()
        else:
            round_.topics.add(topic)
        round_.save()  # a second write: the lock is held already
    sql = [q["sql"] for q in queries.captured_queries]
    locks = [i for i, s in enumerate(sql) if "pg_advisory_xact_lock" in s]
    writes = [i for i, s in enumerate(sql) if s.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert len(locks) == 1 and locks[0] < writes[0]


def test_a_random_history_of_writes_never_leaves_the_stored_figures_behind():
    rng = random.Random(20261202)
    dialogues = [make_dialogue() for _ in range(2)]
    topics = [make_topic() for _ in range(3)]
    rounds = [make_round(dialogue=dialogues[n % 2], topics=topics[:2]) for n in range(4)]
    for _step in range(60):
        action = rng.choice(["publish", "unpublish", "add", "remove", "redate", "new", "drop"])
        round_ = rng.choice(rounds)
        if action == "publish":
            services.round_publish(round=round_, by=None)
        elif action == "unpublish":
            services.round_unpublish(round=round_, by=None)
        elif action == "add":
            round_.topics.add(rng.choice(topics))
        elif action == "remove":
            round_.topics.remove(rng.choice(topics))
        elif action == "redate":
            # within the 300 days between the factory's rounds, so the order of numbers holds
            moved = datetime.date(2015, 1, 1) + datetime.timedelta(300 * round_.number - 100)
            round_.start_date = round_.end_date = moved + datetime.timedelta(rng.randint(0, 99))
            round_.save()
        elif action == "new":
            rounds.append(make_round(dialogue=rng.choice(dialogues), topics=[topics[2]]))
        elif len(rounds) > 2:
            rounds.remove(round_)
            round_.delete()
        assert_stored_figures_are_the_rules()
    assert Dialogue.objects.filter(public_round_count__gt=0).exists()


def stored_figures() -> tuple:
    return (
        list(Dialogue.objects.order_by("pk").values_list("pk", *ROUND_TOTAL_FIELDS.values())),
        list(ThreatTopic.objects.order_by("pk").values_list("pk", "public_round_count")),
        list(
            CooperationRequest.objects.order_by("pk").values_list(
                "pk", *PUBLIC_STATUS_FIELDS.values()
            )
        ),
    )


def test_an_import_stores_each_figure_once_at_its_end_and_gets_them_right():
    with CaptureQueriesContext(connection) as queries:
        call_command("load_demo", verbosity=0)
    topic_writes = [
        q for q in queries.captured_queries if q["sql"].startswith('UPDATE "rounds_threattopic"')
    ]
    dialogue_writes = [
        q for q in queries.captured_queries if q["sql"].startswith('UPDATE "rounds_dialogue"')
    ]
    assert len(topic_writes) == 1 and len(dialogue_writes) == 1
    assert ThreatTopic.objects.filter(public_round_count__gt=0).exists()
    after_import = stored_figures()
    derived.refresh_all()
    assert stored_figures() == after_import
    assert_stored_figures_are_the_rules()


def test_stored_once_stores_with_the_outermost_block_and_nothing_after_an_error():
    topic = make_topic()
    dialogue = make_dialogue()
    with derived.stored_once():
        with derived.stored_once():
            make_round(dialogue=dialogue, topics=[topic])
        assert count_of(topic) == 0  # still pending: the outer block stores it
        make_round(dialogue=dialogue, topics=[topic])
    assert count_of(topic) == 2 and totals_of(dialogue)[0] == 2
    with pytest.raises(RuntimeError), transaction.atomic(), derived.stored_once():
        make_round(dialogue=dialogue, topics=[topic])
        raise RuntimeError("the import fails")
    make_round(dialogue=dialogue, topics=[topic])  # receivers store at once again
    assert count_of(topic) == 3 and totals_of(dialogue)[0] == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="advisory locks and row locks of PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_a_bulk_publish_and_a_publish_of_one_of_its_rounds_do_not_deadlock():
    """A publishes rounds 1 then 2 in one transaction; B publishes round 2 meanwhile. Had B
    locked round 2's row before the figures' lock, each would wait for the other."""
    dialogue = make_dialogue()
    first, second = (make_round(dialogue=dialogue, status=RoundStatus.DRAFT) for _ in range(2))
    a_holds_first, errors = threading.Event(), []

    def bulk():
        try:
            with transaction.atomic():
                services.round_publish(round=first, by=None)
                a_holds_first.set()
                time.sleep(0.5)  # B now asks for round 2
                services.round_publish(round=second, by=None)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            a_holds_first.set()
            connections.close_all()

    def single():
        a_holds_first.wait(5)
        try:
            services.round_publish(round=second, by=None)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=bulk), threading.Thread(target=single)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors
    assert totals_of(dialogue)[0] == 2
