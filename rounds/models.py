"""The domain of DiploTrack: dialogues, their numbered rounds and what each round recorded.

Every invariant of the design is a named database constraint where SQL can say it, and a
`clean()` rule (with a `code`) where it involves another table, such as "a delegation comes
from one of the dialogue's two parties".
"""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .text import shorten, split_lines


class Sourced(models.Model):
    """A record that states a fact: where it comes from and how sure we are of it."""

    source_urls = models.TextField(
        _("source URLs"),
        blank=True,
        help_text=_("One URL per line, e.g. https://misiones.minrex.gob.cu/en/articulo/..."),
    )
    uncertain_note = models.TextField(
        _("uncertainty note"),
        blank=True,
        help_text=_(
            "Leave empty when the fact is well sourced. Otherwise say why it is uncertain, "
            "e.g. 'Only one secondary source.'"
        ),
    )

    class Meta:
        abstract = True

    @property
    def sources(self) -> list[str]:
        return split_lines(self.source_urls)

    @property
    def is_uncertain(self) -> bool:
        return bool(self.uncertain_note.strip())

    def clean(self) -> None:
        super().clean()
        validate = URLValidator(schemes=["http", "https"])
        for url in self.sources:
            try:
                validate(url)
            except ValidationError:
                raise ValidationError(
                    {
                        "source_urls": ValidationError(
                            _("“%(url)s” is not a web address; give one http(s) URL per line."),
                            code="invalid_source_url",
                            params={"url": url},
                        )
                    }
                ) from None


# ---------------------------------------------------------------------------------------------
# Reference data: countries, ministries, people, threat topics


class Country(models.Model):
    code = models.CharField(
        _("code"),
        max_length=8,
        unique=True,
        help_text=_("ISO 3166-1 alpha-2 code in capitals, or a bloc code, e.g. CU, US, EU."),
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names, one per line, e.g. 'Estados Unidos' or 'the U.S.'."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2,8}$"),
                name="rounds_country_code_format",
                violation_error_message=_("The code must be 2 to 8 capital letters, e.g. CU."),
                violation_error_code="invalid_country_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rounds:country-detail", args=[self.code.lower()])

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)


class MinistryKind(models.TextChoices):
    INTERIOR = "interior", _("Interior")
    FOREIGN_AFFAIRS = "foreign_affairs", _("Foreign affairs")
    JUSTICE = "justice", _("Justice")
    PROSECUTION = "prosecution", _("Prosecution")
    CUSTOMS = "customs", _("Customs")
    HOMELAND_SECURITY = "homeland_security", _("Homeland security")
    POLICE = "police", _("Police and investigation")
    COAST_GUARD = "coast_guard", _("Coast guard")
    IMMIGRATION = "immigration", _("Immigration and borders")
    DEFENCE = "defence", _("Defence and security")
    PUBLIC_SECURITY = "public_security", _("Public security")
    OTHER = "other", _("Other")


class MinistryQuerySet(models.QuerySet):
    def of_country(self, country: Country) -> "MinistryQuerySet":
        return self.filter(country=country)

    def in_published_rounds(self) -> "MinistryQuerySet":
        """Bodies that sent a delegation or delegate to, or reported on, a published round."""
        published = RoundStatus.PUBLISHED
        return self.filter(
            Q(delegations__round__status=published)
            | Q(delegates__delegation__round__status=published)
            | Q(communiques__round__status=published)
        ).distinct()


