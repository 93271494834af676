"""Who came to a round: one delegation per side, its ministries and its delegates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .base import PartyBoundMixin, RoundRecord, Sourced
from .choices import DelegateRole


class Delegation(RoundRecord, PartyBoundMixin, Sourced):
    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(
        "rounds.Country", on_delete=models.PROTECT, related_name="delegations"
    )
    ministries = models.ManyToManyField(
        "rounds.Ministry",
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


class Delegate(RoundRecord, Sourced):
    delegation = models.ForeignKey(
        "rounds.Delegation", on_delete=models.CASCADE, related_name="delegates"
    )
    person = models.ForeignKey(
        "rounds.Person", on_delete=models.PROTECT, related_name="delegate_seats"
    )
    role = models.CharField(max_length=10, choices=DelegateRole, default=DelegateRole.MEMBER)
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Title as of this round, e.g. Deputy Assistant Attorney General."),
    )
    ministry = models.ForeignKey(
        "rounds.Ministry", on_delete=models.PROTECT, null=True, blank=True, related_name="delegates"
    )
    history = HistoricalRecords()

    round_lookup = "delegation__round"

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
