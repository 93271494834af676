"""The request tracker's filters and counts: by asking side, status, topic and dialogue.

Like RoundFilter, the FilterSet narrows a public queryset (`CooperationRequest.objects.public()`,
annotated with each request's current status) and bad input becomes a form error with a code,
never a 500. The counts are of the current result set, one aggregate query per facet.
"""

from __future__ import annotations

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

from .filters import SlugChoiceFilter


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


class RequestFilter(django_filters.FilterSet):
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
        queryset=Dialogue.objects.public(),
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
    def cleaned(self) -> dict:
        return getattr(self.form, "cleaned_data", {}) if self.is_bound else {}

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


def request_counts(filterset: RequestFilter) -> dict[str, list[FacetCount]]:
    """Counts of the filtered requests per asking side, status, topic and dialogue (4 queries).

    Each entry's `value` is what a link sets its parameter to (None removes an active filter).
    """
    results = filterset.qs.order_by()
    data = filterset.cleaned

    active = {
        "raised_by": data["raised_by"].code if data.get("raised_by") else None,
        "status": data.get("status") or None,
        "topic": data["topic"].slug if data.get("topic") else None,
        "dialogue": data["dialogue"].slug if data.get("dialogue") else None,
    }

    def entries(name: str, rows, key, label) -> list[FacetCount]:
        return [
            FacetCount(
                None if active[name] == key(row) else key(row),
                label(row),
                row["n"],
                active[name] == key(row),
            )
            for row in rows
        ]

    labels = dict(RequestStatus.choices)
    return {
        "raised_by": entries(
            "raised_by",
            results.values("raised_by__code", "raised_by__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "raised_by__name"),
            lambda row: row["raised_by__code"],
            lambda row: row["raised_by__name"],
        ),
        "status": entries(
            "status",
            sorted(
                results.values("current_status").annotate(n=Count("pk")).order_by(),
                key=lambda row: RequestStatus.values.index(row["current_status"]),
            ),
            lambda row: row["current_status"],
            lambda row: str(labels[row["current_status"]]),
        ),
        "topic": entries(
            "topic",
            results.filter(topic__isnull=False)
            .values("topic__slug", "topic__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "topic__name")[:30],
            lambda row: row["topic__slug"],
            lambda row: row["topic__name"],
        ),
        "dialogue": entries(
            "dialogue",
            results.values(
                "opened_in__dialogue__slug",
                "opened_in__dialogue__name",
                "opened_in__dialogue__short_name",
            )
            .annotate(n=Count("pk"))
            .order_by("-n", "opened_in__dialogue__name")[:30],
            lambda row: row["opened_in__dialogue__slug"],
            lambda row: row["opened_in__dialogue__short_name"] or row["opened_in__dialogue__name"],
        ),
    }