class Ministry(models.Model):
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="ministries")
    name = models.CharField(
        _("official English name"),
        max_length=200,
        help_text=_("e.g. Ministry of the Interior, Department of Homeland Security."),
    )
    slug = models.SlugField(
        max_length=220,
        unique=True,
        help_text=_("Used in the page address, e.g. cu-ministry-of-the-interior."),
    )
    acronym = models.CharField(
        max_length=20, blank=True, help_text=_("e.g. MININT, DHS. Leave empty if none.")
    )
    kind = models.CharField(max_length=20, choices=MinistryKind, default=MinistryKind.OTHER)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The body it belongs to, e.g. DHS for ICE, DOJ for the FBI."),
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_(
            "Other names, one per line, including the name in the other language, "
            "e.g. 'Ministerio del Interior' or 'Interior Ministry'."
        ),
    )

    objects = MinistryQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name_plural = _("ministries and agencies")
        verbose_name = _("ministry or agency")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"],
                name="rounds_ministry_unique_name_per_country",
                violation_error_message=_("This country already has a body with this name."),
                violation_error_code="duplicate_ministry",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=MinistryKind.values),
                name="rounds_ministry_kind_valid",
                violation_error_message=_("Choose a kind from the list."),
                violation_error_code="invalid_kind",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="rounds_ministry_not_own_parent",
                violation_error_message=_("A body cannot be its own parent."),
                violation_error_code="own_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = Ministry.free_slug(self.country, self.acronym or self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rounds:ministry-detail", args=[self.slug])

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)

    @staticmethod
    def free_slug(country: Country, label: str) -> str:
        """Return an unused slug such as 'cu-minint', adding -2, -3... when it is taken."""
        base = slugify(f"{country.code}-{label}")[:200] or f"{country.code.lower()}-body"
        slug, n = base, 2
        while Ministry.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.country_id and self.parent.country_id != self.country_id:
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("The parent body must belong to the same country (%(country)s)."),
                        code="parent_other_country",
                        params={"country": self.country},
                    )
                }
            )
        clean_parent_cycle(self, _("This parent would make a loop of bodies."))


def clean_parent_cycle(record: "Ministry | ThreatTopic", message: str) -> None:
    """Refuse a parent that is the record itself or one of its descendants."""
    if not (record.parent_id and record.pk):
        return
    ancestor, seen = record.parent, set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == record.pk:
            raise ValidationError({"parent": ValidationError(message, code="parent_cycle")})
        seen.add(ancestor.pk)
        ancestor = ancestor.parent


class Office(models.Model):
    """A title that names a body through its holder: "Attorney General" means the DOJ.

    The extractor reads these, so staff teach it a new title here without a code change.
    """

    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.CASCADE,
        related_name="offices",
        verbose_name=_("ministry or agency"),
        help_text=_("The body whose head or official holds this title, e.g. DOJ."),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("As written in English, e.g. Attorney General, Secretary of State."),
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other spellings and the Spanish title, one per line, e.g. 'fiscal general'."),
    )

    class Meta:
        ordering = ["ministry__country__name", "title"]
        verbose_name = _("office (title)")
        verbose_name_plural = _("offices (titles)")
        constraints = [
            models.UniqueConstraint(
                fields=["ministry", "title"],
                name="rounds_office_unique_title_per_body",
                violation_error_message=_("This body already has an office with this title."),
                violation_error_code="duplicate_office",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.ministry})"

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)


class Person(models.Model):
    name = models.CharField(
        max_length=200, help_text=_("Full name as usually written, e.g. Yuri A. Gala López.")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "country"],
                name="rounds_person_unique_name_per_country",
                violation_error_message=_("A person with this name and country already exists."),
                violation_error_code="duplicate_person",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ThreatTopicQuerySet(models.QuerySet):
    def with_round_counts(self) -> "ThreatTopicQuerySet":
        """Annotate `round_count`: how many published rounds raised the topic."""
        return self.annotate(
            round_count=models.Count(
                "rounds", filter=Q(rounds__status=RoundStatus.PUBLISHED), distinct=True
            )
        )


