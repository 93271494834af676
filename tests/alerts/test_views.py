"""The subscribe, confirm and unsubscribe pages: double opt-in, no enumeration, no mail bomb."""

import pytest
from django.db import IntegrityError
from django.test import Client

from rounds.models import AlertKind, Subscription
from tests.alerts.mails import link_in
from tests.factories import (
    make_delegation,
    make_ministry,
    make_request,
    make_round,
    make_topic,
)

pytestmark = pytest.mark.django_db


def test_each_page_links_to_its_alert(client, dialogue):
    topic = make_topic(name="cybercrime")
    round_ = make_round(dialogue=dialogue, topics=[topic])
    ministry = make_ministry(country=dialogue.party_a)
    make_delegation(round=round_).ministries.add(ministry)
    request = make_request(opened_in=round_)
    pages = {
        dialogue.get_absolute_url(): f"/alerts/new/?dialogue={dialogue.slug}",
        topic.get_absolute_url(): f"/alerts/new/?topic={topic.slug}",
        ministry.get_absolute_url(): f"/alerts/new/?ministry={ministry.slug}",
        request.get_absolute_url(): f"/alerts/new/?request={request.pk}",
        f"/rounds/?topic={topic.slug}": f"/alerts/new/?search=topic%3D{topic.slug}",
    }
    for page, link in pages.items():
        response = client.get(page)
        assert response.status_code == 200, page
        assert f'href="{link}"' in response.content.decode(), page
        assert client.get(link).status_code == 200, link


def test_subscribing_mails_a_confirmation_link_and_confirming_needs_a_post(
    client, dialogue, mailoutbox
):
    response = client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "A@Example.org"})
    assert "Check your inbox" in response.content.decode()
    (message,) = mailoutbox
    assert message.to == ["a@example.org"]
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None and subscription.kind == AlertKind.DIALOGUE
    confirm = link_in(message, "confirm")

    page = client.get(confirm)  # a mail scanner following the link confirms nothing
    assert page.status_code == 200 and "<form" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None

    assert client.post(confirm).status_code == 200
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(
    client, dialogue, subscribe, mailoutbox
):
    first = subscribe(f"dialogue={dialogue.slug}")
    mailoutbox.clear()
    again = client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "reader@example.org"})
    assert again.status_code == first.status_code == 200
    assert again.content == first.content
    assert mailoutbox == []  # a confirmed address is not mailed again
    assert Subscription.objects.count() == 1


def test_a_pending_confirmation_is_not_mailed_twice(client, dialogue, mailoutbox):
    for _ in range(3):
        client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "victim@example.org"})
    assert len(mailoutbox) == 1


def test_the_fourth_confirmation_mail_to_one_address_in_a_day_is_refused(
    client, dialogue, mailoutbox
):
    topics = [make_topic() for _ in range(4)]
    make_round(dialogue=dialogue, topics=topics)
    answers = [
        client.post(f"/alerts/new/?topic={topic.slug}", {"email": "victim@example.org"})
        for topic in topics
    ]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert "several confirmation e-mails to this address today" in answers[3].content.decode()
    assert len(mailoutbox) == 3
    assert Subscription.objects.count() == 3


def test_one_client_address_cannot_post_without_limit(client, dialogue, mailoutbox):
    answers = [
        client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": f"{n}@example.org"})
        for n in range(11)
    ]
    assert [answer.status_code for answer in answers].count(200) == 10
    assert answers[-1].status_code == 429
    assert "Too many requests from your network" in answers[-1].content.decode()
    assert len(mailoutbox) == 10


@pytest.mark.parametrize(
    "query",
    [
        "",
        "dialogue=nope",
        "topic=nope",
        "ministry=nope",
        "request=abc",
        "request=99999",
        "dialogue=%00",
        "search=date_from%3Dnot-a-date",
    ],
)
def test_bad_targets_are_a_404(client, dialogue, query):
    assert client.get(f"/alerts/new/?{query}").status_code == 404
    assert client.post(f"/alerts/new/?{query}", {"email": "a@example.org"}).status_code == 404


