"""Multi-record writes: keyword-only, typed, atomic."""

import datetime
from collections.abc import Iterable

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cache import bump as data_version_bump
from .models import (
    CooperationRequest,
    Delegation,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    is_part_of_the_record,
    locked_for_update,
)

EDITORS = "Editors"
PUBLISHERS = "Publishers"

_EDITOR_ACTIONS = ["view", "add", "change", "delete"]


def _edited_models() -> list[str]:
    """Every model of the record: not the audit history, which nobody edits by hand, nor
    what is kept beside the record (alert subscribers' addresses no staff group may read)."""
    return [
        model._meta.model_name
        for model in apps.get_app_config("rounds").get_models()
        if is_part_of_the_record(model)
    ]


@transaction.atomic
def setup_staff_groups() -> list[Group]:
    """Create or refresh the Editors and Publishers groups; return them.

    Editors keep the record; Publishers also decide what the public sees.
    """
    codenames = [f"{action}_{model}" for model in _edited_models() for action in _EDITOR_ACTIONS]
    editor_perms = list(
        Permission.objects.filter(content_type__app_label="rounds", codename__in=codenames)
    )
    publish = Permission.objects.get(content_type__app_label="rounds", codename="publish_round")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(editor_perms)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set([*editor_perms, publish])
    return [editors, publishers]


def _stamp(record, by) -> None:
    """Attribute the historical record of this save to `by`, with or without a request."""
    record._history_user = by


@transaction.atomic
def round_publish(*, round: Round, by: AbstractBaseUser | None) -> Round:
    """Make a draft round public, recording when; a published round is left as it is."""
    return _set_status(round, RoundStatus.PUBLISHED, by)


@transaction.atomic
def round_unpublish(*, round: Round, by: AbstractBaseUser | None) -> Round:
    """Take a published round back to draft, so the public no longer sees it."""
    return _set_status(round, RoundStatus.DRAFT, by)


def _set_status(round_: Round, status: str, by) -> Round:
    round_ = locked_for_update(Round.objects).get(pk=round_.pk)
    if round_.status == status:
        return round_
    round_.status = status
    round_.published_at = timezone.now() if status == RoundStatus.PUBLISHED else None
    round_.full_clean()
    _stamp(round_, by)
    round_.save()
    round_touch(round_ids=[round_.pk])
    round_.refresh_from_db(fields=["version"])
    return round_


@transaction.atomic
def round_start_next(*, round: Round, by: AbstractBaseUser) -> Round:
    """Create the draft of round N+1 of the same dialogue with what usually carries over.

    Carried over: the dialogue, both delegations with their ministries (not the delegates,
    who change), the threat topics, and a "not mentioned" update for every request still
    open, a reminder for staff: no source has said anything of it at round N+1 yet, so the
    public tracker keeps showing its last reported status.
    The dates are provisional (the day after round N ended); the editor sets the real ones.
    """
    previous = (
        Round.objects.select_related("dialogue")
        .prefetch_related("topics", "delegations__ministries")
        .get(pk=round.pk)
    )
    number = previous.number + 1
    if Round.objects.filter(dialogue_id=previous.dialogue_id, number=number).exists():
        raise ValidationError(
            _("Round %(number)s of %(dialogue)s already exists; open it instead."),
            code="next_round_exists",
            params={"number": number, "dialogue": previous.dialogue},
        )
    provisional = previous.end_date + datetime.timedelta(days=1)
    new_round = Round(
        dialogue=previous.dialogue,
        number=number,
        start_date=provisional,
        end_date=provisional,
        status=RoundStatus.DRAFT,
        dates_provisional=True,
    )
    new_round.full_clean()
    _stamp(new_round, by)
    new_round.save()
    new_round.topics.set(previous.topics.all())
    for old in previous.delegations.all():
        delegation = Delegation(round=new_round, country_id=old.country_id)
        delegation.full_clean()
        _stamp(delegation, by)
        delegation.save()
        delegation.ministries.set(old.ministries.all())
    still_open = CooperationRequest.objects.open().filter(
        opened_in__dialogue_id=previous.dialogue_id, opened_in__number__lte=previous.number
    )
    for request in still_open:
        update = RequestUpdate(
            request=request,
            round=new_round,
            status=RequestStatus.NOT_MENTIONED,
            note=str(
                _(
                    "Carried over from round %(number)s, open then. Set the status this "
                    "round's sources report, or leave it as not mentioned."
                )
                % {"number": previous.number}
            ),
        )
        update.full_clean()
        _stamp(update, by)
        update.save()
    return new_round


def round_touch(*, round_ids: Iterable[int | None]) -> None:
    """Raise the version of rounds that changed, or whose records changed: the one writer of
    Round.version (admin saves, publishing, intake and imports all call it).

    A round page loaded before the change then refuses to save over it (see
    RoundAdminForm.check_version) instead of silently writing back the old rows. `updated_at`
    moves with it, so "last updated" on public pages covers the round's records too.
    """
    Round.objects.filter(pk__in=[pk for pk in round_ids if pk]).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    data_version_bump()  # .update() sends no signal; the page cache must still move on