class ThreatTopic(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text=_("e.g. drug trafficking"))
    slug = models.SlugField(max_length=100, unique=True, help_text=_("e.g. drug-trafficking"))
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("A broader topic, e.g. transnational crime for arms trafficking."),
    )
    iccs_code = models.CharField(
        _("ICCS code"),
        max_length=20,
        blank=True,
        help_text=_("UNODC International Classification of Crime code, e.g. 0601 for drugs."),
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Synonyms and Spanish names, one per line, e.g. 'narcotráfico', 'narcotics'."),
    )

    objects = ThreatTopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("threat topic")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="rounds_threattopic_not_own_parent",
                violation_error_message=_("A topic cannot be its own parent."),
                violation_error_code="own_parent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("rounds:topic-detail", args=[self.slug])

    def clean(self) -> None:
        super().clean()
        clean_parent_cycle(self, _("This parent would make a loop of topics."))

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)


# ---------------------------------------------------------------------------------------------
# Dialogues and rounds


class DialogueQuerySet(models.QuerySet):
    def public(self) -> "DialogueQuerySet":
        """Return dialogues with at least one published round; the others exist for staff only."""
        # Exists, not a join: chains with with_round_counts() without duplicating rows.
        return self.filter(
            models.Exists(
                Round.objects.filter(dialogue=OuterRef("pk"), status=RoundStatus.PUBLISHED)
            )
        )

    def with_round_counts(self) -> "DialogueQuerySet":
        """Annotate `round_count`, `first_date` and `last_date` over published rounds only."""
        published = Q(rounds__status=RoundStatus.PUBLISHED)
        return self.select_related("party_a", "party_b").annotate(
            round_count=models.Count("rounds", filter=published),
            first_date=models.Min("rounds__start_date", filter=published),
            last_date=models.Max("rounds__start_date", filter=published),
        )


class Dialogue(Sourced):
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
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("first party")
    )
    party_b = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("second party")
    )
    description = models.TextField(blank=True)
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_("Other names, one per line, incl. the Spanish name, used by search."),
    )
    history = HistoricalRecords()

    objects = DialogueQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(party_a=F("party_b")),
                name="rounds_dialogue_two_parties",
                violation_error_message=_("A dialogue needs two different parties."),
                violation_error_code="same_parties",
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
        return self.short_name or self.name

    @property
    def alias_list(self) -> list[str]:
        return split_lines(self.aliases)

    def other_party(self, country: Country) -> Country:
        return self.party_b if country.pk == self.party_a_id else self.party_a

    def published_rounds(self) -> "RoundQuerySet":
        """Return this dialogue's published rounds in number order, with their topics."""
        return (
            Round.objects.published()
            .for_dialogue(self)
            .select_related("dialogue", "host_country")
            .prefetch_related("topics")
            .order_by("number")
        )

    @staticmethod
    def topic_matrix(rounds: "list[Round]") -> "list[tuple[ThreatTopic, list[bool]]]":
        """Return (topic, [raised at each round?]) rows for `rounds` (topics prefetched)."""
        topics: dict[int, ThreatTopic] = {}
        for round_ in rounds:
            for topic in round_.topics.all():
                topics.setdefault(topic.pk, topic)
        return [
            (topic, [any(t.pk == topic.pk for t in r.topics.all()) for r in rounds])
            for topic in sorted(topics.values(), key=lambda t: t.name.lower())
        ]


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")


