"""What the public is told has a source: a carried-over request update says it was not
mentioned, and a round cannot be published without a summary."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rounds import services
from rounds.models import CooperationRequest, RequestStatus, Round, RoundStatus
from tests.factories import make_request, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_6_with_open_requests():
    round_6 = make_round(number=6, start_date=datetime.date(2020, 1, 10))
    make_request(opened_in=round_6, description="Return of fugitives", status=RequestStatus.PENDING)
    make_request(opened_in=round_6, description="Extradition file", status=RequestStatus.RAISED)
    make_request(opened_in=round_6, description="Settled", status=RequestStatus.FULFILLED)
    return round_6


def publish_started_round(round_6) -> Round:
    round_7 = services.round_start_next(round=round_6, by=None)
    Round.objects.filter(pk=round_7.pk).update(
        start_date=datetime.date(2021, 3, 1),
        end_date=datetime.date(2021, 3, 1),
        dates_provisional=False,
        summary="Reviewed the open requests.",
    )
    return services.round_publish(round=round_7, by=None)


def test_starting_the_next_round_claims_no_status_for_open_requests(round_6_with_open_requests):
    round_7 = services.round_start_next(round=round_6_with_open_requests, by=None)
    carried = list(round_7.request_updates.order_by("request__description"))
    assert [u.request.description for u in carried] == ["Extradition file", "Return of fugitives"]
    assert {u.status for u in carried} == {RequestStatus.NOT_MENTIONED}


def test_the_tracker_keeps_the_last_reported_status_and_says_what_was_not_mentioned(
    client, round_6_with_open_requests
):
    publish_started_round(round_6_with_open_requests)
    page = client.get("/requests/").content.decode()
    assert "at round 7" not in page.replace("not mentioned at round 7", "")
    assert page.count("not mentioned at round 7") == 2
    statuses = {
        r.description: (r.current_status, r.current_round_number, r.not_mentioned_since)
        for r in CooperationRequest.objects.public()
    }
    assert statuses == {
        "Return of fugitives": (RequestStatus.PENDING, 6, 7),
        "Extradition file": (RequestStatus.RAISED, 6, 7),
        "Settled": (RequestStatus.FULFILLED, 6, None),
    }
    request = CooperationRequest.objects.get(description="Return of fugitives")
    detail = client.get(request.get_absolute_url()).content.decode()
    assert "Not mentioned at round 7." in detail
    assert "do not mention the request" in detail  # the round 7 entry explains itself
    # Still open: the next round carries it over again.
    assert request in CooperationRequest.objects.open(public_only=True)


def test_a_reported_status_at_the_new_round_replaces_the_reminder(
    client, round_6_with_open_requests
):
    round_7 = publish_started_round(round_6_with_open_requests)
    request = CooperationRequest.objects.get(description="Return of fugitives")
    update = request.updates.get(round=round_7)
    update.status = RequestStatus.FULFILLED
    update.save()  # as the admin's inline does (a queryset .update() would skip the receivers)
    found = CooperationRequest.objects.public().get(pk=request.pk)
    assert (found.current_status, found.current_round_number) == (RequestStatus.FULFILLED, 7)
    assert found.not_mentioned_since is None


def test_a_round_cannot_be_published_without_a_summary():
    round_ = make_round(status=RoundStatus.DRAFT, summary="")
    with pytest.raises(ValidationError) as error:
        services.round_publish(round=round_, by=None)
    codes = {e.code for errors in error.value.error_dict.values() for e in errors}
    assert "published_without_summary" in codes
    assert "needs a summary" in " ".join(error.value.messages)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.DRAFT
    with pytest.raises(IntegrityError), transaction.atomic():
        Round.objects.filter(pk=round_.pk).update(status=RoundStatus.PUBLISHED)
