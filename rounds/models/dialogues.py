"""Dialogues and their numbered rounds."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.text import split_lines

from .base import Sourced, SpanishName, format_date_range, store_derived
from .choices import DatePrecision, RoundStatus
from .content import Agreement, Communique, Statement
from .delegations import Delegate, Delegation
from .limits import LIST, TEXT, at_most
from .requests import CooperationRequest, RequestUpdate

if TYPE_CHECKING:
    from .reference import Country, Ministry, ThreatTopic


def ministry_paths() -> list[tuple[models.Manager, str, str]]:
    """The one definition of "a ministry concerns a round": the body sent a delegation or a
    delegate to it, or issued a communiqué about it. Each path is (records, the field naming
    the body, the path from a record to its round)."""
    return [
        (Delegation.ministries.through.objects, "ministry", "delegation__round"),
        (Delegate.objects, "ministry", "delegation__round"),
        (Communique.objects, "issuer", "round"),
    ]


def topic_paths() -> list[tuple[models.Manager, str, str]]:
    """The one definition of "a round raised a topic": the round lists it, or a statement of
    the round or a request opened at it is about it (paths as in ministry_paths)."""
    return [
        (Round.topics.through.objects, "threattopic", "round"),
        (Statement.objects, "topic", "round"),
        (CooperationRequest.objects, "topic", "opened_in"),
    ]


def exists_on_a_path(paths, record, **round_lookups) -> Q:
    """Whether `record` (a Ministry or ThreatTopic, or an expression such as OuterRef("pk"))
    is reached on one of `paths` from a round narrowed by `round_lookups`, e.g.
    `pk=OuterRef("pk")` or `status=RoundStatus.PUBLISHED`."""
    condition = Q()
    for manager, field, round_field in paths:
        lookups = {f"{round_field}__{key}": value for key, value in round_lookups.items()}
        condition |= models.Exists(manager.filter(**{field: record}, **lookups))
    return condition


def ministry_takes_part(ministry, **round_lookups) -> Q:
    """A condition on a Ministry (or, with pk=OuterRef("pk"), on a Round): ministry_paths."""
    return exists_on_a_path(ministry_paths(), ministry, **round_lookups)


def topic_is_raised(topic, **round_lookups) -> Q:
    """A condition on a ThreatTopic (or, with pk=OuterRef("pk"), on a Round): topic_paths."""
    return exists_on_a_path(topic_paths(), topic, **round_lookups)


def round_on_a_path(paths, record) -> Q:
    """A condition on Round: `record` (one Ministry or ThreatTopic) is reached from the round
    on one of `paths`. The same rule as exists_on_a_path, as uncorrelated `IN` subqueries:
    each is read once through its index and hashed, where correlated EXISTS under OR would run
    three subqueries per round of the table."""
    condition = Q()
    for manager, field, round_field in paths:
        condition |= Q(pk__in=manager.filter(**{field: record}).values(round_field))
    return condition


def round_totals() -> dict[str, Subquery | Coalesce]:
    """The rule of a dialogue's public figures, as expressions over its rounds: how many are
    published (`round_count`), and the first and last of their start dates."""
    published = (
        Round.objects.filter(dialogue=OuterRef("pk"), status=RoundStatus.PUBLISHED)
        .order_by()
        .values("dialogue")
    )

    def over_published(aggregate):
        return Subquery(published.annotate(value=aggregate).values("value"))

    return {
        "round_count": Coalesce(over_published(Count("pk")), 0),
        "first_date": over_published(Min("start_date")),
        "last_date": over_published(Max("start_date")),
    }


# The figure of round_totals() -> the column of Dialogue that stores it.
ROUND_TOTAL_FIELDS = {
    "round_count": "public_round_count",
    "first_date": "public_first_date",
    "last_date": "public_last_date",
}


class DialogueQuerySet(models.QuerySet):
    def public(self) -> DialogueQuerySet:
        """Return dialogues with at least one published round; the others exist for staff only."""
        return self.filter(public_round_count__gt=0)

    def for_menus(self) -> DialogueQuerySet:
        """Public dialogues with only the columns a filter menu labels them by."""
        return self.public().only("slug", "name", "name_es", "short_name")

    def with_party(self, country: Country) -> DialogueQuerySet:
        """Dialogues the country is one of the two parties to."""
        return self.filter(Q(party_a=country) | Q(party_b=country))

    def with_round_counts(self) -> DialogueQuerySet:
        """Annotate `round_count`, `first_date` and `last_date` over published rounds only,
        read from the columns that store them (see refresh_round_totals)."""
        return self.select_related("party_a", "party_b").annotate(
            **{name: F(field) for name, field in ROUND_TOTAL_FIELDS.items()}
        )

    def refresh_round_totals(self) -> int:
        """Store the public figures of these dialogues (one UPDATE): called by the signal
        receivers of rounds.models.totals whenever one of their rounds is saved or deleted, and
        by bulk loaders."""
        computed = round_totals()
        return store_derived(
            self, {field: computed[name] for name, field in ROUND_TOTAL_FIELDS.items()}
        )


class Dialogue(SpanishName, Sourced):
    name = models.CharField(
        max_length=200,
        unique=True,
        help_text=_("e.g. Cuba–United States Law Enforcement Dialogue."),
    )
    slug = models.SlugField(max_length=100, unique=True, help_text=_("e.g. cuba-us-led"))
    short_name = models.CharField(
        max_length=60, blank=True, help_text=_("Used where space is short, e.g. Cuba–US LED.")
    )
    party_a = models.ForeignKey(
        "rounds.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("first party")
    )
    party_b = models.ForeignKey(
        "rounds.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("second party")
    )
    description = models.TextField(blank=True, validators=at_most(TEXT))
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        validators=at_most(LIST),
        help_text=_("Other names, one per line, incl. the Spanish name, used by search."),
    )
    # Derived from the dialogue's published rounds (round_totals), written only by
    # refresh_round_totals(): never edited, not part of the history.
    public_round_count = models.PositiveIntegerField(default=0, editable=False)
    public_first_date = models.DateField(null=True, editable=False)
    public_last_date = models.DateField(null=True, editable=False)
    history = HistoricalRecords(excluded_fields=list(ROUND_TOTAL_FIELDS.values()))

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            # The home page's most recently active dialogues: 12 rows read, not all sorted.
            models.Index(
                F("public_last_date").desc(),
                "name",
                condition=Q(public_round_count__gt=0),
                name="rounds_dialogue_recent",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(party_a=F("party_b")),
                name="rounds_dialogue_two_parties",
                violation_error_message=_("A dialogue needs two different parties."),
                violation_error_code="same_parties",
            ),
            models.CheckConstraint(
                condition=Q(
                    public_round_count=0,
                    public_first_date__isnull=True,
                    public_last_date__isnull=True,
                )
                | Q(
                    public_round_count__gt=0,
                    public_first_date__isnull=False,
                    public_last_date__isnull=False,
                    public_first_date__lte=F("public_last_date"),
                ),
                name="rounds_dialogue_round_totals_consistent",
                violation_error_message=_(
                    "A dialogue's first and last round dates go with its published rounds."
                ),
                violation_error_code="inconsistent_round_totals",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rounds:dialogue-detail", args=[self.slug])

    @property
    def party_ids(self) -> tuple[int, int]:
        return (self.party_a_id, self.party_b_id)

    @property
    def display_name(self) -> str:
        """The name where space is short; Spanish readers get the Spanish name when set."""
        localized = self.localized_name
        return localized if localized != self.name else self.short_name or self.name

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)

    def other_party(self, country: Country) -> Country:
        return self.party_b if country.pk == self.party_a_id else self.party_a

    def published_rounds(self) -> RoundQuerySet:
        """Return this dialogue's published rounds in number order, with their topics."""
        return (
            Round.objects.published()
            .for_dialogue(self)
            .select_related("dialogue", "host_country")
            .prefetch_related("topics")
            .order_by("number")
        )

    @staticmethod
    def topic_matrix(rounds: list[Round]) -> list[tuple[ThreatTopic, list[bool]]]:
        """Return (topic, [raised at each round?]) rows for `rounds` (topics prefetched)."""
        topics: dict[int, ThreatTopic] = {}
        for round_ in rounds:
            for topic in round_.topics.all():
                topics.setdefault(topic.pk, topic)
        return [
            (topic, [any(t.pk == topic.pk for t in r.topics.all()) for r in rounds])
            for topic in sorted(topics.values(), key=lambda t: t.name.lower())
        ]