class RoundQuerySet(models.QuerySet):
    def published(self) -> "RoundQuerySet":
        return self.filter(status=RoundStatus.PUBLISHED)

    def drafts(self) -> "RoundQuerySet":
        return self.filter(status=RoundStatus.DRAFT)

    def for_dialogue(self, dialogue: "Dialogue") -> "RoundQuerySet":
        return self.filter(dialogue=dialogue)

    def with_related(self) -> "RoundQuerySet":
        """Return rounds with what list pages display, in a fixed number of queries."""
        return self.select_related(
            "dialogue", "dialogue__party_a", "dialogue__party_b", "host_country"
        ).prefetch_related("topics")

    def with_detail(self) -> "RoundQuerySet":
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

    def touching_topic(self, topic: "ThreatTopic") -> "RoundQuerySet":
        """Rounds that list the topic, or where a statement or request was about it."""
        ids = Round.objects.filter(
            Q(topics=topic) | Q(statements__topic=topic) | Q(opened_requests__topic=topic)
        ).values("pk")
        return self.filter(pk__in=ids)

    def touching_ministry(self, ministry: "Ministry") -> "RoundQuerySet":
        """Rounds where the body sent a delegation or a delegate, or issued a communiqué."""
        ids = Round.objects.filter(
            Q(delegations__ministries=ministry)
            | Q(delegations__delegates__ministry=ministry)
            | Q(communiques__issuer=ministry)
        ).values("pk")
        return self.filter(pk__in=ids)

    def touching_country(self, country: "Country") -> "RoundQuerySet":
        """Rounds of the dialogues the country is a party to."""
        return self.filter(Q(dialogue__party_a=country) | Q(dialogue__party_b=country))

    def search(self, q: str) -> "RoundQuerySet":
        """Return the rounds matching a web-search query, annotated with `rank` (see search.py)."""
        from .search import get_backend, parse_query

        parsed = parse_query(q)
        return get_backend().filter(self, parsed) if parsed else self

    def chronological(self) -> "RoundQuerySet":
        return self.order_by("dialogue_id", "number")

    def newest_first(self) -> "RoundQuerySet":
        return self.order_by("-start_date", "-number")


