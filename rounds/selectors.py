"""Reads that span several models: a round's audit trail and its last change; the labels of
many counted records."""

import dataclasses
import datetime
from collections import defaultdict

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import (
    LABEL_RELATED,
    ROUND_RECORDS,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Person,
    RequestUpdate,
    Round,
    Statement,
)
from .text import shorten

# Up to this many ids, records are read by id; above it, every record is read and the caller
# keeps those of its ids: Django prepares each id of an `IN` list on its own (about 30 µs an
# id, 70 ms for 2,500 dialogues), several times what reading every row costs.
IN_LIST_UP_TO = 200


def records_by_id(model: type[models.Model], ids) -> models.QuerySet:
    """The records of `ids` (facets' and charts' labels), or every record of the model above
    IN_LIST_UP_TO ids: the caller keeps the rows of its ids."""
    records = model.objects.all()
    return records.filter(pk__in=ids) if len(ids) <= IN_LIST_UP_TO else records


def round_history(round_id: int) -> dict[type[models.Model], models.QuerySet]:
    """Return the history records of a round and of each kind of its records (ROUND_RECORDS).

    A record that reaches its round through another one (a delegate, through its delegation)
    is found through that record's history, so that deleted rows still show.
    """
    histories: dict[type[models.Model], models.QuerySet] = {
        Round: Round.history.filter(id=round_id)
    }
    for model in ROUND_RECORDS:
        first, _sep, rest = model.round_lookup.partition("__")
        if rest:
            parent = model._meta.get_field(first).related_model
            ids = parent.history.filter(**{f"{parent.round_lookup}_id": round_id}).values("id")
            histories[model] = model.history.filter(**{f"{first}_id__in": ids})
        else:
            histories[model] = model.history.filter(**{f"{first}_id": round_id})
    return histories


def last_change_label(round_id: int) -> str:
    """Return 'alice on 10 July 2018, 14:02 UTC': the latest save of the round or its records."""
    latest = [
        history.select_related("history_user").order_by("-history_date").first()
        for history in round_history(round_id).values()
    ]
    latest = [record for record in latest if record is not None]
    if not latest:
        return str(_("another user"))
    record = max(latest, key=lambda r: r.history_date)
    who = record.history_user.get_username() if record.history_user else _("an import or script")
    when = date_format(timezone.localtime(record.history_date), "j F Y, H:i e")
    return f"{who} on {when}"


TRAIL_LIMIT = 300


_ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


# Bookkeeping fields that change on every save and say nothing to a reader.
_IGNORED_FIELDS = {"updated_at", "created_at", "version", "slug"}


@dataclasses.dataclass
class AuditEntry:
    when: datetime.datetime
    who: str
    what: str
    record: str
    action: str
    changes: list[tuple[str, str, str]]


