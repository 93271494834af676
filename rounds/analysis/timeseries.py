"""Counts per year: topics of a dialogue, rounds on a topic, a country's dialogues over time."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, Max, Min, Q, Window
from django.db.models.functions import ExtractYear, Lag
from django.urls import reverse
from django.utils.translation import ngettext

from rounds.models import Country, Dialogue, Round, ThreatTopic, localized
from rounds.selectors import records_by_id


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


def dialogue_topics_by_year(dialogue: Dialogue, years: list[YearRounds] | None = None) -> YearTable:
    """Per topic, how many of the dialogue's published rounds listed it each year.

    Rows are ordered by how often the topic came up, then by name. One aggregate row is read
    per year and topic, however many rounds there are; the rounds held each year (rounds
    without topics count too) come from `years` (dialogue_rounds_per_year, which the dialogue
    page has read already) or one more query.
    """
    rows = (
        Round.objects.published()
        .for_dialogue(dialogue)
        .filter(topics__isnull=False)
        .annotate(year=ExtractYear("start_date"))
        .values("year", "topics__name", "topics__name_es", "topics__slug")
        .annotate(n=Count("pk"))
        .order_by()
    )
    grouped: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    urls: dict[str, str] = {}
    for row in rows:
        slug = row["topics__slug"]
        if slug not in urls:
            urls[slug] = reverse("rounds:topic-detail", args=[slug])
        name = localized(row["topics__name"], row["topics__name_es"])
        grouped[(name, urls[slug])][row["year"]] = row["n"]
    if years is None:
        years = dialogue_rounds_per_year(dialogue)
    per_year = {y.year: y.count for y in years}
    ordered = dict(sorted(grouped.items(), key=lambda kv: (-sum(kv[1].values()), kv[0][0].lower())))
    return _table(ordered, per_year)


def topic_rounds_by_year(topic: ThreatTopic) -> YearTable:
    """Per dialogue, how many published rounds touched the topic each year (1 query, and one
    for the names of the dialogues counted).

    "Touched" is the topic page's own rule (RoundQuerySet.touching_topic): the round lists
    the topic, or a statement or a request of the round is about it. Grouped by the dialogue's
    id alone: grouping 25,000 rounds by its joined text columns took half as long again.
    """
    rows = (
        Round.objects.published()
        .touching_topic(topic)
        .annotate(year=ExtractYear("start_date"))
        .values_list("dialogue_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counted: dict[int, dict[int, int]] = defaultdict(dict)  # by dialogue id
    per_year: dict[int, int] = defaultdict(int)
    for dialogue_id, year, n in rows:
        counted[dialogue_id][year] = n
        per_year[year] += n
    names = {
        pk: (slug, name, localized(short_name or name, name_es))
        for pk, slug, name, name_es, short_name in records_by_id(Dialogue, counted).values_list(
            "pk", "slug", "name", "name_es", "short_name"
        )
        if pk in counted
    }
    by_name = sorted(counted, key=lambda pk: names[pk][1])  # as the table lists them
    grouped = {names[pk][0]: counted[pk] for pk in by_name}  # by dialogue slug
    labels = {names[pk][0]: names[pk][2] for pk in by_name}
    folded = _fold_the_rest(grouped, TOPIC_DIALOGUES_SHOWN)

    def label_and_link(key):  # only for the rows shown: a topic can touch thousands of dialogues
        if key not in labels:
            return key  # the row of the others
        return labels[key], reverse("rounds:dialogue-detail", args=[key])

    return _table({label_and_link(key): counts for key, counts in folded.items()}, per_year)


# A topic page names this many dialogues in its picture and table; the rest share one row.
TOPIC_DIALOGUES_SHOWN = 12


def _fold_the_rest(grouped: dict[str, dict[int, int]], shown: int) -> dict:
    """Keep the `shown` rows with the most rounds (in their order) and add up the others in
    one row keyed (label, ""), so the picture stays readable and bounded however many
    dialogues there are."""
    if len(grouped) <= shown:
        return dict(grouped)
    by_total = sorted(grouped, key=lambda key: -sum(grouped[key].values()))
    kept = set(by_total[:shown])
    folded = {key: counts for key, counts in grouped.items() if key in kept}
    rest: dict[int, int] = defaultdict(int)
    for key in by_total[shown:]:
        for year, n in grouped[key].items():
            rest[year] += n
    others = len(grouped) - shown
    label = ngettext("%(count)s other dialogue", "%(count)s other dialogues", others)
    folded[(label % {"count": others}, "")] = dict(rest)
    return folded


@dataclass(frozen=True)
class DialogueYears:
    """A dialogue and its published rounds counted per year, as a country's page charts them."""

    dialogue: Dialogue
    years: list[YearRounds]

    @property
    def count(self) -> int:
        return sum(year.count for year in self.years)