class Round(Sourced):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.PROTECT, related_name="rounds")
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
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_rounds",
        help_text=_("One of the dialogue's two parties."),
    )
    summary = models.TextField(blank=True, help_text=_("A few sentences in our own words."))
    topics = models.ManyToManyField(
        ThreatTopic, blank=True, related_name="rounds", verbose_name=_("threat topics")
    )
    status = models.CharField(
        max_length=10, choices=RoundStatus, default=RoundStatus.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
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

    class Meta:
        ordering = ["-start_date", "-number"]
        permissions = [("publish_round", "Can publish and unpublish rounds")]
        indexes = [
            models.Index(fields=["status", "-start_date"], name="rounds_round_status_date"),
            models.Index(fields=["start_date"], name="rounds_round_start_date"),
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
        ]

    def __str__(self) -> str:
        return f"{self.dialogue.display_name} — round {self.number}"

    def get_absolute_url(self) -> str:
        # Needs dialogue loaded: lists use with_related() to avoid one query per row.
        return reverse("rounds:round-detail", args=[self.dialogue.slug, self.number])

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

    def date_bounds(self) -> tuple[datetime.date, datetime.date]:
        """Return the earliest and latest day the round can have started, given its precision."""
        start = self.start_date
        if self.date_precision == DatePrecision.YEAR:
            return start, datetime.date(start.year, 12, 31)
        if self.date_precision == DatePrecision.MONTH:
            next_month = datetime.date(start.year + start.month // 12, start.month % 12 + 1, 1)
            return start, next_month - datetime.timedelta(days=1)
        return start, start

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

    def previous_round(self, *, public_only: bool = True) -> "Round | None":
        """Return the round with the next lower number in this dialogue, derived from numbering."""
        return (
            self._siblings(public_only)
            .filter(number__lt=self.number)
            .order_by("-number")
            .select_related("dialogue")
            .first()
        )

    def next_round(self, *, public_only: bool = True) -> "Round | None":
        """Return the round with the next higher number in this dialogue."""
        return (
            self._siblings(public_only)
            .filter(number__gt=self.number)
            .order_by("number")
            .select_related("dialogue")
            .first()
        )

    def by_side(self, records: list, attr: str = "country") -> "list[tuple[Country, list]]":
        """Group prefetched records by side, the dialogue's first party first."""
        dialogue = self.dialogue
        groups: dict[int, list] = {dialogue.party_a_id: [], dialogue.party_b_id: []}
        sides = {dialogue.party_a_id: dialogue.party_a, dialogue.party_b_id: dialogue.party_b}
        for record in records:
            key = getattr(record, f"{attr}_id")
            groups.setdefault(key, []).append(record)
            sides.setdefault(key, getattr(record, attr))
        return [(sides[key], items) for key, items in groups.items() if items]

    def missing_numbers_before(self, previous: "Round | None") -> list[int]:
        """Return the round numbers between `previous` (or the first round) and this one."""
        start = previous.number + 1 if previous else 1
        return list(range(start, self.number))


def format_date_range(start: datetime.date, end: datetime.date, precision: str) -> str:
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.MONTH:
        return start.strftime("%B %Y")
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


class PartyBoundMixin:
    """For records tied to a round and a side: the side must be one of the dialogue's parties."""

    side_field = "country"

    def clean_side(self, round_: Round | None, country_id: int | None, code: str) -> None:
        if round_ is None or country_id is None:
            return
        if country_id not in round_.dialogue.party_ids:
            raise ValidationError(
                {
                    self.side_field: ValidationError(
                        _("%(country)s is not a party to %(dialogue)s (only %(parties)s are)."),
                        code=code,
                        params={
                            "country": Country.objects.filter(pk=country_id).first(),
                            "dialogue": round_.dialogue,
                            "parties": round_.dialogue_parties_label(),
                        },
                    )
                }
            )


class DelegateRole(models.TextChoices):
    HEAD = "head", _("Head of delegation")
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")


class Delegation(PartyBoundMixin, Sourced):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="delegations")
    ministries = models.ManyToManyField(
        Ministry,
        blank=True,
        related_name="delegations",
        verbose_name=_("ministries and agencies"),
        help_text=_("The bodies that sent representatives, e.g. MININT, MINREX."),
    )
    history = HistoricalRecords(m2m_fields=[ministries])

    class Meta:
        ordering = ["round", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "country"],
                name="rounds_delegation_one_per_country",
                violation_error_message=_("This round already has a delegation from this country."),
                violation_error_code="duplicate_delegation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} at {self.round}"

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        self.clean_side(
            self.round if self.round_id else None, self.country_id, "delegation_not_party"
        )


class Delegate(Sourced):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="delegate_seats")
    role = models.CharField(max_length=10, choices=DelegateRole, default=DelegateRole.MEMBER)
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Title as of this round, e.g. Deputy Assistant Attorney General."),
    )
    ministry = models.ForeignKey(
        Ministry, on_delete=models.PROTECT, null=True, blank=True, related_name="delegates"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["delegation", "role", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "person"],
                name="rounds_delegate_once_per_delegation",
                violation_error_message=_("This person is already in this delegation."),
                violation_error_code="duplicate_delegate",
            ),
            models.CheckConstraint(
                condition=Q(role__in=DelegateRole.values),
                name="rounds_delegate_role_valid",
                violation_error_message=_("Choose a role from the list."),
                violation_error_code="invalid_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    @property
    def is_head(self) -> bool:
        return self.role in (DelegateRole.HEAD, DelegateRole.CO_CHAIR)

    def clean(self) -> None:
        super().clean()
        if (
            self.ministry_id
            and self.delegation_id
            and self.ministry.country_id != self.delegation.country_id
        ):
            raise ValidationError(
                {
                    "ministry": ValidationError(
                        _("%(ministry)s is not a body of %(country)s."),
                        code="delegate_ministry_other_country",
                        params={"ministry": self.ministry, "country": self.delegation.country},
                    )
                }
            )


# ---------------------------------------------------------------------------------------------
# Cooperation requests


class RequestStatus(models.TextChoices):
    RAISED = "raised", _("Raised")
    PENDING = "pending", _("Pending")
    CLARIFIED = "clarified", _("Clarified")
    FULFILLED = "fulfilled", _("Fulfilled")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RAISED, cls.PENDING, cls.CLARIFIED]

    @classmethod
    def explanation(cls, value: str) -> str:
        return str(REQUEST_STATUS_EXPLANATIONS.get(value, ""))


