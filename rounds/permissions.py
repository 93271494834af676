"""Who may change what: the one place that decides.

The rule: what the public sees changes only with the publish permission. Today that is a
published round and every record of it (its delegations, delegates, communiqués, statements,
agreements, request updates, and the requests opened at it). The admin (change, delete and
add permissions, the choices of a round to attach a record to), the request form and the
intake flow all ask here.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from .models import Round, RoundRecord, RoundStatus, round_of

PUBLISH_PERMISSION = "rounds.publish_round"

User = AbstractBaseUser | AnonymousUser


def can_publish(user: User | None) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def is_public(record: models.Model | None) -> bool:
    """Whether the public sees the stored record: it belongs to a published round."""
    if record is None or record.pk is None:
        return False
    round_ = round_of(record)
    return round_ is not None and round_.pk is not None and round_.is_published


def may_change(user: User | None, record: models.Model | None) -> bool:
    """Whether `user` may change or delete `record` (None: a record being added)."""
    return can_publish(user) or not is_public(record)


def locked_among(user: User | None, queryset: models.QuerySet) -> models.QuerySet:
    """Return the records of `queryset` that `user` may not change (see may_change)."""
    if can_publish(user):
        return queryset.none()
    model = queryset.model
    if model is Round:
        return queryset.filter(status=RoundStatus.PUBLISHED)
    if issubclass(model, RoundRecord):
        return queryset.filter(**{model.round_field("status"): RoundStatus.PUBLISHED})
    return queryset.none()


def open_to(user: User | None, model: type[models.Model]) -> models.QuerySet:
    """Return the records of `model` that `user` may attach a new record to.

    A Round, a Delegation, a request...: without the publish permission, only those of draft
    rounds, since anything attached to a published round is public at once.
    """
    queryset = model._default_manager.all()
    if can_publish(user):
        return queryset
    if model is Round:
        return queryset.filter(status=RoundStatus.DRAFT)
    if issubclass(model, RoundRecord):
        return queryset.filter(**{model.round_field("status"): RoundStatus.DRAFT})
    return queryset