# A country's page charts this many of its dialogues, those with the most published rounds.
COUNTRY_DIALOGUES_SHOWN = 12


def country_dialogues_over_time(country: Country) -> list[DialogueYears]:
    """The country's dialogues with the most published rounds (COUNTRY_DIALOGUES_SHOWN), each
    with its rounds per year, by name (1 query; one row a dialogue and year, however many
    rounds)."""
    busiest = (
        Dialogue.objects.public()
        .with_party(country)
        .order_by("-public_round_count", "name")
        .values("pk")[:COUNTRY_DIALOGUES_SHOWN]
    )
    rows = (
        Round.objects.published()
        .filter(dialogue__in=busiest)
        .annotate(year=ExtractYear("start_date"))
        .values(
            "dialogue_id",
            "dialogue__name",
            "dialogue__name_es",
            "dialogue__short_name",
            "dialogue__slug",
            "year",
        )
        .annotate(n=Count("pk"), first=Min("number"), last=Max("number"))
        .order_by("dialogue__name", "dialogue_id", "year")
    )
    grouped: dict[int, DialogueYears] = {}
    for row in rows:
        if row["dialogue_id"] not in grouped:
            dialogue = Dialogue(
                pk=row["dialogue_id"],
                name=row["dialogue__name"],
                name_es=row["dialogue__name_es"],
                short_name=row["dialogue__short_name"],
                slug=row["dialogue__slug"],
            )
            grouped[row["dialogue_id"]] = DialogueYears(dialogue, [])
        grouped[row["dialogue_id"]].years.append(
            YearRounds(row["year"], row["n"], row["first"], row["last"])
        )
    return list(grouped.values())


@dataclass(frozen=True)
class YearRounds:
    """How many published rounds a dialogue held in a year, and their numbers."""

    year: int
    count: int
    first: int
    last: int


def dialogue_rounds_per_year(dialogue: Dialogue) -> list[YearRounds]:
    """The dialogue's published rounds counted per year of their start (1 query; one row a
    year, however many rounds the dialogue has)."""
    rows = (
        Round.objects.published()
        .for_dialogue(dialogue)
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(n=Count("pk"), first=Min("number"), last=Max("number"))
        .order_by("year")
    )
    return [YearRounds(r["year"], r["n"], r["first"], r["last"]) for r in rows]


# A pause shorter than this between two rounds is the dialogue's rhythm, not a break.
PAUSE_MONTHS = 18
# More breaks than this and the list of years tells the story better.
MAX_PAUSES = 30


@dataclass(frozen=True)
class Pause:
    """A long wait between two published rounds, or round numbers with no published record."""

    before: int
    after: int
    last_day: datetime.date
    next_day: datetime.date

    @property
    def months(self) -> int:
        """Whole months from the end of one round to the start of the next."""
        months = (self.next_day.year - self.last_day.year) * 12
        months += self.next_day.month - self.last_day.month
        return months - (self.next_day.day < self.last_day.day)

    @property
    def duration(self) -> str:
        """'4 years 6 months': the pause in words."""
        years, months = divmod(self.months, 12)
        parts = [ngettext("%(n)d year", "%(n)d years", years) % {"n": years}] if years else []
        if months or not years:
            parts.append(ngettext("%(n)d month", "%(n)d months", months) % {"n": months})
        return " ".join(parts)

    @property
    def is_long(self) -> bool:
        return self.months >= PAUSE_MONTHS

    @property
    def unrecorded(self) -> range:
        """The round numbers between the two that have no published record."""
        return range(self.before + 1, self.after)


def dialogue_pauses(dialogue: Dialogue) -> list[Pause]:
    """The long pauses and unrecorded rounds of a dialogue's chain, oldest first (1 query; the
    window function compares each round with the one before it in the database, so only the
    breaks come back, however many rounds the dialogue has)."""
    ordered = {"order_by": "number"}
    rows = (
        Round.objects.published()
        .for_dialogue(dialogue)
        .annotate(
            previous_number=Window(Lag("number"), **ordered),
            previous_day=Window(Lag("end_date"), **ordered),
        )
        .filter(previous_number__isnull=False)
        .filter(
            Q(number__gt=F("previous_number") + 1)
            | Q(start_date__gte=F("previous_day") + datetime.timedelta(days=PAUSE_MONTHS * 30))
        )
        .values_list("previous_number", "number", "previous_day", "start_date")
        .order_by("number")
    )
    pauses = [Pause(*row) for row in rows[:MAX_PAUSES]]
    return [pause for pause in pauses if pause.is_long or pause.unrecorded]