class RoundQuerySet(models.QuerySet):
    def published(self) -> RoundQuerySet:
        return self.filter(status=RoundStatus.PUBLISHED)

    def drafts(self) -> RoundQuerySet:
        return self.filter(status=RoundStatus.DRAFT)

    def for_dialogue(self, dialogue: Dialogue) -> RoundQuerySet:
        return self.filter(dialogue=dialogue)

    def with_related(self) -> RoundQuerySet:
        """Return rounds with what list pages display, in a fixed number of queries."""
        return self.select_related(
            "dialogue", "dialogue__party_a", "dialogue__party_b", "host_country"
        ).prefetch_related("topics")

    def with_detail(self) -> RoundQuerySet:
        """Return rounds with everything the round page shows, in a fixed number of queries."""
        return self.with_related().prefetch_related(
            models.Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related("country").prefetch_related(
                    "ministries",
                    models.Prefetch(
                        "delegates",
                        queryset=Delegate.objects.select_related("person", "ministry"),
                    ),
                ),
            ),
            models.Prefetch(
                "statements",
                queryset=Statement.objects.select_related("country", "topic", "communique"),
            ),
            models.Prefetch("agreements", queryset=Agreement.objects.select_related("communique")),
            models.Prefetch(
                "request_updates",
                # A request opened at a draft round is not public even when a published round
                # discussed it: its page is a 404, so the round page must not show or link it.
                queryset=RequestUpdate.objects.filter(
                    request__opened_in__status=RoundStatus.PUBLISHED
                ).select_related("request__raised_by", "request__topic", "request__opened_in"),
            ),
            models.Prefetch(
                "communiques",
                queryset=Communique.objects.select_related("issuer", "issuer_country"),
            ),
        )

    def touching_topic(self, topic: ThreatTopic) -> RoundQuerySet:
        """Rounds that list the topic, or where a statement or request was about it."""
        return self.filter(round_on_a_path(topic_paths(), topic))

    def touching_ministry(self, ministry: Ministry) -> RoundQuerySet:
        """Rounds where the body sent a delegation or a delegate, or issued a communiqué."""
        return self.filter(round_on_a_path(ministry_paths(), ministry))

    def touching_country(self, country: Country) -> RoundQuerySet:
        """Rounds of the dialogues the country is a party to."""
        return self.filter(Q(dialogue__party_a=country) | Q(dialogue__party_b=country))

    def chronological(self) -> RoundQuerySet:
        return self.order_by("dialogue_id", "number")

    def newest_first(self) -> RoundQuerySet:
        return self.order_by("-start_date", "-number")


