"""What a round is reported to have said and agreed, and the communiqués that report it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.text import shorten

from .base import PartyBoundMixin, RoundRecord, Sourced
from .choices import AgreementKind, CommuniqueKind, Language, RoundStatus, StatementKind
from .limits import FULL_TEXT, TEXT, at_most

if TYPE_CHECKING:
    from .dialogues import Round


class CommuniqueQuerySet(models.QuerySet):
    def published(self) -> CommuniqueQuerySet:
        """Communiqués about published rounds: the only ones the public may read."""
        return self.filter(round__status=RoundStatus.PUBLISHED)

    def with_related(self) -> CommuniqueQuerySet:
        return self.select_related(
            "round__dialogue__party_a", "round__dialogue__party_b", "issuer", "issuer_country"
        )


class Communique(RoundRecord, PartyBoundMixin, Sourced):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="communiques")
    issuer_country = models.ForeignKey(
        "rounds.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="communiques",
        help_text=_("The side that issued it; empty for a news report from a third party."),
    )
    issuer = models.ForeignKey(
        "rounds.Ministry",
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
    text = models.TextField(
        blank=True, validators=at_most(FULL_TEXT), help_text=_("The full text, kept for search.")
    )
    history = HistoricalRecords()

    objects = CommuniqueQuerySet.as_manager()

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
        return reverse("rounds:communique-detail", args=[self.pk])

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


class Statement(RoundRecord, PartyBoundMixin, Sourced):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="statements")
    country = models.ForeignKey(
        "rounds.Country",
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("side"),
    )
    kind = models.CharField(max_length=12, choices=StatementKind, default=StatementKind.STATED)
    text = models.TextField(
        validators=at_most(TEXT),
        help_text=_("In our own words, e.g. 'Urged the US to stop politicising the health cases.'"),
    )
    topic = models.ForeignKey(
        "rounds.ThreatTopic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
    )
    communique = models.ForeignKey(
        "rounds.Communique",
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


class Agreement(RoundRecord, Sourced):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(max_length=12, choices=AgreementKind, default=AgreementKind.OTHER)
    text = models.TextField(validators=at_most(TEXT), help_text=_("e.g. 'Continue the dialogue.'"))
    communique = models.ForeignKey(
        "rounds.Communique",
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
