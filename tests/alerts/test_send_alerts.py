"""send_alerts: exactly the new matching items, once, in the subscriber's language."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

from rounds import services
from rounds.models import RequestStatus, SentAlert, Subscription
from tests.alerts.mails import link_in
from tests.factories import make_request, make_round, make_topic, make_update

pytestmark = pytest.mark.django_db


def send(*args) -> str:
    out = io.StringIO()
    call_command("send_alerts", *args, stdout=out)
    return out.getvalue()


def test_a_dialogue_subscriber_gets_exactly_the_new_round_once(
    dialogue, draft_round, subscribe, mailoutbox
):
    subscribe(f"dialogue={dialogue.slug}")
    other = make_round()  # another dialogue's round, published after confirmation
    draft = draft_round(dialogue=dialogue, summary="Still a draft.")
    new = services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    mailoutbox.clear()

    send()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert new.get_absolute_url() in message.body
    assert other.get_absolute_url() not in message.body
    assert draft.get_absolute_url() not in message.body
    html = message.alternatives[0][0]
    assert new.get_absolute_url() in html
    assert list(SentAlert.objects.values_list("round", flat=True)) == [new.pk]

    send()  # run again: nothing new
    assert len(mailoutbox) == 1


def test_rounds_published_before_confirmation_are_not_sent(dialogue, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    mailoutbox.clear()
    assert "Sent 0 digest(s)." in send()
    assert mailoutbox == []


def test_drafts_are_never_sent(dialogue, draft_round, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    draft_round(dialogue=dialogue)
    mailoutbox.clear()
    send()
    assert mailoutbox == []


def test_a_saved_search_sends_matching_rounds_only(dialogue, draft_round, subscribe, mailoutbox):
    cyber, drugs = make_topic(name="cybercrime"), make_topic(name="drugs")
    make_round(dialogue=dialogue, topics=[cyber, drugs])  # makes both topics public
    subscribe(f"search=topic%3D{cyber.slug}")
    matching = services.round_publish(round=draft_round(topics=[cyber]), by=None)
    other = services.round_publish(round=draft_round(topics=[drugs]), by=None)
    mailoutbox.clear()

    send()

    (message,) = mailoutbox
    assert matching.get_absolute_url() in message.body
    assert other.get_absolute_url() not in message.body


def test_a_topic_subscriber_gets_rounds_raising_it(dialogue, draft_round, subscribe, mailoutbox):
    topic = make_topic(name="human trafficking")
    make_round(dialogue=dialogue, topics=[topic])
    subscribe(f"topic={topic.slug}")
    new = services.round_publish(round=draft_round(topics=[topic]), by=None)
    services.round_publish(round=draft_round(), by=None)
    mailoutbox.clear()
    send()
    (message,) = mailoutbox
    assert new.get_absolute_url() in message.body
    assert "1 new item" in message.subject


def test_a_request_subscriber_gets_its_new_updates(dialogue, draft_round, subscribe, mailoutbox):
    request = make_request(opened_in=dialogue.rounds.get())
    subscribe(f"request={request.pk}")
    next_round = draft_round(dialogue=dialogue)
    update = make_update(request=request, round=next_round, status=RequestStatus.FULFILLED)
    mailoutbox.clear()
    send()
    assert mailoutbox == []  # the round is still a draft

    services.round_publish(round=next_round, by=None)
    send()
    (message,) = mailoutbox
    assert request.get_absolute_url() in message.body
    assert list(SentAlert.objects.values_list("request_update", flat=True)) == [update.pk]
    send()
    assert len(mailoutbox) == 1


def test_every_digest_has_the_one_click_unsubscribe_headers(
    dialogue, draft_round, subscribe, mailoutbox
):
    subscribe(f"dialogue={dialogue.slug}")
    services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    mailoutbox.clear()
    send()
    (message,) = mailoutbox
    token = Subscription.objects.get().token
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://127.0.0.1:8000/alerts/unsubscribe/{token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(message, "unsubscribe") == f"/alerts/unsubscribe/{token}/"


def test_a_spanish_subscription_gets_its_mail_in_spanish(client, dialogue, draft_round, mailoutbox):
    # Subscribed from the Spanish page: the mails are in Spanish, whatever language sends them.
    client.post(f"/es/alerts/new/?dialogue={dialogue.slug}", {"email": "lectora@example.org"})
    assert Subscription.objects.get().language == "es"
    (confirmation,) = mailoutbox
    assert confirmation.extra_headers["Content-Language"] == "es"
    assert confirmation.subject == "DiploTrack: confirme su alerta por correo electrónico"
    assert "/es/alerts/confirm/" in confirmation.body
    client.post(link_in(confirmation, "confirm"))
    services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    mailoutbox.clear()
    send()  # run in English: each mail switches to its subscriber's language
    (message,) = mailoutbox
    assert message.extra_headers["Content-Language"] == "es"
    assert message.subject == "DiploTrack: 1 novedad"
    assert '<html lang="es">' in message.alternatives[0][0]
    assert translation.get_language() != "es"


def test_dry_run_prints_and_sends_nothing(dialogue, draft_round, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    new = services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    mailoutbox.clear()
    out = send("--dry-run")
    assert f"round {new.pk}:" in out
    assert "reader@example.org" not in out
    assert mailoutbox == []
    assert not SentAlert.objects.exists()


def test_unconfirmed_subscriptions_expire(client, dialogue, mailoutbox):
    client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "late@example.org"})
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    send()
    assert not Subscription.objects.exists()


def test_end_to_end_with_the_console_backend(dialogue, draft_round, subscribe, capsys):
    subscribe(f"dialogue={dialogue.slug}")
    new = services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    capsys.readouterr()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend"):
        send()
    printed = capsys.readouterr().out
    assert "To: reader@example.org" in printed
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in printed
    assert new.get_absolute_url() in printed


def test_an_operator_can_forget_an_address(client, dialogue, subscribe):
    topic = make_topic()
    make_round(dialogue=dialogue, topics=[topic])
    subscribe(f"dialogue={dialogue.slug}", email="gone@example.org")
    subscribe(f"topic={topic.slug}", email="gone@example.org")
    subscribe(f"topic={topic.slug}", email="stays@example.org")
    out = io.StringIO()
    call_command("forget_alert_address", "Gone@example.org", stdout=out)
    assert "Deleted 2 subscription(s)." in out.getvalue()
    assert list(Subscription.objects.values_list("email", flat=True)) == ["stays@example.org"]


def test_no_staff_group_may_read_the_addresses():
    groups = services.setup_staff_groups()
    codenames = set(Permission.objects.filter(group__in=groups).values_list("codename", flat=True))
    assert "view_round" in codenames
    assert not {"view_subscription", "view_sentalert"} & codenames


class _BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_digest_that_could_not_be_sent_goes_out_next_time(
    dialogue, draft_round, subscribe, mailoutbox, settings
):
    subscribe(f"dialogue={dialogue.slug}")
    new = services.round_publish(round=draft_round(dialogue=dialogue), by=None)
    mailoutbox.clear()
    backend = settings.EMAIL_BACKEND
    settings.EMAIL_BACKEND = f"{__name__}._BrokenMailServer"
    send()
    assert not SentAlert.objects.exists()
    settings.EMAIL_BACKEND = backend
    send()
    (message,) = mailoutbox
    assert new.get_absolute_url() in message.body


def test_a_saved_search_with_words_matches_by_the_search_backend(
    dialogue, draft_round, subscribe, mailoutbox
):
    subscribe("search=q%3Dextradition")
    matching = services.round_publish(
        round=draft_round(summary="Discussed the extradition of fugitives."), by=None
    )
    services.round_publish(round=draft_round(summary="Discussed drug trafficking."), by=None)
    mailoutbox.clear()
    send()
    (message,) = mailoutbox
    assert matching.get_absolute_url() in message.body
    assert message.body.count("/rounds/") == 1
