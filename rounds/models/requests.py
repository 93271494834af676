"""Cooperation requests between the sides and their status round by round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rounds.text import shorten

from .base import PartyBoundMixin, RoundRecord, Sourced, store_derived
from .choices import RequestStatus, RoundStatus
from .limits import NOTE, TEXT, at_most

if TYPE_CHECKING:
    from .dialogues import Dialogue, Round
    from .reference import Country


class RequestUpdateQuerySet(models.QuerySet):
    def published(self) -> RequestUpdateQuerySet:
        """The updates the public may see: those recorded at published rounds."""
        return self.filter(round__status=RoundStatus.PUBLISHED)


def status_subqueries(*, public_only: bool) -> dict[str, Subquery]:
    """The rule of a request's current status, as expressions over its updates: the status of
    the latest update (by round number) that reports one, that update's round, and the latest
    round with any update; with `public_only`, updates at draft rounds do not count."""
    updates = RequestUpdate.objects.filter(request=OuterRef("pk"))
    if public_only:
        updates = updates.published()
    updates = updates.order_by("-round__number", "-pk")
    reported = updates.exclude(status=RequestStatus.NOT_MENTIONED)
    return {
        "current_status": Subquery(reported.values("status")[:1]),
        "current_round_number": Subquery(reported.values("round__number")[:1]),
        "last_round_number": Subquery(updates.values("round__number")[:1]),
    }


# The annotation of with_current_status(public_only=True) -> the column that stores it.
PUBLIC_STATUS_FIELDS = {
    "current_status": "public_status",
    "current_round_number": "public_status_round_number",
    "last_round_number": "public_last_round_number",
}


class CooperationRequestQuerySet(models.QuerySet):
    def with_current_status(self, *, public_only: bool = False) -> CooperationRequestQuerySet:
        """Annotate `current_status`: the status of the latest update that reports one, by
        round number, and `current_round_number`, the round of that update; and
        `last_round_number`, the latest round with any update (later than the current one
        when the latest rounds did not mention the request).

        With `public_only`, updates recorded at draft rounds are ignored, so public pages never
        reveal a status that is not published yet. Those three values are stored on each request
        (`PUBLIC_STATUS_FIELDS`, kept by refresh_public_status()), so public pages read and
        filter a column instead of running three subqueries per request.
        """
        if public_only:
            return self.annotate(
                **{name: models.F(field) for name, field in PUBLIC_STATUS_FIELDS.items()}
            )
        return self.annotate(**status_subqueries(public_only=False))

    def refresh_public_status(self) -> int:
        """Store the public status of these requests (one UPDATE): called by the signal receivers
        below whenever an update, or a round's status or number, changes; and by bulk loaders."""
        computed = status_subqueries(public_only=True)
        return store_derived(
            self, {field: computed[name] for name, field in PUBLIC_STATUS_FIELDS.items()}
        )

    def published(self) -> CooperationRequestQuerySet:
        return self.filter(opened_in__status=RoundStatus.PUBLISHED)

    def public(self) -> CooperationRequestQuerySet:
        """Return what public pages show: requests opened at a published round that a
        published round gave a status, annotated with that status (see with_current_status).

        A request with no update, or with updates at draft rounds only, has a NULL status: it
        is not public, rather than being neither open nor closed.
        """
        return (
            self.published()
            .filter(public_status__isnull=False)
            .with_current_status(public_only=True)
        )

    def public_open(self) -> CooperationRequestQuerySet:
        """The public requests that are open (the home page's count, the dialogue page's list)."""
        return self.published().open(public_only=True)

    def open(self, *, public_only: bool = False) -> CooperationRequestQuerySet:
        return self.with_current_status(public_only=public_only).filter(
            current_status__in=RequestStatus.open_values()
        )

    def touching_country(self, country: Country) -> CooperationRequestQuerySet:
        """Requests of the dialogues the country is a party to (asked by it or of it)."""
        return self.filter(
            Q(opened_in__dialogue__party_a=country) | Q(opened_in__dialogue__party_b=country)
        )

    def with_related(self) -> CooperationRequestQuerySet:
        return self.select_related(
            "opened_in__dialogue",
            "raised_by",
            "topic",
            "opened_in__dialogue__party_a",
            "opened_in__dialogue__party_b",
        )


class CooperationRequest(RoundRecord, PartyBoundMixin, Sourced):
    opened_in = models.ForeignKey(
        "rounds.Round",
        on_delete=models.PROTECT,
        related_name="opened_requests",
        help_text=_("The round at which this request was first raised or recorded."),
    )
    raised_by = models.ForeignKey(
        "rounds.Country",
        on_delete=models.PROTECT,
        related_name="raised_requests",
        help_text=_("The side that asked; the request is addressed to the other party."),
    )
    topic = models.ForeignKey(
        "rounds.ThreatTopic",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    description = models.TextField(
        validators=at_most(TEXT),
        help_text=_("What was asked, e.g. 'Return of fugitives wanted in the United States.'"),
    )
    # Derived from the updates at published rounds (with_current_status(public_only=True)),
    # written only by refresh_public_status(): never edited, not part of the history.
    public_status = models.CharField(  # noqa: DJ001 (NULL: no published status, not "")
        max_length=20, choices=RequestStatus, null=True, blank=True, editable=False, db_index=True
    )
    public_status_round_number = models.PositiveIntegerField(null=True, editable=False)
    public_last_round_number = models.PositiveIntegerField(null=True, editable=False)
    history = HistoricalRecords(
        excluded_fields=["public_status", "public_status_round_number", "public_last_round_number"]
    )

    objects = CooperationRequestQuerySet.as_manager()

    side_field = "raised_by"

    round_lookup = "opened_in"

    class Meta:
        ordering = ["-opened_in__start_date", "pk"]
        verbose_name = _("cooperation request")
        constraints = [
            models.CheckConstraint(
                condition=Q(public_status__isnull=True)
                | Q(public_status__in=RequestStatus.reported_values()),
                name="rounds_cooperationrequest_public_status_valid",
                violation_error_message=_("A current status is one that an update reports."),
                violation_error_code="invalid_public_status",
            ),
        ]

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

    @property
    def not_mentioned_since(self) -> int | None:
        """The latest round that did not mention the request, when later than its status."""
        current = getattr(self, "current_round_number", None)
        last = getattr(self, "last_round_number", None)
        return last if current is not None and last is not None and last > current else None

    def public_updates(self) -> models.QuerySet[RequestUpdate]:
        """Return the updates recorded at published rounds, oldest round first."""
        return (
            self.updates.published()
            .select_related("round__dialogue")
            .order_by("round__number", "pk")
        )


class RequestUpdate(RoundRecord, Sourced):
    request = models.ForeignKey(
        "rounds.CooperationRequest", on_delete=models.CASCADE, related_name="updates"
    )
    round = models.ForeignKey(
        "rounds.Round", on_delete=models.CASCADE, related_name="request_updates"
    )
    status = models.CharField(max_length=20, choices=RequestStatus, db_index=True)
    note = models.TextField(
        blank=True,
        validators=at_most(NOTE),
        help_text=_("What was said about it at this round."),
    )
    history = HistoricalRecords()

    objects = RequestUpdateQuerySet.as_manager()

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

    @classmethod
    def from_db(cls, db, field_names, values):
        update = super().from_db(db, field_names, values)
        # Remembered so that moving an update to another request refreshes both requests.
        update.loaded_request_id = update.__dict__.get("request_id")
        return update

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
