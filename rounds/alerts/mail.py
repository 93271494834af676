"""The alerts' e-mails: plain text with an HTML alternative, in the subscriber's language,
each with the one-click unsubscribe link and headers (RFC 2369, RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from rounds.models import RequestUpdate, Round, Subscription

from .matching import Target


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _message(subscription: Subscription, template: str, context: dict) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        unsubscribe = absolute(reverse("alerts:unsubscribe", args=[subscription.token]))
        context = {
            **context,
            "subscription": subscription,
            "site_url": settings.SITE_URL,
            "unsubscribe_url": unsubscribe,
        }
        subject = render_to_string(f"rounds/alerts/email/{template}_subject.txt", context)
        text = render_to_string(f"rounds/alerts/email/{template}.txt", context)
        html = render_to_string(f"rounds/alerts/email/{template}.html", context)
        language = translation.get_language()
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[subscription.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscription: Subscription, target: Target) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        confirm = absolute(reverse("alerts:confirm", args=[subscription.token]))
        summary = target.describe()
    return _message(subscription, "confirm", {"confirm_url": confirm, "summary": summary})


def digest_message(
    subscription: Subscription,
    target: Target,
    rounds: list[Round],
    updates: list[RequestUpdate],
) -> EmailMultiAlternatives:
    with translation.override(subscription.language):
        summary = target.describe()
        items = [(round_, absolute(round_.get_absolute_url())) for round_ in rounds]
        update_items = [(update, absolute(update.request.get_absolute_url())) for update in updates]
    return _message(
        subscription,
        "digest",
        {
            "summary": summary,
            "rounds": items,
            "updates": update_items,
            "count": len(items) + len(update_items),
        },
    )
