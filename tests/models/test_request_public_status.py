"""Each request stores its public status; every way of writing updates or rounds keeps it true.

The stored columns must always equal the rule itself (`status_subqueries(public_only=True)`),
so public pages can read and filter them instead of three subqueries per request.
"""

import random

import pytest
from django.core.management import call_command

from rounds import services
from rounds.models import CooperationRequest, RequestStatus, RequestUpdate, Round, RoundStatus
from rounds.models.requests import PUBLIC_STATUS_FIELDS, status_subqueries
from tests.factories import make_dialogue, make_request, make_round, make_update

pytestmark = pytest.mark.django_db


def stored_and_computed() -> tuple[list[tuple], list[tuple]]:
    names = list(PUBLIC_STATUS_FIELDS)
    requests = CooperationRequest.objects.order_by("pk")
    stored = list(requests.values_list("pk", *PUBLIC_STATUS_FIELDS.values()))
    computed = list(
        requests.annotate(
            **{f"rule_{n}": e for n, e in status_subqueries(public_only=True).items()}
        ).values_list("pk", *(f"rule_{n}" for n in names))
    )
    return stored, computed


def assert_stored_status_is_the_rule() -> None:
    stored, computed = stored_and_computed()
    assert stored == computed


def status_of(request: CooperationRequest) -> str | None:
    return CooperationRequest.objects.values_list("public_status", flat=True).get(pk=request.pk)


@pytest.fixture
def chain():
    dialogue = make_dialogue()
    first = make_round(dialogue=dialogue, number=1)
    second = make_round(dialogue=dialogue, number=2)
    return dialogue, first, second


def test_a_new_update_moves_the_stored_status(chain):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.RAISED)
    assert status_of(request) == RequestStatus.RAISED
    make_update(request=request, round=second, status=RequestStatus.FULFILLED)
    assert status_of(request) == RequestStatus.FULFILLED
    assert_stored_status_is_the_rule()


def test_editing_and_deleting_an_update_move_it_back(chain):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.PENDING)
    update = make_update(request=request, round=second, status=RequestStatus.DECLINED)
    update.status = RequestStatus.CLARIFIED
    update.save()
    assert status_of(request) == RequestStatus.CLARIFIED
    update.delete()
    assert status_of(request) == RequestStatus.PENDING
    assert_stored_status_is_the_rule()


def test_not_mentioned_keeps_the_last_reported_status_and_counts_as_the_last_round(chain):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.PENDING)
    make_update(request=request, round=second, status=RequestStatus.NOT_MENTIONED)
    stored = CooperationRequest.objects.public().get(pk=request.pk)
    assert (stored.current_status, stored.current_round_number, stored.not_mentioned_since) == (
        RequestStatus.PENDING,
        1,
        2,
    )


def test_moving_an_update_to_another_request_refreshes_both(chain):
    _dialogue, first, second = chain
    one = make_request(opened_in=first, status=RequestStatus.PENDING)
    other = make_request(opened_in=first, status=RequestStatus.RAISED)
    update = make_update(request=one, round=second, status=RequestStatus.FULFILLED)
    update = RequestUpdate.objects.get(pk=update.pk)  # as the admin loads it
    update.request = other
    update.save()
    assert (status_of(one), status_of(other)) == (RequestStatus.PENDING, RequestStatus.FULFILLED)
    assert_stored_status_is_the_rule()


def test_unpublishing_and_publishing_a_round_hide_and_show_its_updates(chain):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.PENDING)
    make_update(request=request, round=second, status=RequestStatus.FULFILLED)
    services.round_unpublish(round=second, by=None)
    assert status_of(request) == RequestStatus.PENDING
    services.round_unpublish(round=first, by=None)
    assert status_of(request) is None
    assert not CooperationRequest.objects.public().filter(pk=request.pk).exists()
    services.round_publish(round=second, by=None)
    services.round_publish(round=first, by=None)
    assert status_of(request) == RequestStatus.FULFILLED
    assert_stored_status_is_the_rule()


def test_renumbering_rounds_reorders_which_update_is_latest(chain):
    dialogue, first, second = chain
    third = make_round(dialogue=dialogue, number=3)
    request = make_request(opened_in=first, status=RequestStatus.RAISED)
    make_update(request=request, round=second, status=RequestStatus.FULFILLED)
    make_update(request=request, round=third, status=RequestStatus.DECLINED)
    assert status_of(request) == RequestStatus.DECLINED
    third.number = 9
    third.save()
    second.number = 10
    second.save()
    assert status_of(request) == RequestStatus.FULFILLED
    assert_stored_status_is_the_rule()


def test_deleting_a_round_drops_its_updates_from_the_status(chain):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.PENDING)
    make_update(request=request, round=second, status=RequestStatus.WITHDRAWN)
    Round.objects.filter(pk=second.pk).delete()
    assert status_of(request) == RequestStatus.PENDING
    assert_stored_status_is_the_rule()


def test_a_backup_restored_with_loaddata_keeps_the_rule(chain, tmp_path):
    _dialogue, first, second = chain
    request = make_request(opened_in=first, status=RequestStatus.PENDING)
    make_update(request=request, round=second, status=RequestStatus.FULFILLED)
    dump = tmp_path / "backup.json"
    call_command("dumpdata", "rounds", "--natural-foreign", output=str(dump), verbosity=0)
    CooperationRequest.objects.update(public_status=None)  # what a stale dump could carry
    call_command("loaddata", str(dump), verbosity=0)
    assert_stored_status_is_the_rule()
    assert status_of(request) == RequestStatus.FULFILLED


def test_a_random_history_of_writes_never_leaves_the_stored_status_behind():
    rng = random.Random(20261202)
    dialogue = make_dialogue()
    rounds = [make_round(dialogue=dialogue, number=n) for n in range(1, 6)]
    requests = [make_request(opened_in=rounds[0]) for _ in range(4)]
    statuses = RequestStatus.values
    for _step in range(60):
        action = rng.choice(["update", "delete", "publish", "unpublish"])
        round_ = rng.choice(rounds)
        request = rng.choice(requests)
        if action == "update":
            RequestUpdate.objects.update_or_create(
                request=request, round=round_, defaults={"status": rng.choice(statuses)}
            )
        elif action == "delete":
            RequestUpdate.objects.filter(request=request, round=round_).delete()
        elif action == "publish":
            services.round_publish(round=round_, by=None)
        else:
            services.round_unpublish(round=round_, by=None)
        assert_stored_status_is_the_rule()
    assert Round.objects.filter(status=RoundStatus.DRAFT).exists()
    assert CooperationRequest.objects.filter(public_status__isnull=False).exists()
