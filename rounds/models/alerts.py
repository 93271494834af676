"""E-mail alerts without an account: who follows what, and which items each was sent.

An address is stored only to send the alerts it asked for: it is never shown on a public
page, in the API, the dataset or the exports; unsubscribing deletes the row (and what it was
sent), and a subscription never confirmed is deleted after UNCONFIRMED_DAYS.

The confirm and unsubscribe links carry a random token stored on the row
(`secrets.token_urlsafe`) rather than a signed value: it dies with the row, needs no expiry
logic, and survives a rotation of SECRET_KEY.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A subscription never confirmed is deleted after this many days (send_alerts does it).
UNCONFIRMED_DAYS = 7


def new_token() -> str:
    return secrets.token_urlsafe(32)


class AlertKind(models.TextChoices):
    SEARCH = "search", _("a search")
    DIALOGUE = "dialogue", _("a dialogue")
    TOPIC = "topic", _("a topic")
    MINISTRY = "ministry", _("a ministry or agency")
    REQUEST = "request", _("a request")


# The foreign key each kind follows (a search follows its stored parameters instead).
TARGET_FIELDS = {
    AlertKind.DIALOGUE: "dialogue",
    AlertKind.TOPIC: "topic",
    AlertKind.MINISTRY: "ministry",
    AlertKind.REQUEST: "request",
}


def _only_target(kind: str) -> Q:
    """The row follows exactly the target of its kind, and nothing else."""
    field = TARGET_FIELDS.get(kind)
    condition = Q(kind=kind)
    for other in TARGET_FIELDS.values():
        condition &= Q(**{f"{other}__isnull": other != field})
    if field is not None:
        condition &= Q(search="")
    return condition


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def expired(self, now: datetime.datetime | None = None) -> SubscriptionQuerySet:
        """Subscriptions never confirmed within UNCONFIRMED_DAYS: to be deleted."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
        return self.filter(confirmed_at__isnull=True, created_at__lt=cutoff)


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254)
    kind = models.CharField(max_length=10, choices=AlertKind)
    search = models.CharField(
        max_length=2000,
        blank=True,
        help_text=_(
            "For a search: its parameters as the search form cleaned them, e.g. "
            "topic=cybercrime&q=extradition (empty: every new round)."
        ),
    )
    dialogue = models.ForeignKey(
        "rounds.Dialogue", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        "rounds.ThreatTopic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ministry = models.ForeignKey(
        "rounds.Ministry", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    request = models.ForeignKey(
        "rounds.CooperationRequest",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    language = models.CharField(max_length=10, help_text=_("The language of its e-mails."))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    _only_target(AlertKind.SEARCH)
                    | _only_target(AlertKind.DIALOGUE)
                    | _only_target(AlertKind.TOPIC)
                    | _only_target(AlertKind.MINISTRY)
                    | _only_target(AlertKind.REQUEST)
                ),
                name="rounds_subscription_one_target",
                violation_error_message=_("A subscription follows exactly one thing."),
            ),
            # NULLs are distinct in a unique constraint: one constraint per kind.
            models.UniqueConstraint(
                fields=["email", "search"],
                condition=Q(kind=AlertKind.SEARCH),
                name="rounds_subscription_once_per_search",
            ),
            *(
                models.UniqueConstraint(
                    fields=["email", field],
                    condition=Q(kind=kind),
                    name=f"rounds_subscription_once_per_{field}",
                )
                for kind, field in TARGET_FIELDS.items()
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.pk})"

    @property
    def target(self):
        """The record followed (a dialogue, topic, ministry or request), or None for a search."""
        field = TARGET_FIELDS.get(self.kind)
        return getattr(self, field) if field else None


class SentAlert(models.Model):
    """One item (a round, or a request update) sent to one subscription: never sent again."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="sent_items"
    )
    round = models.ForeignKey(
        "rounds.Round", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    request_update = models.ForeignKey(
        "rounds.RequestUpdate", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(round__isnull=True) ^ Q(request_update__isnull=True),
                name="rounds_sentalert_one_item",
            ),
            models.UniqueConstraint(
                fields=["subscription", "round"],
                condition=Q(round__isnull=False),
                name="rounds_sentalert_round_once",
            ),
            models.UniqueConstraint(
                fields=["subscription", "request_update"],
                condition=Q(request_update__isnull=False),
                name="rounds_sentalert_update_once",
            ),
        ]

    def __str__(self) -> str:
        return f"sent item {self.pk}"
