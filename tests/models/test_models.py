"""Each invariant of the design is refused by the database and explained by full_clean()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from rounds.models import (
    Communique,
    CooperationRequest,
    Delegation,
    Dialogue,
    Ministry,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
)
from tests.factories import (
    make_communique,
    make_country,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_request,
    make_round,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db


def codes_of(excinfo) -> set[str]:
    return {error.code for errors in excinfo.value.error_dict.values() for error in errors}


def assert_db_refuses(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


# --- Round -----------------------------------------------------------------------------------


def test_duplicate_round_number_is_refused():
    first = make_round()
    duplicate = Round(
        dialogue=first.dialogue,
        number=first.number,
        start_date=first.start_date,
        end_date=first.end_date,
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "duplicate_round" in codes_of(excinfo)
    assert "already has a round with this number" in str(excinfo.value)
    assert_db_refuses(duplicate.save)


def test_same_number_in_another_dialogue_is_fine():
    first = make_round(number=3)
    other = make_round(number=3)
    assert first.dialogue != other.dialogue


def test_end_before_start_is_refused():
    bad = Round(
        dialogue=make_dialogue(),
        number=1,
        start_date=datetime.date(2018, 7, 10),
        end_date=datetime.date(2018, 7, 9),
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "dates_unordered" in codes_of(excinfo)
    assert_db_refuses(bad.save)


def test_round_number_zero_is_refused():
    bad = Round(
        dialogue=make_dialogue(),
        number=0,
        start_date=datetime.date(2018, 7, 10),
        end_date=datetime.date(2018, 7, 10),
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "number_not_positive" in codes_of(excinfo)
    assert_db_refuses(bad.save)


def test_unknown_status_is_refused():
    bad = make_round(status=RoundStatus.DRAFT)
    bad.status = "archived"
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "status" in excinfo.value.error_dict
    assert_db_refuses(bad.save)


def test_published_round_without_publication_time_is_refused():
    bad = make_round(status=RoundStatus.DRAFT)
    bad.status = RoundStatus.PUBLISHED
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "published_without_date" in codes_of(excinfo)
    assert_db_refuses(bad.save)


def test_host_must_be_a_party():
    round_ = make_round()
    round_.host_country = make_country(code="MX", name="Mexico")
    with pytest.raises(ValidationError) as excinfo:
        round_.full_clean()
    assert "host_not_party" in codes_of(excinfo)


def test_partial_date_must_be_first_of_month():
    round_ = make_round(start_date=datetime.date(2022, 10, 5), end_date=datetime.date(2022, 10, 5))
    round_.date_precision = "month"
    with pytest.raises(ValidationError) as excinfo:
        round_.full_clean()
    assert "partial_date_not_first" in codes_of(excinfo)


@pytest.mark.parametrize(
    ("start", "end", "precision", "label"),
    [
        ((2018, 7, 10), (2018, 7, 10), "day", "10 July 2018"),
        ((2023, 1, 18), (2023, 1, 19), "day", "18–19 January 2023"),
        ((2023, 1, 31), (2023, 2, 1), "day", "31 January – 1 February 2023"),
        ((2022, 10, 1), (2022, 10, 1), "month", "October 2022"),
        ((2022, 1, 1), (2022, 1, 1), "year", "2022"),
    ],
)
def test_date_label_follows_precision(start, end, precision, label):
    round_ = Round(
        start_date=datetime.date(*start), end_date=datetime.date(*end), date_precision=precision
    )
    assert round_.date_label == label


def test_source_urls_must_be_web_addresses():
    round_ = make_round()
    round_.source_urls = "https://example.org/a\nnot a url"
    with pytest.raises(ValidationError) as excinfo:
        round_.full_clean()
    assert "invalid_source_url" in codes_of(excinfo)


# --- previous / next, derived from numbering --------------------------------------------------


def test_previous_and_next_follow_numbering():
    dialogue = make_dialogue()
    r2 = make_round(dialogue=dialogue, number=2)
    r3 = make_round(dialogue=dialogue, number=3)
    r4 = make_round(dialogue=dialogue, number=4)
    assert r3.previous_round() == r2
    assert r3.next_round() == r4
    assert r2.previous_round() is None
    assert r4.next_round() is None


def test_previous_skips_a_gap_and_reports_missing_numbers():
    dialogue = make_dialogue()
    r1 = make_round(dialogue=dialogue, number=1)
    r4 = make_round(dialogue=dialogue, number=4)
    previous = r4.previous_round()
    assert previous == r1
    assert r4.missing_numbers_before(previous) == [2, 3]
    assert r1.next_round() == r4


def test_previous_round_ignores_drafts_unless_asked():
    dialogue = make_dialogue()
    r1 = make_round(dialogue=dialogue, number=1)
    r2 = make_round(dialogue=dialogue, number=2, status=RoundStatus.DRAFT)
    r3 = make_round(dialogue=dialogue, number=3)
    assert r3.previous_round() == r1
    assert r3.previous_round(public_only=False) == r2


def test_rounds_of_other_dialogues_are_not_neighbours():
    r1 = make_round(number=1)
    make_round(number=2)
    assert r1.next_round() is None


# --- Dialogue, delegations, ministries -----------------------------------------------------


def test_dialogue_needs_two_different_parties():
    cuba = make_country(code="CU", name="Cuba")
    bad = Dialogue(name="Cuba alone", slug="cuba-alone", party_a=cuba, party_b=cuba)
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "same_parties" in codes_of(excinfo)
    assert_db_refuses(bad.save)


def test_two_delegations_from_one_country_are_refused():
    delegation = make_delegation()
    duplicate = Delegation(round=delegation.round, country=delegation.country)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "duplicate_delegation" in codes_of(excinfo)
    assert_db_refuses(duplicate.save)


def test_delegation_must_come_from_a_party():
    round_ = make_round()
    bad = Delegation(round=round_, country=make_country(code="MX", name="Mexico"))
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "delegation_not_party" in codes_of(excinfo)
    assert "is not a party to" in str(excinfo.value)


def test_ministry_name_is_unique_per_country():
    ministry = make_ministry(name="Ministry of the Interior")
    duplicate = Ministry(country=ministry.country, name=ministry.name, slug="other-slug")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "duplicate_ministry" in codes_of(excinfo)
    assert_db_refuses(duplicate.save)


def test_ministry_cannot_be_its_own_parent():
    ministry = make_ministry()
    ministry.parent = ministry
    with pytest.raises(ValidationError) as excinfo:
        ministry.full_clean()
    assert "parent_cycle" in codes_of(excinfo)
    assert_db_refuses(ministry.save)


def test_ministry_parent_from_another_country_is_refused():
    parent = make_ministry(country=make_country(code="US", name="United States"))
    child = make_ministry()
    child.parent = parent
    with pytest.raises(ValidationError) as excinfo:
        child.full_clean()
    assert "parent_other_country" in codes_of(excinfo)


def test_country_code_format_is_enforced():
    bad = make_country(code="CU", name="Cuba")
    bad.code = "cu"
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "invalid_country_code" in codes_of(excinfo)
    assert_db_refuses(bad.save)


# --- Requests and updates --------------------------------------------------------------------


def test_request_must_be_raised_by_a_party():
    round_ = make_round()
    bad = CooperationRequest(
        opened_in=round_, raised_by=make_country(code="MX", name="Mexico"), description="x"
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "request_not_party" in codes_of(excinfo)


def test_request_is_addressed_to_the_other_party():
    request = make_request()
    dialogue = request.opened_in.dialogue
    assert request.raised_by == dialogue.party_b
    assert request.addressed_to == dialogue.party_a


def test_update_on_a_round_of_another_dialogue_is_refused():
    request = make_request()
    other_round = make_round()
    bad = RequestUpdate(request=request, round=other_round, status=RequestStatus.PENDING)
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "update_other_dialogue" in codes_of(excinfo)


def test_update_before_the_opening_round_is_refused():
    dialogue = make_dialogue()
    r1 = make_round(dialogue=dialogue, number=1)
    r2 = make_round(dialogue=dialogue, number=2)
    request = make_request(opened_in=r2)
    bad = RequestUpdate(request=request, round=r1, status=RequestStatus.PENDING)
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "update_before_opening" in codes_of(excinfo)


def test_one_update_per_request_per_round():
    request = make_request()
    duplicate = RequestUpdate(request=request, round=request.opened_in, status="pending")
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "duplicate_update" in codes_of(excinfo)
    assert_db_refuses(duplicate.save)


def test_unknown_request_status_is_refused_by_the_database():
    request = make_request()
    bad = RequestUpdate(
        request=request, round=make_round(dialogue=request.opened_in.dialogue), status="forgotten"
    )
    assert_db_refuses(bad.save)


def test_current_status_is_the_latest_updates():
    dialogue = make_dialogue()
    r1 = make_round(dialogue=dialogue, number=1)
    r2 = make_round(dialogue=dialogue, number=2)
    request = make_request(opened_in=r1, status=RequestStatus.RAISED)
    RequestUpdate.objects.create(request=request, round=r2, status=RequestStatus.FULFILLED)
    annotated = CooperationRequest.objects.with_current_status().get(pk=request.pk)
    assert annotated.current_status == RequestStatus.FULFILLED
    assert not CooperationRequest.objects.open().filter(pk=request.pk).exists()


# --- Statements and communiqués -------------------------------------------------------------


def test_statement_side_must_be_a_party():
    round_ = make_round()
    bad = Statement(round=round_, country=make_country(code="MX", name="Mexico"), text="x")
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "statement_not_party" in codes_of(excinfo)


def test_statement_cannot_cite_a_communique_of_another_round():
    statement = make_statement()
    statement.communique = make_communique()
    with pytest.raises(ValidationError) as excinfo:
        statement.full_clean()
    assert "communique_other_round" in codes_of(excinfo)


def test_communique_issuer_must_belong_to_issuing_country():
    communique = make_communique()
    communique.issuer = make_ministry(country=make_country(code="US", name="United States"))
    with pytest.raises(ValidationError) as excinfo:
        communique.full_clean()
    assert "issuer_other_country" in codes_of(excinfo)


def test_duplicate_communique_url_on_a_round_is_refused():
    communique = make_communique(url="https://example.org/note")
    duplicate = Communique(round=communique.round, title="Again", url=communique.url)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "duplicate_communique" in codes_of(excinfo)
    assert_db_refuses(duplicate.save)


def test_round_queryset_published_hides_drafts():
    published = make_round()
    draft = make_round(status=RoundStatus.DRAFT)
    assert list(Round.objects.published().filter(pk__in=[published.pk, draft.pk])) == [published]


def test_round_topics_are_recorded():
    topic = make_topic(name="cybercrime", slug="cybercrime")
    round_ = make_round(topics=[topic])
    assert list(topic.rounds.all()) == [round_]


def test_year_precision_needs_first_of_january():
    round_ = make_round(start_date=datetime.date(2018, 7, 1), end_date=datetime.date(2018, 7, 1))
    round_.date_precision = "year"
    with pytest.raises(ValidationError) as excinfo:
        round_.full_clean()
    assert "partial_date_not_first" in codes_of(excinfo)
    assert_db_refuses(round_.save)


def test_implausible_round_number_is_refused():
    bad = Round(
        dialogue=make_dialogue(),
        number=2018,
        start_date=datetime.date(2018, 7, 10),
        end_date=datetime.date(2018, 7, 10),
    )
    with pytest.raises(ValidationError) as excinfo:
        bad.full_clean()
    assert "number_too_large" in codes_of(excinfo)
    assert_db_refuses(bad.save)


def test_renumbering_a_round_before_its_requests_opening_is_refused():
    dialogue = make_dialogue()
    r3 = make_round(dialogue=dialogue, number=3)
    r4 = make_round(dialogue=dialogue, number=4)
    request = make_request(opened_in=r3)
    RequestUpdate.objects.create(request=request, round=r4, status=RequestStatus.PENDING)
    r4.number = 2
    r4.start_date = r4.end_date = r3.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        r4.full_clean()
    assert "renumber_breaks_requests" in codes_of(excinfo)
    r4.refresh_from_db()
    r3.number = 5
    r3.start_date = r3.end_date = r4.start_date + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        r3.full_clean()
    assert "renumber_breaks_requests" in codes_of(excinfo)


def test_moving_a_round_with_requests_to_another_dialogue_is_refused():
    request = make_request()
    round_ = request.opened_in
    round_.dialogue = make_dialogue(party_b=make_country(code="MX", name="Mexico"))
    with pytest.raises(ValidationError) as excinfo:
        round_.full_clean()
    assert "renumber_breaks_requests" in codes_of(excinfo)


def test_renumbering_that_keeps_requests_in_order_is_fine():
    dialogue = make_dialogue()
    r3 = make_round(dialogue=dialogue, number=3)
    make_request(opened_in=r3)
    r3.number = 7
    r3.full_clean()


def test_topic_parent_loop_is_refused():
    broad = make_topic()
    narrow = make_topic(parent=broad)
    broad.parent = narrow
    with pytest.raises(ValidationError) as excinfo:
        broad.full_clean()
    assert "parent_cycle" in codes_of(excinfo)


def test_a_round_cannot_start_before_the_round_numbered_below_it():
    dialogue = make_dialogue()
    make_round(
        dialogue=dialogue,
        number=3,
        start_date=datetime.date(2017, 9, 15),
        end_date=datetime.date(2017, 9, 15),
    )
    r4 = make_round(
        dialogue=dialogue,
        number=4,
        start_date=datetime.date(2018, 7, 10),
        end_date=datetime.date(2018, 7, 10),
    )
    r4.start_date = r4.end_date = datetime.date(2016, 1, 1)
    with pytest.raises(ValidationError) as excinfo:
        r4.full_clean()
    assert "out_of_order" in codes_of(excinfo)
    assert "Round 3 started on 15 September 2017" in str(excinfo.value)


def test_a_round_cannot_start_after_the_round_numbered_above_it():
    dialogue = make_dialogue()
    make_round(
        dialogue=dialogue,
        number=5,
        start_date=datetime.date(2023, 1, 18),
        end_date=datetime.date(2023, 1, 19),
    )
    r4 = Round(
        dialogue=dialogue,
        number=4,
        start_date=datetime.date(2024, 2, 1),
        end_date=datetime.date(2024, 2, 1),
    )
    with pytest.raises(ValidationError) as excinfo:
        r4.full_clean()
    assert "out_of_order" in codes_of(excinfo)


def test_a_partial_date_in_the_same_month_is_not_out_of_order():
    dialogue = make_dialogue()
    make_round(
        dialogue=dialogue,
        number=4,
        start_date=datetime.date(2023, 1, 18),
        end_date=datetime.date(2023, 1, 18),
    )
    r5 = Round(
        dialogue=dialogue,
        number=5,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 1, 1),
        date_precision="month",
    )
    r5.full_clean()


def test_public_open_requests_are_the_public_requests_with_an_open_status():
    dialogue = make_dialogue()
    published = make_round(dialogue=dialogue)
    draft = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    open_ = make_request(opened_in=published, status=RequestStatus.PENDING)
    make_request(opened_in=published, status=RequestStatus.FULFILLED)
    hidden = make_request(opened_in=draft, status=RequestStatus.PENDING)
    closed_in_a_draft = make_request(opened_in=published, status=RequestStatus.RAISED)
    RequestUpdate.objects.create(
        request=closed_in_a_draft, round=draft, status=RequestStatus.FULFILLED
    )
    expected = CooperationRequest.objects.public().filter(
        current_status__in=RequestStatus.open_values()
    )
    found = set(CooperationRequest.objects.public_open())
    assert found == set(expected) == {open_, closed_in_a_draft}
    assert hidden not in found


def test_path_maker_gives_get_absolute_url_for_any_slug_and_number():
    # A slug may hold the digits the maker uses as its number's placeholder.
    for slug, number in [("cuba-us-led", 4), ("x-987654321", 12), ("987654321", 7)]:
        round_ = make_round(dialogue=make_dialogue(slug=slug), number=number)
        assert Round.path_maker()(slug, number) == round_.get_absolute_url()
        with translation.override("es"):  # in the active language
            assert Round.path_maker()(slug, number) == round_.get_absolute_url()
            assert round_.get_absolute_url().startswith("/es/")
