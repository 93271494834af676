"""Who may change what: the one place that decides.

The rule: what the public sees changes only with the publish permission. That is a published
round and every record of it (its delegations, delegates, communiqués, statements, agreements,
request updates, and the requests opened at it), and the reference records public pages show:
dialogues, countries, ministries, people and topics, as far as their `public()` QuerySets say
(a dialogue with a published round, a body that took part in one, ...). Without the permission
such a change is refused, not queued: a record entered for a draft round stays editable until
a publisher publishes the round, and after that an editor asks a publisher (README "Security").
The admin (change, delete and add permissions, bulk deletes, the choices of a round to attach
a record to), the request form and the intake flow all ask here.
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


def public_records(model: type[models.Model]) -> models.QuerySet | None:
    """The records of a reference model that the public sees; None for models public pages
    never show (or that belong to a round, see round_of)."""
    queryset = model._default_manager.all()
    if is_round_part(model) or not hasattr(queryset, "public"):
        return None
    return queryset.public()


def is_round_part(model: type[models.Model]) -> bool:
    return model is Round or issubclass(model, RoundRecord)


def is_public(record: models.Model | None) -> bool:
    """Whether the public sees the stored record: it belongs to a published round, or it is
    a reference record that a public page shows."""
    if record is None or record.pk is None:
        return False
    if not is_round_part(type(record)):
        public = public_records(type(record))
        return public is not None and public.filter(pk=record.pk).exists()
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
    public = public_records(model)
    return queryset.none() if public is None else queryset.filter(pk__in=public.values("pk"))


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
