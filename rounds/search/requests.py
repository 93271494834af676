"""The request tracker's filters and counts: by asking side, status, topic and dialogue.

Like RoundFilter, the FilterSet narrows a public queryset (`CooperationRequest.objects.public()`,
annotated with each request's current status) and bad input becomes a form error with a code,
never a 500. The counts are of the current result set, one aggregate query per facet.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from rounds.models import (
    CooperationRequest,
    CooperationRequestQuerySet,
    Country,
    Dialogue,
    RequestStatus,
    ThreatTopic,
)
from rounds.selectors import records_by_id

from .filters import PublicFilterSet, SlugChoiceFilter


class State:
    OPEN = "open"
    CLOSED = "closed"
    CHOICES = [
        (OPEN, _("open (raised, pending or clarified)")),
        (CLOSED, _("closed (fulfilled, declined or withdrawn)")),
    ]


class RequestFilterForm(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RequestFilter(PublicFilterSet):
    """Slice the public requests; every parameter is a readable value (codes, slugs)."""

    state = django_filters.ChoiceFilter(
        choices=State.CHOICES,
        method="filter_state",
        label=_("Open or closed"),
        empty_label=_("open or closed"),
    )
    status = django_filters.ChoiceFilter(
        choices=RequestStatus.choices,
        field_name="current_status",
        label=_("Current status"),
        empty_label=_("any status"),
    )
    raised_by = SlugChoiceFilter(
        to_field_name="code",
        queryset=Country.objects.public(),
        label=_("Asked by"),
        empty_label=_("either side"),
        upper=True,
    )
    topic = SlugChoiceFilter(
        to_field_name="slug",
        queryset=ThreatTopic.objects.public(),
        label=_("Topic"),
        empty_label=_("any topic"),
    )
    dialogue = SlugChoiceFilter(
        field_name="opened_in__dialogue",
        to_field_name="slug",
        queryset=Dialogue.objects.for_menus(),
        label=_("Dialogue"),
        empty_label=_("any dialogue"),
    )

    class Meta:
        model = CooperationRequest
        form = RequestFilterForm
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = CooperationRequest.objects.public()
        if data is not None and data.get("raised_by"):
            # Country codes are upper case; ?raised_by=us is accepted and shown as chosen.
            data = data.copy()
            data["raised_by"] = str(data["raised_by"]).upper()
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_state(
        self, queryset: CooperationRequestQuerySet, name: str, value: str
    ) -> CooperationRequestQuerySet:
        # Name the statuses on both sides: a negated lookup would also drop NULL statuses.
        open_values = RequestStatus.open_values()
        if value == State.OPEN:
            return queryset.filter(current_status__in=open_values)
        return queryset.filter(current_status__in=set(RequestStatus.values) - set(open_values))

    @property
    def is_filtered(self) -> bool:
        return any(value not in (None, "") for value in self.cleaned.values())

    def describe(self) -> str:
        """Say in words what is chosen, e.g. 'asked by Cuba; pending; on fugitives'."""
        data = self.cleaned
        parts = []
        if data.get("state"):
            parts.append(str(dict(State.CHOICES)[data["state"]]).split(" (")[0])
        if data.get("status"):
            parts.append(str(RequestStatus(data["status"]).label).lower())
        if data.get("raised_by"):
            parts.append(f"asked by {data['raised_by'].name}")
        if data.get("topic"):
            parts.append(f"on {data['topic'].name}")
        if data.get("dialogue"):
            parts.append(f"in {data['dialogue'].display_name}")
        return "; ".join(parts)


@dataclass(frozen=True)
class FacetCount:
    value: str | None
    label: str
    count: int
    active: bool


# The facets of the tracker: (parameter, the column counted, the record it names or None,
# the record's field that is the parameter's value, the record's fields of its label).
_FACETS = {
    "raised_by": ("raised_by_id", Country, "code", ("name",)),
    "status": ("current_status", None, "", ()),
    "topic": ("topic_id", ThreatTopic, "slug", ("name",)),
    "dialogue": ("opened_in__dialogue_id", Dialogue, "slug", ("short_name", "name")),
}
_LIMIT = 30


def _tally(queryset) -> dict[str, dict[str, tuple[tuple, int]]]:
    """Count `queryset` per value of every facet: {facet: {value: (label fields, count)}}.

    One query grouped by the four keys alone (ids and the stored status: no text, no more
    joins than the filter's), then one query per record type for the names of the values
    counted. Requests without a topic are left out of the topic facet."""
    columns = [column for column, *_ in _FACETS.values()]
    counts: dict[str, Counter] = {name: Counter() for name in _FACETS}
    for *keys, n in queryset.order_by().values_list(*columns).annotate(n=Count("pk")):
        for name, key in zip(_FACETS, keys, strict=True):
            if key is not None:
                counts[name][key] += n
    tally = {}
    for name, (_column, model, value_field, label_fields) in _FACETS.items():
        if model is None:
            tally[name] = {key: ((), n) for key, n in counts[name].items()}
            continue
        records = records_by_id(model, counts[name]).values_list("pk", value_field, *label_fields)
        tally[name] = {
            value: (tuple(labels), counts[name][pk])
            for pk, value, *labels in records
            if pk in counts[name]
        }
    return tally


def tally_of(filterset: RequestFilter) -> dict[str, dict[str, tuple[tuple, int]]]:
    """_tally of the filtered requests, once per FilterSet (the counts and the paginator)."""
    if not hasattr(filterset, "_tally"):
        filterset._tally = _tally(filterset.qs)
    return filterset._tally


def request_total(filterset: RequestFilter) -> int:
    """How many requests the filters keep: every public request has a status, so the status
    counts add up to it (one COUNT fewer for the paginator)."""
    return sum(n for _labels, n in tally_of(filterset)["status"].values())


def request_counts(filterset: RequestFilter) -> dict[str, list[FacetCount]]:
    """Counts of the filtered requests per asking side, status, topic and dialogue, all four
    from one grouped query (see _tally), each request's status read from its stored column.

    Each entry's `value` is what a link sets its parameter to (None removes an active filter).
    """
    data = filterset.cleaned
    active = {
        "raised_by": data["raised_by"].code if data.get("raised_by") else None,
        "status": data.get("status") or None,
        "topic": data["topic"].slug if data.get("topic") else None,
        "dialogue": data["dialogue"].slug if data.get("dialogue") else None,
    }
    tally = tally_of(filterset)
    status_labels = dict(RequestStatus.choices)

    def entries(name: str, order) -> list[FacetCount]:
        items = sorted(tally[name].items(), key=order)
        return [
            FacetCount(
                None if active[name] == value else value,
                label,
                n,
                active[name] == value,
            )
            for value, label, n in (
                (value, _label(name, value, labels, status_labels), n)
                for value, (labels, n) in items
            )
        ]

    return {
        "raised_by": entries("raised_by", by_count),
        "status": entries("status", lambda item: RequestStatus.values.index(item[0])),
        "topic": entries("topic", by_count)[:_LIMIT],
        "dialogue": entries("dialogue", by_count)[:_LIMIT],
    }


def by_count(item: tuple) -> tuple:
    """Most requests first, then by name (the last label column)."""
    value, (labels, n) = item
    return (-n, labels[-1])


def _label(name: str, value: str, labels: tuple, status_labels: dict) -> str:
    if name == "status":
        return str(status_labels[value])
    return next((label for label in labels if label), value)