def test_a_draft_only_topic_cannot_be_followed(client, dialogue, draft_round):
    hidden = make_topic(name="secret")
    draft_round(dialogue=dialogue, topics=[hidden])
    assert client.get(f"/alerts/new/?topic={hidden.slug}").status_code == 404


def test_a_bad_address_is_a_form_error(client, dialogue, mailoutbox):
    response = client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "not an address"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert mailoutbox == [] and not Subscription.objects.exists()


def test_a_saved_search_stores_its_cleaned_parameters(client, dialogue, mailoutbox):
    topic = make_topic(name="drugs", slug="drugs")
    make_round(dialogue=dialogue, topics=[topic])
    client.post(
        "/alerts/new/?search=page%3D2%26sort%3Ddate%26city%3D%20Havana%26q%3D%26topic%3Ddrugs",
        {"email": "a@example.org"},
    )
    assert Subscription.objects.get().search == "topic=drugs&city=Havana"


def test_unsubscribing_from_the_link_deletes_the_address(client, dialogue, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    unsubscribe = link_in(mailoutbox[0], "unsubscribe")
    page = client.get(unsubscribe)
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert Subscription.objects.exists()
    assert client.post(unsubscribe).status_code == 200
    assert not Subscription.objects.exists()
    assert client.get(unsubscribe).status_code == 404
    assert client.post(unsubscribe).status_code == 200  # a second click says the same


def test_one_click_unsubscribe_needs_no_csrf_token(dialogue, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        link_in(mailoutbox[0], "unsubscribe"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_subscribing_still_needs_a_csrf_token(dialogue):
    response = Client(enforce_csrf_checks=True).post(
        f"/alerts/new/?dialogue={dialogue.slug}", {"email": "a@example.org"}
    )
    assert response.status_code == 403


def test_alert_pages_are_never_cached(client, dialogue, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}")
    for path in (
        f"/alerts/new/?dialogue={dialogue.slug}",
        link_in(mailoutbox[0], "confirm"),
        link_in(mailoutbox[0], "unsubscribe"),
    ):
        cache_control = client.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path


def test_addresses_are_never_shown_on_public_pages(client, dialogue, subscribe, mailoutbox):
    subscribe(f"dialogue={dialogue.slug}", email="secret.reader@example.org")
    for path in (
        "/",
        dialogue.get_absolute_url(),
        "/rounds/",
        f"/alerts/new/?dialogue={dialogue.slug}",
        link_in(mailoutbox[0], "confirm"),
        link_in(mailoutbox[0], "unsubscribe"),
        "/api/v1/dialogues/",
    ):
        assert b"secret.reader" not in client.get(path).content, path


def test_the_same_address_cannot_follow_the_same_thing_twice(dialogue):
    Subscription.objects.create(email="a@example.org", kind="dialogue", dialogue=dialogue)
    with pytest.raises(IntegrityError):
        Subscription.objects.create(email="a@example.org", kind="dialogue", dialogue=dialogue)


def test_a_subscription_follows_exactly_one_thing(dialogue):
    with pytest.raises(IntegrityError):
        Subscription.objects.create(
            email="a@example.org", kind="topic", dialogue=dialogue, language="en"
        )


def test_the_subscribe_page_makes_few_queries(client, dialogue, django_assert_max_num_queries):
    topic = make_topic()
    make_round(dialogue=dialogue, topics=[topic])
    for query in (
        f"dialogue={dialogue.slug}",
        f"topic={topic.slug}",
        f"search=topic%3D{topic.slug}%26q%3Dextradition",
    ):
        with django_assert_max_num_queries(6):
            assert client.get(f"/alerts/new/?{query}").status_code == 200
    with django_assert_max_num_queries(12):
        client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "a@example.org"})


class _BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_a_mail_server_that_is_down_is_a_clear_error_not_a_500(client, dialogue, settings):
    settings.EMAIL_BACKEND = f"{__name__}._BrokenMailServer"
    response = client.post(f"/alerts/new/?dialogue={dialogue.slug}", {"email": "a@example.org"})
    assert response.status_code == 503
    assert "could not send the e-mail just now" in response.content.decode()
    assert Subscription.objects.get().confirmation_sent_at is None  # asking again will mail