REQUEST_STATUS_EXPLANATIONS = {
    RequestStatus.RAISED: _("First put on the table at this round."),
    RequestStatus.PENDING: _("Still awaiting an answer from the other side."),
    RequestStatus.CLARIFIED: _("Discussed and clarified; not yet settled."),
    RequestStatus.FULFILLED: _("The other side did what was asked."),
    RequestStatus.DECLINED: _("The other side refused."),
    RequestStatus.WITHDRAWN: _("The side that asked dropped the request."),
}


class CooperationRequestQuerySet(models.QuerySet):
    def with_current_status(self, *, public_only: bool = False) -> "CooperationRequestQuerySet":
        """Annotate `current_status`: the status of the latest update, by round number.

        With `public_only`, updates recorded at draft rounds are ignored, so public pages never
        reveal a status that is not published yet.
        """
        latest = RequestUpdate.objects.filter(request=OuterRef("pk"))
        if public_only:
            latest = latest.filter(round__status=RoundStatus.PUBLISHED)
        latest = latest.order_by("-round__number", "-pk")
        return self.annotate(
            current_status=Subquery(latest.values("status")[:1]),
            current_round_number=Subquery(latest.values("round__number")[:1]),
        )

    def published(self) -> "CooperationRequestQuerySet":
        return self.filter(opened_in__status=RoundStatus.PUBLISHED)

    def public(self) -> "CooperationRequestQuerySet":
        """Return what public pages show: requests opened at a published round that a
        published round gave a status, annotated with that status (see with_current_status).

        A request with no update, or with updates at draft rounds only, has a NULL status: it
        is not public, rather than being neither open nor closed.
        """
        return (
            self.published()
            .with_current_status(public_only=True)
            .filter(current_status__isnull=False)
        )

    def open(self, *, public_only: bool = False) -> "CooperationRequestQuerySet":
        return self.with_current_status(public_only=public_only).filter(
            current_status__in=RequestStatus.open_values()
        )

    def touching_country(self, country: Country) -> "CooperationRequestQuerySet":
        """Requests of the dialogues the country is a party to (asked by it or of it)."""
        return self.filter(
            Q(opened_in__dialogue__party_a=country) | Q(opened_in__dialogue__party_b=country)
        )

    def with_related(self) -> "CooperationRequestQuerySet":
        return self.select_related(
            "opened_in__dialogue",
            "raised_by",
            "topic",
            "opened_in__dialogue__party_a",
            "opened_in__dialogue__party_b",
        )


class CooperationRequest(PartyBoundMixin, Sourced):
    opened_in = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        related_name="opened_requests",
        help_text=_("The round at which this request was first raised or recorded."),
    )
    raised_by = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="raised_requests",
        help_text=_("The side that asked; the request is addressed to the other party."),
    )
    topic = models.ForeignKey(
        ThreatTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    description = models.TextField(
        help_text=_("What was asked, e.g. 'Return of fugitives wanted in the United States.'")
    )
    history = HistoricalRecords()

    objects = CooperationRequestQuerySet.as_manager()

    side_field = "raised_by"

    class Meta:
        ordering = ["-opened_in__start_date", "pk"]
        verbose_name = _("cooperation request")

    def __str__(self) -> str:
        return f"{self.raised_by.code}: {shorten(self.description, 58)}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:request-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        self.clean_side(
            self.opened_in if self.opened_in_id else None, self.raised_by_id, "request_not_party"
        )

    @property
    def dialogue(self) -> Dialogue:
        return self.opened_in.dialogue

    @property
    def addressed_to(self) -> Country:
        return self.dialogue.other_party(self.raised_by)

    @property
    def current_status_label(self) -> str:
        """Label of the annotated `current_status` (see with_current_status)."""
        status = getattr(self, "current_status", None)
        return str(RequestStatus(status).label) if status else ""

    @property
    def current_status_explanation(self) -> str:
        return RequestStatus.explanation(getattr(self, "current_status", None) or "")

    def public_updates(self) -> "models.QuerySet[RequestUpdate]":
        """Return the updates recorded at published rounds, oldest round first."""
        return (
            self.updates.filter(round__status=RoundStatus.PUBLISHED)
            .select_related("round__dialogue")
            .order_by("round__number", "pk")
        )


