"""Facet counts of a result set, and the links that toggle each facet on the search page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from rounds.models import (
    Round,
    RoundQuerySet,
    localized,
)


@dataclass(frozen=True)
class FacetItem:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Facets:
    total: int
    topics: list[FacetItem]
    dialogues: list[FacetItem]
    countries: list[FacetItem]


def facet_counts(queryset: RoundQuerySet, limit: int = 30) -> Facets:
    """Count the result set per dialogue and country (one query), and per topic (one more when
    anything matched). The dialogue counts add up to the total, which spares the paginator's
    COUNT: one evaluation of the filters fewer, which matters for full-text searches."""
    ids = queryset.order_by().values("pk")
    dialogue_rows = (
        Round.objects.filter(pk__in=ids)
        .values(
            "dialogue__slug",
            "dialogue__name",
            "dialogue__name_es",
            "dialogue__short_name",
            "dialogue__party_a__code",
            "dialogue__party_a__name",
            "dialogue__party_a__name_es",
            "dialogue__party_b__code",
            "dialogue__party_b__name",
            "dialogue__party_b__name_es",
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "dialogue__name")
    )
    dialogues, countries, country_names = [], Counter(), {}
    for row in dialogue_rows:
        dialogues.append(
            FacetItem(
                row["dialogue__slug"],
                localized(
                    row["dialogue__short_name"] or row["dialogue__name"], row["dialogue__name_es"]
                ),
                row["n"],
            )
        )
        # Every round of a dialogue has both its parties taking part.
        for side in ("a", "b"):
            code = row[f"dialogue__party_{side}__code"]
            countries[code] += row["n"]
            country_names[code] = localized(
                row[f"dialogue__party_{side}__name"], row[f"dialogue__party_{side}__name_es"]
            )
    total = sum(item.count for item in dialogues)
    topic_rows = (
        Round.topics.through.objects.filter(round_id__in=ids)
        .values("threattopic__slug", "threattopic__name", "threattopic__name_es")
        .annotate(n=Count("round_id"))
        .order_by("-n", "threattopic__name")[:limit]
        if total
        else []
    )
    return Facets(
        total=total,
        topics=[
            FacetItem(
                r["threattopic__slug"],
                localized(r["threattopic__name"], r["threattopic__name_es"]),
                r["n"],
            )
            for r in topic_rows
        ],
        dialogues=dialogues[:limit],
        countries=[
            FacetItem(code.lower(), country_names[code], n)
            for code, n in sorted(countries.items(), key=lambda kv: (-kv[1], country_names[kv[0]]))
        ][:limit],
    )
