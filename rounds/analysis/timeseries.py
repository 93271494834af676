"""Counts per year: topics of a dialogue, rounds on a topic, a country's dialogues over time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.urls import reverse

from rounds.models import Country, Dialogue, Round, ThreatTopic, localized


@dataclass(frozen=True)
class YearRow:
    """One row of a per-year count: `cells` line up with the table's `years`."""

    label: str
    url: str
    cells: list[int]

    @property
    def total(self) -> int:
        return sum(self.cells)

    def counts(self, years: list[int]) -> dict[int, int]:
        return dict(zip(years, self.cells, strict=True))


@dataclass(frozen=True)
class YearTable:
    """Rows × every year from the first to the last (years with nothing included)."""

    years: list[int]
    rows: list[YearRow]
    rounds_per_year: list[int]

    def __bool__(self) -> bool:
        return bool(self.rows)


def _years(years: set[int]) -> list[int]:
    return list(range(min(years), max(years) + 1)) if years else []


def _table(grouped: dict[tuple[str, str], dict[int, int]], per_year: dict[int, int]) -> YearTable:
    years = _years(set(per_year))
    rows = [
        YearRow(label=label, url=url, cells=[counts.get(year, 0) for year in years])
        for (label, url), counts in grouped.items()
    ]
    return YearTable(
        years=years, rows=rows, rounds_per_year=[per_year.get(year, 0) for year in years]
    )


def dialogue_topics_by_year(dialogue: Dialogue) -> YearTable:
    """Per topic, how many of the dialogue's published rounds listed it each year (1 query).

    Rows are ordered by how often the topic came up, then by name. One row is read per round
    and topic (a round without topics once), so rounds without topics still count as held.
    """
    pairs = (
        Round.objects.published()
        .for_dialogue(dialogue)
        .annotate(year=ExtractYear("start_date"))
        .values_list("pk", "year", "topics__name", "topics__name_es", "topics__slug")
        .order_by()
    )
    held: dict[int, set[int]] = defaultdict(set)
    grouped: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for round_id, year, name, name_es, slug in pairs:
        held[year].add(round_id)
        if slug is not None:
            grouped[(localized(name, name_es), reverse("rounds:topic-detail", args=[slug]))][
                year
            ] += 1
    per_year = {year: len(ids) for year, ids in held.items()}
    ordered = dict(sorted(grouped.items(), key=lambda kv: (-sum(kv[1].values()), kv[0][0].lower())))
    return _table(ordered, per_year)


def topic_rounds_by_year(topic: ThreatTopic) -> YearTable:
    """Per dialogue, how many published rounds touched the topic each year (1 query).

    "Touched" is the topic page's own rule (RoundQuerySet.touching_topic): the round lists
    the topic, or a statement or a request of the round is about it.
    """
    rows = (
        Round.objects.published()
        .touching_topic(topic)
        .annotate(year=ExtractYear("start_date"))
        .values(
            "dialogue__name", "dialogue__name_es", "dialogue__short_name", "dialogue__slug", "year"
        )
        .annotate(n=Count("pk"))
        .order_by("dialogue__name", "year")
    )
    grouped: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    per_year: dict[int, int] = defaultdict(int)
    for row in rows:
        label = localized(
            row["dialogue__short_name"] or row["dialogue__name"], row["dialogue__name_es"]
        )
        key = (label, reverse("rounds:dialogue-detail", args=[row["dialogue__slug"]]))
        grouped[key][row["year"]] = row["n"]
        per_year[row["year"]] += row["n"]
    return _table(dict(grouped), per_year)


@dataclass(frozen=True)
class DialogueRounds:
    """A dialogue and its published rounds, oldest first, as a country's page charts them."""

    dialogue: Dialogue
    rounds: list[Round]


def country_dialogues_over_time(country: Country) -> list[DialogueRounds]:
    """The country's dialogues with their published rounds in date order (1 query)."""
    rounds = (
        Round.objects.published()
        .touching_country(country)
        .select_related("dialogue")
        .only(
            "number",
            "start_date",
            "end_date",
            "date_precision",
            "city",
            "dialogue__name",
            "dialogue__name_es",
            "dialogue__short_name",
            "dialogue__slug",
        )
        .order_by("dialogue__name", "start_date", "number")
    )
    grouped: dict[int, DialogueRounds] = {}
    for round_ in rounds:
        entry = grouped.setdefault(round_.dialogue_id, DialogueRounds(round_.dialogue, []))
        entry.rounds.append(round_)
    return list(grouped.values())