class RequestUpdate(Sourced):
    request = models.ForeignKey(
        CooperationRequest, on_delete=models.CASCADE, related_name="updates"
    )
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="request_updates")
    status = models.CharField(max_length=10, choices=RequestStatus, db_index=True)
    note = models.TextField(blank=True, help_text=_("What was said about it at this round."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["round__number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "round"],
                name="rounds_requestupdate_once_per_round",
                violation_error_message=_("This request already has an update at this round."),
                violation_error_code="duplicate_update",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values),
                name="rounds_requestupdate_status_valid",
                violation_error_message=_("Choose a status from the list."),
                violation_error_code="invalid_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} — {self.get_status_display()} at round {self.round.number}"

    def get_absolute_url(self) -> str:
        return self.request.get_absolute_url()

    @property
    def status_explanation(self) -> str:
        return RequestStatus.explanation(self.status)

    def clean(self) -> None:
        super().clean()
        if self.request_id and self.round_id:
            try:
                self.validate_round(self.round)
            except ValidationError as error:
                raise ValidationError({"round": error}) from None

    def validate_round(self, round_: Round) -> None:
        """Refuse a round of another dialogue, or one before the request was opened.

        Takes the round as an argument so that forms can check a round not saved yet.
        """
        opened_in = self.request.opened_in
        if round_.dialogue_id != opened_in.dialogue_id:
            raise ValidationError(
                _("This request belongs to %(dialogue)s; pick one of its rounds."),
                code="update_other_dialogue",
                params={"dialogue": opened_in.dialogue},
            )
        if round_.number is not None and round_.number < opened_in.number:
            raise ValidationError(
                _(
                    "The request was opened at round %(opened)s; an update cannot be at an "
                    "earlier round (%(number)s)."
                ),
                code="update_before_opening",
                params={"opened": opened_in.number, "number": round_.number},
            )


# ---------------------------------------------------------------------------------------------
# Sources and content of a round


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    FRENCH = "fr", _("French")
    CHINESE = "zh", _("Chinese")
    OTHER = "other", _("Other")


class CommuniqueKind(models.TextChoices):
    COMMUNIQUE = "communique", _("Communiqué")
    MEDIA_NOTE = "media_note", _("Media note")
    JOINT_STATEMENT = "joint_statement", _("Joint statement")
    NEWS_REPORT = "news_report", _("News report")


class Communique(PartyBoundMixin, Sourced):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="communiques")
    issuer_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communiques",
        help_text=_("The side that issued it; empty for a news report from a third party."),
    )
    issuer = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communiques",
        help_text=_("The issuing ministry, e.g. MINREX or the Department of State."),
    )
    publisher = models.CharField(
        max_length=200, blank=True, help_text=_("Where it was published, e.g. Cuban Radio.")
    )
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True, help_text=_("Publication date."))
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(max_length=5, choices=Language, default=Language.ENGLISH)
    kind = models.CharField(
        max_length=20, choices=CommuniqueKind, default=CommuniqueKind.COMMUNIQUE
    )
    text = models.TextField(blank=True, help_text=_("The full text, kept for search."))
    history = HistoricalRecords()

    side_field = "issuer_country"

    class Meta:
        ordering = ["round", "date", "pk"]
        verbose_name = _("communiqué")
        verbose_name_plural = _("communiqués")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="rounds_communique_language_valid",
                violation_error_message=_("Choose a language from the list."),
                violation_error_code="invalid_language",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CommuniqueKind.values),
                name="rounds_communique_kind_valid",
                violation_error_message=_("Choose a kind from the list."),
                violation_error_code="invalid_kind",
            ),
            models.UniqueConstraint(
                fields=["round", "url"],
                condition=~Q(url=""),
                name="rounds_communique_unique_url_per_round",
                violation_error_message=_("This round already has a communiqué with this URL."),
                violation_error_code="duplicate_communique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        self.clean_side(
            self.round if self.round_id else None, self.issuer_country_id, "issuer_not_party"
        )
        if (
            self.issuer_id
            and self.issuer_country_id
            and self.issuer.country_id != self.issuer_country_id
        ):
            raise ValidationError(
                {
                    "issuer": ValidationError(
                        _("%(issuer)s is not a body of %(country)s."),
                        code="issuer_other_country",
                        params={"issuer": self.issuer, "country": self.issuer_country},
                    )
                }
            )


