"""The alerts' writes: request a subscription, confirm it, unsubscribe, send the digests."""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from rounds.models import SentAlert, Subscription

from . import mail, throttling
from .matching import Target, new_request_updates, new_rounds

logger = logging.getLogger(__name__)

# What a mail server that is down or refuses raises.
MAIL_ERRORS = (smtplib.SMTPException, OSError)

# A pending confirmation is not mailed again within this time, whoever asks.
RESEND_AFTER = datetime.timedelta(days=1)


class TooManyMails(Exception):
    """The address got as many confirmation e-mails today as it may."""


class MailNotSent(Exception):
    """The mail server could not take the confirmation e-mail; asking again may work."""


def target_of(subscription: Subscription) -> Target:
    return Target(subscription.kind, record=subscription.target, search=subscription.search)


def request_subscription(*, email: str, target: Target, language: str) -> None:
    """Store an unconfirmed subscription and mail its confirmation link, unless the address
    already follows the target or was sent a link recently (the caller says "check your
    inbox" either way, so nobody learns who is subscribed). Raises TooManyMails, or
    MailNotSent when the mail server fails (the link can then be asked for again)."""
    now = timezone.now()
    with transaction.atomic():
        subscription, created = Subscription.objects.select_for_update().get_or_create(
            email=email, **target.lookup, defaults={"language": language}
        )
        recently = subscription.confirmation_sent_at and (
            now - subscription.confirmation_sent_at < RESEND_AFTER
        )
        if subscription.confirmed_at or recently:
            return
        if not throttling.take_mail(email):
            if created:
                subscription.delete()
            raise TooManyMails
        subscription.language = language
        subscription.confirmation_sent_at = now
        subscription.save(update_fields=["language", "confirmation_sent_at"])
    try:
        mail.confirmation_message(subscription, target).send()
    except MAIL_ERRORS as error:
        logger.warning("Alert confirmation not sent: %s", error)
        Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=None)
        raise MailNotSent from error


def confirm(subscription: Subscription) -> None:
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])


def unsubscribe(token: str) -> None:
    """Delete the subscription and the record of what it was sent (the address is gone)."""
    Subscription.objects.filter(token=token).delete()


def forget_address(email: str) -> int:
    """Delete every subscription of an address (and so what it was sent)."""
    deleted = Subscription.objects.filter(email=email.strip().lower()).delete()[1]
    return deleted.get("rounds.Subscription", 0)


def delete_expired() -> int:
    return Subscription.objects.expired().delete()[1].get("rounds.Subscription", 0)


@dataclass
class Digest:
    subscription: Subscription
    rounds: list
    updates: list

    def __bool__(self) -> bool:
        return bool(self.rounds or self.updates)


def pending_digest(subscription: Subscription) -> Digest:
    return Digest(subscription, new_rounds(subscription), new_request_updates(subscription))


def send_digest(subscription_id: int) -> Digest | None:
    """Send one subscription its new items and record them, all or nothing.

    The row is locked (PostgreSQL) while the items are read, recorded and mailed, so a second
    send_alerts waits and then finds nothing new; the unique constraints of SentAlert refuse a
    second record of an item anyway (SQLite), and then nothing is mailed. If the mail cannot
    be sent the records roll back and the items go out next time.
    """
    try:
        with transaction.atomic():
            subscription = (
                Subscription.objects.confirmed()
                .select_for_update(of=("self",))  # the targets are outer joins
                .select_related("dialogue", "topic", "ministry", "request")
                .filter(pk=subscription_id)
                .first()
            )
            if subscription is None:
                return None
            digest = pending_digest(subscription)
            if not digest:
                return digest
            SentAlert.objects.bulk_create(
                [SentAlert(subscription=subscription, round=r) for r in digest.rounds]
                + [SentAlert(subscription=subscription, request_update=u) for u in digest.updates]
            )
            subscription.last_sent_at = timezone.now()
            subscription.save(update_fields=["last_sent_at"])
            target = target_of(subscription)
            mail.digest_message(subscription, target, digest.rounds, digest.updates).send()
    except IntegrityError:  # another run recorded these items first
        return None
    except MAIL_ERRORS as error:  # rolled back: the items go out next time
        logger.warning("Alert digest %s not sent: %s", subscription_id, error)
        return None
    return digest
