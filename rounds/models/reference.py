"""Reference data: countries, ministries and their offices, people, threat topics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rounds.text import split_lines

from .base import SpanishName, clean_parent_cycle, store_derived
from .choices import MinistryKind, RoundStatus
from .delegations import Delegate
from .dialogues import Dialogue, ministry_takes_part, topic_is_raised
from .limits import LIST, NOTE, TEXT, at_most


class CountryQuerySet(models.QuerySet):
    def public(self) -> "CountryQuerySet":
        """Countries the public sees: the parties of public dialogues."""
        dialogues = Dialogue.objects.public()
        return self.filter(
            Q(pk__in=dialogues.values("party_a")) | Q(pk__in=dialogues.values("party_b"))
        )


class Country(SpanishName, models.Model):
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
        validators=at_most(LIST),
        help_text=_("Other names, one per line, e.g. 'Estados Unidos' or 'the U.S.'."),
    )

    objects = CountryQuerySet.as_manager()

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


class MinistryQuerySet(models.QuerySet):
    def of_country(self, country: Country) -> "MinistryQuerySet":
        return self.filter(country=country)

    # How far above a body that took part its parent bodies are public (ICE → DHS).
    PUBLIC_ANCESTORS = 3

    def in_published_rounds(self) -> "MinistryQuerySet":
        """Bodies that sent a delegation or delegate to, or reported on, a published round
        (the search's ministry filter offers these)."""
        return self.filter(ministry_takes_part(OuterRef("pk"), status=RoundStatus.PUBLISHED))

    def public(self) -> "MinistryQuerySet":
        """The one definition of a public body: one that took part in a published round, and
        the bodies it belongs to. Pages, the country page, the sitemap, the API, the dataset
        and the permission rule use it; a body entered for a draft round stays hidden."""
        took_part = Ministry.objects.in_published_rounds()
        condition = Q(pk__in=took_part.values("pk"))
        for depth in range(1, self.PUBLIC_ANCESTORS + 1):
            condition |= Q(pk__in=took_part.values("__".join(["parent"] * depth)))
        return self.filter(condition)


class Ministry(SpanishName, models.Model):
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
        validators=at_most(LIST),
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
        validators=at_most(LIST),
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


class PersonQuerySet(models.QuerySet):
    def public(self) -> "PersonQuerySet":
        """People seen in a published round: a seat in one of its delegations."""
        return self.filter(
            models.Exists(
                Delegate.objects.filter(
                    person=OuterRef("pk"), delegation__round__status=RoundStatus.PUBLISHED
                )
            )
        )


class Person(models.Model):
    name = models.CharField(
        max_length=200, help_text=_("Full name as usually written, e.g. Yuri A. Gala López.")
    )
    slug = models.SlugField(
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "Used in the page address, e.g. yuri-a-gala-lopez; filled from the name when empty."
        ),
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="people"
    )
    notes = models.TextField(blank=True, validators=at_most(NOTE))

    objects = PersonQuerySet.as_manager()

    objects = PersonQuerySet.as_manager()

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

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = Person.free_slug(self.name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rounds:person-detail", args=[self.slug])

    def public_seats(self) -> models.QuerySet[Delegate]:
        """Return this person's seats in published rounds' delegations, oldest round first."""
        return (
            Delegate.objects.filter(person=self, delegation__round__status=RoundStatus.PUBLISHED)
            .select_related(
                "delegation__round__dialogue", "delegation__country", "ministry", "person"
            )
            .order_by("delegation__round__start_date", "delegation__round__number", "pk")
        )

    @staticmethod
    def free_slug(name: str, *, exclude_pk: int | None = None) -> str:
        """Return an unused slug such as 'yuri-a-gala-lopez', adding -2, -3... when taken."""
        base = slugify(name)[:200] or "person"
        taken = Person.objects.exclude(pk=exclude_pk) if exclude_pk else Person.objects.all()
        slug, n = base, 2
        while taken.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class ThreatTopicQuerySet(models.QuerySet):
    # How far above a raised topic its broader topics are public (the taxonomy is 3 deep).
    PUBLIC_ANCESTORS = 3

    def public(self) -> "ThreatTopicQuerySet":
        """Topics the public sees: those a published round raised (topic_is_raised), and
        their broader topics, so the taxonomy above them can be browsed. A topic entered for
        a draft round stays hidden until then."""
        raised = ThreatTopic.objects.filter(
            topic_is_raised(OuterRef("pk"), status=RoundStatus.PUBLISHED)
        )
        condition = Q(pk__in=raised.values("pk"))
        for depth in range(1, self.PUBLIC_ANCESTORS + 1):
            condition |= Q(pk__in=raised.values("__".join(["parent"] * depth)))
        return self.filter(condition)

    def with_round_counts(self) -> "ThreatTopicQuerySet":
        """Annotate `round_count`: how many published rounds list the topic, read from the
        column that stores it (see refresh_round_counts)."""
        return self.annotate(round_count=F("public_round_count"))

    def refresh_round_counts(self) -> int:
        """Store how many published rounds list each of these topics (one UPDATE, the rule of
        topic_round_count): called by the signal receivers of rounds.models.totals whenever a
        round is saved or deleted or its topics change, and by bulk loaders."""
        return store_derived(self, {"public_round_count": topic_round_count()})


def topic_round_count() -> Coalesce:
    """The rule of a topic's public round count: the published rounds that list it."""
    listed = (
        ThreatTopic.rounds.through.objects.filter(
            threattopic=OuterRef("pk"), round__status=RoundStatus.PUBLISHED
        )
        .order_by()
        .values("threattopic")
    )
    return Coalesce(Subquery(listed.annotate(n=models.Count("pk")).values("n")), 0)


class ThreatTopic(SpanishName, models.Model):
    name = models.CharField(max_length=100, unique=True, help_text=_("e.g. drug trafficking"))
    slug = models.SlugField(max_length=100, unique=True, help_text=_("e.g. drug-trafficking"))
    description = models.TextField(blank=True, validators=at_most(TEXT))
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
        validators=at_most(LIST),
        help_text=_("Synonyms and Spanish names, one per line, e.g. 'narcotráfico', 'narcotics'."),
    )

    # Derived (topic_round_count), written only by refresh_round_counts(): never edited.
    public_round_count = models.PositiveIntegerField(default=0, editable=False)

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