class StatementKind(models.TextChoices):
    STATED = "stated", _("Stated")
    URGED = "urged", _("Urged")
    REITERATED = "reiterated", _("Reiterated")
    POINTED_OUT = "pointed_out", _("Pointed out")
    REMINDED = "reminded", _("Reminded")
    PROPOSED = "proposed", _("Proposed")
    EXPRESSED_CONCERN = "concern", _("Expressed concern")
    HIGHLIGHTED = "highlighted", _("Highlighted")


class Statement(PartyBoundMixin, Sourced):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="statements")
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="statements", verbose_name=_("side")
    )
    kind = models.CharField(max_length=12, choices=StatementKind, default=StatementKind.STATED)
    text = models.TextField(
        help_text=_("In our own words, e.g. 'Urged the US to stop politicising the health cases.'")
    )
    topic = models.ForeignKey(
        ThreatTopic, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    communique = models.ForeignKey(
        Communique,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("The communiqué that reports it, if any."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "country__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values),
                name="rounds_statement_kind_valid",
                violation_error_message=_("Choose a kind from the list."),
                violation_error_code="invalid_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.get_kind_display().lower()}: {shorten(self.text, 60)}"

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        round_ = self.round if self.round_id else None
        self.clean_side(round_, self.country_id, "statement_not_party")
        clean_communique_round(self, round_)


class AgreementKind(models.TextChoices):
    CONTINUE = "continue", _("Continue the dialogue")
    TECHNICAL_MEETINGS = "technical", _("Technical meetings")
    INSTRUMENT = "instrument", _("Sign an instrument (MoU, arrangement)")
    OTHER = "other", _("Other")


class Agreement(Sourced):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(max_length=12, choices=AgreementKind, default=AgreementKind.OTHER)
    text = models.TextField(help_text=_("e.g. 'Continue the dialogue.'"))
    communique = models.ForeignKey(
        Communique,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The communiqué that reports it, if any."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values),
                name="rounds_agreement_kind_valid",
                violation_error_message=_("Choose a kind from the list."),
                violation_error_code="invalid_kind",
            ),
        ]

    def __str__(self) -> str:
        return shorten(self.text, 80)

    def get_absolute_url(self) -> str:
        return self.round.get_absolute_url()

    def clean(self) -> None:
        super().clean()
        clean_communique_round(self, self.round if self.round_id else None)


def clean_communique_round(record: Statement | Agreement, round_: Round | None) -> None:
    """A statement or agreement can only cite a communiqué about its own round."""
    if record.communique_id and round_ is not None and record.communique.round_id != round_.pk:
        raise ValidationError(
            {
                "communique": ValidationError(
                    _("That communiqué is about another round (%(other)s)."),
                    code="communique_other_round",
                    params={"other": record.communique.round},
                )
            }
        )