def round_audit_trail(round_: Round, *, limit: int) -> list[AuditEntry]:
    """Return who changed what on the round and its records, newest first.

    A fixed number of queries whatever the number of changes: one per history table, one per
    many-to-many history table and one per related model named in the changes.
    """
    pk = round_.pk
    per_model = {
        model: list(
            history.select_related("history_user").order_by("id", "history_date", "history_id")
        )
        for model, history in round_history(pk).items()
    }
    m2m_values = _m2m_values(per_model)
    names = _related_names(per_model, m2m_values)

    entries = []
    for model, records in per_model.items():
        previous_by_id = {}
        for record in records:
            previous = previous_by_id.get(record.id)
            previous_by_id[record.id] = record
            changes = _changes(model, record, previous, names, m2m_values, pk)
            if record.history_type == "~" and not changes:
                # A save that changed nothing shown here, e.g. the row saved just before its
                # many-to-many field, which gets its own entry.
                continue
            entries.append(
                AuditEntry(
                    when=record.history_date,
                    who=record.history_user.get_username()
                    if record.history_user
                    else str(_("import or script")),
                    what=str(model._meta.verbose_name),
                    record=_record_label(model, record, names),
                    action=str(_ACTIONS.get(record.history_type, record.history_type)),
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _m2m_values(per_model) -> dict[tuple[type, str, int], set[int]]:
    """Map (model, m2m field, history id) to the related ids recorded with that version."""
    values: dict[tuple[type, str, int], set[int]] = defaultdict(set)
    for model, records in per_model.items():
        for field in model._meta.many_to_many:
            m2m_model = HistoricalRecords.m2m_models.get(field)
            if m2m_model is None or not records:
                continue
            target = field.m2m_reverse_field_name()
            rows = m2m_model.objects.filter(
                history_id__in=[record.history_id for record in records]
            ).values_list("history_id", f"{target}_id")
            for history_id, target_id in rows:
                values[(model, field.name, history_id)].add(target_id)
    return values


def _related_names(per_model, m2m_values) -> dict[tuple[type, int], str]:
    """Name every object that a tracked foreign key or many-to-many field points to."""
    wanted: dict[type, set[int]] = defaultdict(set)
    for model, records in per_model.items():
        fks = [f for f in model.history.model.tracked_fields if f.many_to_one]
        for record in records:
            for field in fks:
                value = getattr(record, field.attname)
                if value is not None:
                    wanted[field.related_model].add(value)
    for (model, field_name, _history_id), ids in m2m_values.items():
        wanted[model._meta.get_field(field_name).related_model].update(ids)
    names = {}
    for related_model, ids in wanted.items():
        if not ids:
            continue
        queryset = related_model._default_manager.filter(pk__in=ids)
        if related_model in LABEL_RELATED:
            queryset = queryset.select_related(*LABEL_RELATED[related_model])
        for obj in queryset:
            names[(related_model, obj.pk)] = str(obj)
    return names


def _name(names, model, pk) -> str:
    if pk is None:
        return "—"
    return names.get((model, pk), f"#{pk} ({_('deleted')})")


# How the trail names a historical record of each model.
_RECORD_LABELS = {
    Round: lambda record, names: str(_("round %(number)s") % {"number": record.number}),
    Delegation: lambda record, names: _name(names, Country, record.country_id),
    Delegate: lambda record, names: _name(names, Person, record.person_id),
    Communique: lambda record, names: record.title,
    Statement: lambda record, names: (
        f"{_name(names, Country, record.country_id)}: {shorten(record.text, 80)}"
    ),
    RequestUpdate: lambda record, names: _name(names, CooperationRequest, record.request_id),
    CooperationRequest: lambda record, names: shorten(record.description, 80),
}


def _record_label(model, record, names) -> str:
    label = _RECORD_LABELS.get(model)
    if label is None:
        return shorten(getattr(record, "text", str(record.id)), 80)
    return label(record, names)


def _changes(model, record, previous, names, m2m_values, round_pk) -> list[tuple[str, str, str]]:
    """Return (field, old, new) rows; a creation lists the values it was created with."""
    if record.history_type == "-":
        return []
    base = previous
    changes = []
    tracked = [
        f
        for f in record.tracked_fields
        if f.name not in _IGNORED_FIELDS and f.name != model._meta.pk.name
    ]
    for field in tracked:
        new = getattr(record, field.attname)
        old = getattr(base, field.attname) if base is not None else None
        if base is None and new in (None, ""):
            continue
        if base is not None and old == new:
            continue
        if field.name in ("round", "opened_in") and base is None and new == round_pk:
            continue  # "created at this round" goes without saying on the round's trail
        changes.append(
            (
                str(field.verbose_name),
                _display(field, old, names),
                _display(field, new, names),
            )
        )
    for field in model._meta.many_to_many:
        name = field.name
        new_ids = m2m_values.get((model, name, record.history_id), set())
        old_ids = (
            m2m_values.get((model, name, base.history_id), set()) if base is not None else set()
        )
        if new_ids != old_ids:
            changes.append(
                (
                    str(field.verbose_name),
                    ", ".join(sorted(_name(names, field.related_model, i) for i in old_ids)) or "—",
                    ", ".join(sorted(_name(names, field.related_model, i) for i in new_ids)) or "—",
                )
            )
    return changes


def _display(field, value, names) -> str:
    if value is None or value == "":
        return "—"
    if field.many_to_one:
        return _name(names, field.related_model, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return shorten(str(value), 200)