class Round(Sourced):
    dialogue = models.ForeignKey("rounds.Dialogue", on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField(
        help_text=_("Ordinal within the dialogue, e.g. 3 for the 3rd round.")
    )
    start_date = models.DateField(
        help_text=_(
            "First day of the meeting, e.g. 2018-07-10. If only the month or year is known, "
            "give its first day and set the precision."
        )
    )
    end_date = models.DateField(
        help_text=_("Last day of the meeting; the same as the start for a one-day round.")
    )
    date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("How much of the date the sources give."),
    )
    city = models.CharField(
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Canonical English name, e.g. Washington, D.C. or Havana."),
    )
    venue = models.CharField(max_length=200, blank=True, help_text=_("e.g. Department of State"))
    host_country = models.ForeignKey(
        "rounds.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_rounds",
        help_text=_("One of the dialogue's two parties."),
    )
    summary = models.TextField(
        blank=True,
        validators=at_most(TEXT),
        help_text=_("A few sentences in our own words."),
    )
    topics = models.ManyToManyField(
        "rounds.ThreatTopic", blank=True, related_name="rounds", verbose_name=_("threat topics")
    )
    status = models.CharField(
        max_length=10, choices=RoundStatus, default=RoundStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    dates_provisional = models.BooleanField(
        _("provisional dates"),
        default=False,
        editable=False,
        help_text=_(
            "Set while the dates are placeholders copied from the previous round; entering the "
            "real dates clears it."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_("Raised on every save, so two editors cannot overwrite each other."),
    )
    # Written only by database triggers on PostgreSQL (migration 0002); NULL on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(m2m_fields=[topics], excluded_fields=["search_vector"])

    objects = RoundQuerySet.as_manager()

    # What the figures stored by rounds.models.derived read from a round.
    DERIVED_FROM = ("status", "dialogue_id", "number", "start_date")

    class Meta:
        ordering = ["-start_date", "-number"]
        permissions = [("publish_round", "Can publish and unpublish rounds")]
        indexes = [
            models.Index(fields=["status", "-start_date"], name="rounds_round_status_date"),
            models.Index(fields=["start_date"], name="rounds_round_start_date"),
            # The sitemap index's lastmod of rounds: the latest change to a published one.
            models.Index(fields=["status", "updated_at"], name="rounds_round_status_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["dialogue", "number"],
                name="rounds_round_unique_number",
                violation_error_message=_("This dialogue already has a round with this number."),
                violation_error_code="duplicate_round",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="rounds_round_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
                violation_error_code="dates_unordered",
            ),
            models.CheckConstraint(
                condition=Q(date_precision=DatePrecision.DAY)
                | Q(date_precision=DatePrecision.MONTH, start_date__day=1)
                | Q(date_precision=DatePrecision.YEAR, start_date__day=1, start_date__month=1),
                name="rounds_round_partial_date_is_first_day",
                violation_error_message=_(
                    "With a partial date, give the first day of the month (or of the year)."
                ),
                violation_error_code="partial_date_not_first",
            ),
            models.CheckConstraint(
                condition=Q(number__lte=999),
                name="rounds_round_number_plausible",
                violation_error_message=_("Round numbers above 999 are not plausible."),
                violation_error_code="number_too_large",
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="rounds_round_number_positive",
                violation_error_message=_("Round numbers start at 1."),
                violation_error_code="number_not_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values),
                name="rounds_round_status_valid",
                violation_error_message=_("The status must be draft or published."),
                violation_error_code="invalid_status",
            ),
            models.CheckConstraint(
                condition=Q(date_precision__in=DatePrecision.values),
                name="rounds_round_date_precision_valid",
                violation_error_message=_("Choose a date precision from the list."),
                violation_error_code="invalid_precision",
            ),
            models.CheckConstraint(
                condition=Q(status=RoundStatus.DRAFT) | Q(published_at__isnull=False),
                name="rounds_round_published_has_date",
                violation_error_message=_("A published round records when it was published."),
                violation_error_code="published_without_date",
            ),
            models.CheckConstraint(
                condition=Q(status=RoundStatus.DRAFT) | ~Q(summary=""),
                name="rounds_round_published_has_summary",
                violation_error_message=_(
                    "A published round needs a summary: say in a few sentences, in our own "
                    "words, what its sources report it covered."
                ),
                violation_error_code="published_without_summary",
            ),
            models.CheckConstraint(
                condition=Q(status=RoundStatus.DRAFT) | Q(dates_provisional=False),
                name="rounds_round_published_dates_real",
                violation_error_message=_(
                    "This round still has the placeholder dates it was started with; set its "
                    "real dates from the communiqué before publishing."
                ),
                violation_error_code="provisional_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dialogue.display_name} — round {self.number}"

    @classmethod
    def from_db(cls, db, field_names, values):
        round_ = super().from_db(db, field_names, values)
        round_.remember_loaded_values()
        return round_

    def remember_loaded_values(self) -> None:
        self.loaded_values = {name: self.__dict__.get(name) for name in self.DERIVED_FROM}

    def changed_what_derived_figures_read(self) -> bool:
        """True for a new round, or when a value that stored figures read has moved."""
        loaded = getattr(self, "loaded_values", None)
        return not loaded or any(
            loaded[name] != self.__dict__.get(name) for name in self.DERIVED_FROM
        )

    def get_absolute_url(self) -> str:
        # Needs dialogue loaded: lists use with_related() to avoid one query per row.
        return reverse("rounds:round-detail", args=[self.dialogue.slug, self.number])

    @staticmethod
    def path_maker() -> Callable[[str, int], str]:
        """get_absolute_url() for thousands of rounds (sitemaps, exports): the round page's URL
        pattern is reversed once, in the active language, with placeholders that each call
        fills in from (dialogue slug, number); a reverse() costs ~70 µs a round."""
        slug_mark, number_mark = "dialogue-slug-placeholder", "987654321"
        pattern = reverse("rounds:round-detail", args=[slug_mark, int(number_mark)])

        def path(slug: str, number: int) -> str:
            # The number first: a slug may hold the number's placeholder digits, not vice versa.
            return pattern.replace(number_mark, str(number), 1).replace(slug_mark, slug, 1)

        return path

    def clean(self) -> None:
        super().clean()
        if (
            self.host_country_id
            and self.dialogue_id
            and self.host_country_id not in self.dialogue.party_ids
        ):
            raise ValidationError(
                {
                    "host_country": ValidationError(
                        _("The host must be one of the dialogue's parties: %(parties)s."),
                        code="host_not_party",
                        params={"parties": self.dialogue_parties_label()},
                    )
                }
            )
        if self.start_date and not self.start_date_fits_precision():
            raise ValidationError(
                {
                    "start_date": ValidationError(
                        _("With a partial date, give the first day of the month or year."),
                        code="partial_date_not_first",
                    )
                }
            )
        if self.dialogue_id and self.number and self.start_date:
            self.clean_order_in_dialogue()
        if self.pk and self.dialogue_id and self.number:
            self.clean_requests_still_fit()

    @property
    def owning_round(self) -> Round:
        """A round belongs to itself (see RoundRecord.owning_round)."""
        return self

    def date_bounds(self) -> tuple[datetime.date, datetime.date]:
        """Return the earliest and latest day the round can have started, given its precision."""
        start = self.start_date
        if self.date_precision == DatePrecision.YEAR:
            return start, datetime.date(start.year, 12, 31)
        if self.date_precision == DatePrecision.MONTH:
            next_month = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, next_month - datetime.timedelta(days=1)
        return start, start

    def period(self) -> tuple[datetime.date, datetime.date]:
        """Return the first and last day the round covers; a partial date spans its period."""
        if self.date_precision == DatePrecision.DAY:
            return self.start_date, self.end_date
        return self.date_bounds()

    def clean_order_in_dialogue(self) -> None:
        """Refuse a start date that contradicts the numbering: round N cannot precede N-1."""
        earliest, latest = self.date_bounds()
        siblings = Round.objects.filter(dialogue_id=self.dialogue_id).exclude(pk=self.pk)
        for other in siblings.only("number", "start_date", "end_date", "date_precision"):
            other_earliest, other_latest = other.date_bounds()
            if (other.number < self.number and other_earliest > latest) or (
                other.number > self.number and other_latest < earliest
            ):
                raise ValidationError(
                    {
                        "start_date": ValidationError(
                            _(
                                "Round %(other)s started on %(date)s, so round %(number)s "
                                "cannot start on this date: rounds are numbered in the order "
                                "they met."
                            ),
                            code="out_of_order",
                            params={
                                "other": other.number,
                                "date": other.date_label,
                                "number": self.number,
                            },
                        )
                    }
                )

    def start_date_fits_precision(self) -> bool:
        if self.date_precision == DatePrecision.MONTH:
            return self.start_date.day == 1
        if self.date_precision == DatePrecision.YEAR:
            return (self.start_date.month, self.start_date.day) == (1, 1)
        return True

    def clean_requests_still_fit(self) -> None:
        """Refuse a renumbering or a move that would put a request update before its opening.

        Requests and their updates point at rounds from outside the round's own form, so a new
        number or dialogue is checked against them here.
        """
        later_updates = RequestUpdate.objects.filter(request__opened_in=self).exclude(round=self)
        if later_updates.exclude(
            round__dialogue_id=self.dialogue_id, round__number__gte=self.number
        ).exists():
            raise ValidationError(
                _(
                    "Requests opened at this round have updates at rounds that would then come "
                    "before it or belong to another dialogue; change those updates first."
                ),
                code="renumber_breaks_requests",
            )
        updates_here = RequestUpdate.objects.filter(round=self).exclude(request__opened_in=self)
        if updates_here.exclude(
            request__opened_in__dialogue_id=self.dialogue_id,
            request__opened_in__number__lte=self.number,
        ).exists():
            raise ValidationError(
                _(
                    "This round updates requests opened at rounds that would then come after it "
                    "or belong to another dialogue; change those updates first."
                ),
                code="renumber_breaks_requests",
            )
        if (
            CooperationRequest.objects.filter(opened_in=self)
            .exclude(raised_by_id__in=self.dialogue.party_ids)
            .exists()
        ):
            raise ValidationError(
                _("Requests opened at this round were raised by a country outside this dialogue."),
                code="renumber_breaks_requests",
            )

    def dialogue_parties_label(self) -> str:
        return f"{self.dialogue.party_a} and {self.dialogue.party_b}"

    @property
    def is_published(self) -> bool:
        return self.status == RoundStatus.PUBLISHED

    @property
    def date_label(self) -> str:
        """Return the date as precisely as it is known, e.g. '17–18 January 2023' or 'July 2018'."""
        return format_date_range(self.start_date, self.end_date, self.date_precision)

    def _siblings(self, public_only: bool) -> RoundQuerySet:
        rounds = Round.objects.filter(dialogue_id=self.dialogue_id)
        return rounds.published() if public_only else rounds

    def previous_round(self, *, public_only: bool = True) -> Round | None:
        """Return the round with the next lower number in this dialogue, derived from numbering."""
        return (
            self._siblings(public_only)
            .filter(number__lt=self.number)
            .order_by("-number")
            .select_related("dialogue")
            .first()
        )

    def next_round(self, *, public_only: bool = True) -> Round | None:
        """Return the round with the next higher number in this dialogue."""
        return (
            self._siblings(public_only)
            .filter(number__gt=self.number)
            .order_by("number")
            .select_related("dialogue")
            .first()
        )

    def by_side(self, records: list, attr: str = "country") -> list[tuple[Country, list]]:
        """Group prefetched records by side, the dialogue's first party first."""
        dialogue = self.dialogue
        groups: dict[int, list] = {dialogue.party_a_id: [], dialogue.party_b_id: []}
        sides = {dialogue.party_a_id: dialogue.party_a, dialogue.party_b_id: dialogue.party_b}
        for record in records:
            key = getattr(record, f"{attr}_id")
            groups.setdefault(key, []).append(record)
            sides.setdefault(key, getattr(record, attr))
        return [(sides[key], items) for key, items in groups.items() if items]

    def missing_numbers_before(self, previous: Round | None) -> list[int]:
        """Return the round numbers between `previous` (or the first round) and this one."""
        start = previous.number + 1 if previous else 1
        return list(range(start, self.number))
