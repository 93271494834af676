"""The staff admin: every page opens, permissions hold, and every invariant is a form error."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.contrib import admin as django_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rounds import services
from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    Office,
    Person,
    RequestStatus,
    RequestUpdate,
    Round,
    RoundStatus,
    Statement,
    ThreatTopic,
    derived,
)
from tests.admin.pages import (
    PASSWORD,
    ROUND_ADD,
    add_inline_row,
    change_url,
    error_codes,
    error_text,
    new_round_data,
    page_data,
)
from tests.factories import (
    make_agreement,
    make_communique,
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_request,
    make_round,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def cuba():
    return make_country(code="CU", name="Cuba")


@pytest.fixture
def usa():
    return make_country(code="US", name="United States")


@pytest.fixture
def full_round(cuba, usa):
    """A published round 3 with one of every related record."""
    dialogue = make_dialogue(party_a=cuba, party_b=usa, name="Cuba–US LED", slug="cuba-us-led")
    make_round(dialogue=dialogue, number=2, start_date=datetime.date(2016, 5, 17))
    round_ = make_round(
        dialogue=dialogue,
        number=3,
        start_date=datetime.date(2017, 9, 15),
        city="Washington",
        host_country=usa,
        topics=[make_topic(name="terrorism", slug="terrorism")],
    )
    minint = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    dhs = make_ministry(country=usa, name="Department of Homeland Security", acronym="DHS")
    Office.objects.create(ministry=dhs, title="Secretary of Homeland Security")
    cu = make_delegation(round=round_, country=cuba)
    cu.ministries.set([minint])
    us = make_delegation(round=round_, country=usa)
    us.ministries.set([dhs])
    make_delegate(delegation=cu, person=make_person(country=cuba), ministry=minint)
    communique = make_communique(round=round_, issuer_country=cuba, title="MINREX communiqué")
    make_statement(round=round_, country=cuba, communique=communique)
    make_agreement(round=round_, text="Continue the dialogue.", communique=communique)
    make_request(opened_in=round_, raised_by=usa, description="Return of fugitives")
    return round_


@pytest.fixture
def draft_round(full_round):
    """full_round as a draft again, so editors may change it and its records."""
    return services.round_unpublish(round=full_round, by=None)


# --- helpers ---------------------------------------------------------------------------------


# --- every page opens for a publisher --------------------------------------------------------

ROUNDS_MODELS = [m for m in django_admin.site._registry if m._meta.app_label == "rounds"]


def test_every_model_of_the_domain_has_an_admin():
    names = {m._meta.model_name for m in ROUNDS_MODELS}
    assert names >= {
        "country",
        "ministry",
        "person",
        "threattopic",
        "dialogue",
        "round",
        "delegation",
        "delegate",
        "cooperationrequest",
        "requestupdate",
        "communique",
        "statement",
        "agreement",
    }


def test_every_list_add_and_change_page_opens_for_a_publisher(publisher_client, full_round):
    for model in ROUNDS_MODELS:
        prefix = f"admin:rounds_{model._meta.model_name}"
        assert publisher_client.get(reverse(f"{prefix}_changelist")).status_code == 200
        assert publisher_client.get(reverse(f"{prefix}_add")).status_code == 200
        obj = model._default_manager.first()
        assert obj is not None, model
        response = publisher_client.get(reverse(f"{prefix}_change", args=[obj.pk]))
        assert response.status_code == 200, model
    history = reverse("admin:rounds_round_history", args=[full_round.pk])
    assert publisher_client.get(history).status_code == 200


def test_changelist_search_and_autocomplete_answer(publisher_client, full_round):
    url = reverse("admin:rounds_round_changelist")
    response = publisher_client.get(url, {"q": "Cuba 3", "status__exact": "published"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    autocomplete = publisher_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "rounds",
            "model_name": "delegation",
            "field_name": "ministries",
            "term": "interior",
        },
    )
    assert autocomplete.status_code == 200
    assert "Ministry of the Interior" in autocomplete.json()["results"][0]["text"]


# --- bounded queries on every list -----------------------------------------------------------


@pytest.fixture
def many_rows(cuba, usa):
    """Over 200 rows of every model, spread over several dialogues and rounds."""
    topics = [make_topic() for _ in range(3)]
    ministries = [make_ministry(country=cuba) for _ in range(3)]
    dialogues = [make_dialogue(party_a=cuba, party_b=usa) for _ in range(4)]
    day = datetime.date(2000, 1, 1)
    rounds = Round.objects.bulk_create(
        Round(
            dialogue=dialogues[i % 4],
            number=i // 4 + 1,
            start_date=day + datetime.timedelta(days=i),
            end_date=day + datetime.timedelta(days=i),
            host_country=usa,
            status=RoundStatus.DRAFT,
        )
        for i in range(210)
    )
    Round.topics.through.objects.bulk_create(
        Round.topics.through(round=r, threattopic=t) for r in rounds for t in topics[:2]
    )
    delegations = Delegation.objects.bulk_create(Delegation(round=r, country=cuba) for r in rounds)
    Delegation.ministries.through.objects.bulk_create(
        Delegation.ministries.through(delegation=d, ministry=m)
        for d in delegations
        for m in ministries[:2]
    )
    people = Person.objects.bulk_create(
        Person(name=f"P{i}", slug=f"p{i}", country=cuba) for i in range(210)
    )
    Office.objects.bulk_create(Office(ministry=ministries[i % 3], title=f"T{i}") for i in range(99))
    Delegate.objects.bulk_create(
        Delegate(delegation=d, person=p, ministry=ministries[0])
        for d, p in zip(delegations, people, strict=True)
    )
    communiques = Communique.objects.bulk_create(
        Communique(round=r, issuer_country=cuba, issuer=ministries[1], title="C", date=day)
        for r in rounds
    )
    Statement.objects.bulk_create(
        Statement(round=c.round, country=cuba, text="Urged", topic=topics[0], communique=c)
        for c in communiques
    )
    Agreement.objects.bulk_create(
        Agreement(round=c.round, text="Continue", communique=c) for c in communiques
    )
    requests = CooperationRequest.objects.bulk_create(
        CooperationRequest(opened_in=r, raised_by=usa, topic=topics[1], description="R")
        for r in rounds
    )
    RequestUpdate.objects.bulk_create(
        RequestUpdate(request=q, round=q.opened_in, status=RequestStatus.RAISED) for q in requests
    )
    derived.refresh_all()  # bulk_create sends no signal
    ThreatTopic.objects.bulk_create(
        ThreatTopic(name=f"bulk topic {i}", slug=f"bulk-topic-{i}") for i in range(210)
    )
    Ministry.objects.bulk_create(
        Ministry(country=usa, name=f"Agency {i}", slug=f"us-agency-{i}") for i in range(210)
    )
    Country.objects.bulk_create(
        Country(code=f"Z{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"Z {i}") for i in range(210)
    )
    Dialogue.objects.bulk_create(
        Dialogue(name=f"D {i}", slug=f"d-{i}", party_a=cuba, party_b=usa) for i in range(210)
    )


def test_every_changelist_makes_a_bounded_number_of_queries(
    publisher_client, many_rows, django_assert_max_num_queries
):
    for model in ROUNDS_MODELS:
        url = reverse(f"admin:rounds_{model._meta.model_name}_changelist")
        with django_assert_max_num_queries(20):
            response = publisher_client.get(url)
        assert response.status_code == 200, model


def test_round_page_and_audit_trail_make_a_bounded_number_of_queries(
    publisher_client, full_round, django_assert_max_num_queries
):
    for _ in range(10):
        services.round_unpublish(round=full_round, by=None)
        services.round_publish(round=full_round, by=None)
    with django_assert_max_num_queries(60):
        assert publisher_client.get(change_url(full_round)).status_code == 200
    with django_assert_max_num_queries(30):
        response = publisher_client.get(reverse("admin:rounds_round_history", args=[full_round.pk]))
    assert response.status_code == 200


# --- permissions: editors, publishers, anonymous, non-staff ----------------------------------


def test_editors_cannot_publish_but_publishers_can(groups):
    editors, publishers = groups[services.EDITORS], groups[services.PUBLISHERS]
    assert not editors.permissions.filter(codename="publish_round").exists()
    assert publishers.permissions.filter(codename="publish_round").exists()
    assert editors.permissions.filter(codename="change_round").exists()


def test_setup_groups_command_is_idempotent():
    call_command("setup_groups", verbosity=0)
    call_command("setup_groups", verbosity=0)
    assert Group.objects.filter(name__in=[services.EDITORS, services.PUBLISHERS]).count() == 2


def test_demo_staff_command_creates_an_editor_and_a_publisher():
    out = io.StringIO()
    call_command("create_demo_staff", stdout=out)
    assert "editor / diplotrack-demo" in out.getvalue()
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    editor = users.get(username="editor")
    assert editor.is_staff and editor.check_password("diplotrack-demo")
    assert not editor.has_perm("rounds.publish_round")
    assert users.get(username="publisher").has_perm("rounds.publish_round")


def test_editor_cannot_publish_by_button_or_action(editor_client, cuba, usa):
    draft = make_round(status=RoundStatus.DRAFT)
    response = editor_client.post(reverse("admin:rounds_round_publish", args=[draft.pk]))
    assert response.status_code == 403
    page = editor_client.get(change_url(draft))
    assert b'name="publish"' not in page.content
    assert "status" not in page.context["adminform"].form.fields
    changelist = editor_client.get(reverse("admin:rounds_round_changelist"))
    actions = [value for value, _ in changelist.context["action_form"].fields["action"].choices]
    assert "publish_selected" not in actions
    assert "start_next_round" in actions
    response = editor_client.post(
        reverse("admin:rounds_round_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT


def test_editor_cannot_set_the_status_by_posting_it(editor_client, cuba, usa):
    draft = make_round(status=RoundStatus.DRAFT)
    data = page_data(editor_client.get(change_url(draft)))
    data["status"] = "published"
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT


def test_editor_cannot_delete_a_published_round_but_can_delete_a_draft(editor_client, full_round):
    delete = reverse("admin:rounds_round_delete", args=[full_round.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    response = editor_client.post(
        reverse("admin:rounds_round_changelist"),
        {"action": "delete_selected", "_selected_action": [full_round.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert Round.objects.filter(pk=full_round.pk).exists()
    draft = make_round(dialogue=full_round.dialogue, status=RoundStatus.DRAFT)
    response = editor_client.post(
        reverse("admin:rounds_round_delete", args=[draft.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Round.objects.filter(pk=draft.pk).exists()


def test_publisher_publishes_and_unpublishes_with_the_button(publisher_client, full_round):
    draft = make_round(dialogue=full_round.dialogue, status=RoundStatus.DRAFT)
    page = publisher_client.get(change_url(draft))
    assert b'name="publish"' in page.content
    response = publisher_client.post(reverse("admin:rounds_round_publish", args=[draft.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == RoundStatus.PUBLISHED and draft.published_at is not None
    response = publisher_client.post(reverse("admin:rounds_round_unpublish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == RoundStatus.DRAFT and draft.published_at is None


def test_publish_button_refuses_get(publisher_client, full_round):
    response = publisher_client.get(reverse("admin:rounds_round_publish", args=[full_round.pk]))
    assert response.status_code == 405


def test_publisher_publishes_and_unpublishes_with_list_actions(publisher_client, full_round):
    drafts = [make_round(dialogue=full_round.dialogue, status=RoundStatus.DRAFT) for _ in range(2)]
    url = reverse("admin:rounds_round_changelist")
    ids = [r.pk for r in drafts]
    publisher_client.post(url, {"action": "publish_selected", "_selected_action": ids})
    assert Round.objects.filter(pk__in=ids).published().count() == 2
    publisher_client.post(url, {"action": "unpublish_selected", "_selected_action": ids})
    assert Round.objects.filter(pk__in=ids, published_at__isnull=True).drafts().count() == 2


def test_new_rounds_are_drafts_even_for_a_publisher(publisher_client, full_round):
    data = new_round_data(publisher_client, full_round.dialogue, status="published")
    response = publisher_client.post(reverse(ROUND_ADD), data)
    assert response.status_code == 302, error_codes(response)
    assert Round.objects.get(dialogue=full_round.dialogue, number=4).status == RoundStatus.DRAFT


def test_anonymous_users_are_sent_to_the_login(client, full_round):
    for url in [
        reverse("admin:rounds_round_changelist"),
        change_url(full_round),
        reverse("admin:rounds_round_history", args=[full_round.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(reverse("admin:rounds_round_unpublish", args=[full_round.pk]))
    assert response.status_code == 302
    full_round.refresh_from_db()
    assert full_round.is_published


def test_non_staff_users_cannot_use_the_admin(client, full_round):
    user = get_user_model().objects.create_user(username="reader", password=PASSWORD)
    client.force_login(user)
    response = client.get(reverse("admin:rounds_round_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_editor_previews_a_draft_that_anonymous_users_cannot_see(editor_client, client, cuba):
    draft = make_round(status=RoundStatus.DRAFT)
    page = editor_client.get(change_url(draft))
    assert draft.get_absolute_url() in page.content.decode()
    assert "Preview as the public will see it" in page.content.decode()
    preview = editor_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "draft" in preview.content.decode().lower()
    assert client.get(draft.get_absolute_url()).status_code == 404


# --- start the next round --------------------------------------------------------------------


def test_start_next_round_carries_over_delegations_topics_and_open_requests(
    editor_client, full_round, usa
):
    closed = make_request(opened_in=full_round, raised_by=usa, status=RequestStatus.FULFILLED)
    response = editor_client.post(reverse("admin:rounds_round_start_next", args=[full_round.pk]))
    new = Round.objects.get(dialogue=full_round.dialogue, number=4)
    assert response.status_code == 302 and response["Location"] == change_url(new)
    assert new.status == RoundStatus.DRAFT
    assert new.start_date == full_round.end_date + datetime.timedelta(days=1)
    assert {
        d.country.code: [m.acronym for m in d.ministries.all()] for d in new.delegations.all()
    } == {
        "CU": ["MININT"],
        "US": ["DHS"],
    }
    assert not Delegate.objects.filter(delegation__round=new).exists()
    assert list(new.topics.values_list("slug", flat=True)) == ["terrorism"]
    updates = list(new.request_updates.select_related("request"))
    assert [u.request.description for u in updates] == ["Return of fugitives"]
    # No source has said anything of the request at round 4 yet.
    assert updates[0].status == RequestStatus.NOT_MENTIONED
    assert "Carried over from round 3" in updates[0].note
    assert not closed.updates.filter(round=new).exists()
    page = editor_client.get(response["Location"])
    assert "only a placeholder" in page.content.decode()
    assert new.history.first().history_user.username == "ed"


def test_start_next_round_twice_explains_that_it_exists(editor_client, full_round):
    url = reverse("admin:rounds_round_start_next", args=[full_round.pk])
    editor_client.post(url)
    response = editor_client.post(url, follow=True)
    assert "Round 4 of Cuba–US LED already exists" in response.content.decode()
    assert Round.objects.filter(dialogue=full_round.dialogue).count() == 3


def test_start_next_round_as_a_list_action(editor_client, full_round):
    response = editor_client.post(
        reverse("admin:rounds_round_changelist"),
        {"action": "start_next_round", "_selected_action": [full_round.pk]},
    )
    new = Round.objects.get(dialogue=full_round.dialogue, number=4)
    assert response["Location"] == change_url(new)


# --- every invariant is a form error through the admin's POST --------------------------------


def test_a_round_with_its_inlines_saves_in_one_post(editor_client, full_round, cuba, usa):
    dialogue = full_round.dialogue
    request = CooperationRequest.objects.get()
    data = new_round_data(editor_client, dialogue, host_country=str(usa.pk))
    data["delegations-0-country"] = str(cuba.pk)
    data["delegations-0-ministries"] = [
        str(full_round.delegations.get(country=cuba).ministries.get().pk)
    ]
    data["delegations-1-country"] = str(usa.pk)
    add_inline_row(
        data,
        "communiques",
        title="Communiqué",
        issuer_country=str(cuba.pk),
        language="en",
        kind="communique",
    )
    add_inline_row(data, "statements", country=str(usa.pk), kind="urged", text="Urged returns.")
    add_inline_row(data, "agreements", kind="continue", text="Continue the dialogue.")
    add_inline_row(data, "request_updates", request=str(request.pk), status="clarified")
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert response.status_code == 302, error_codes(response)
    new = Round.objects.get(dialogue=dialogue, number=4)
    assert new.delegations.count() == 2
    assert new.communiques.count() == new.statements.count() == new.agreements.count() == 1
    assert new.request_updates.get().status == "clarified"
    assert new.history.first().history_user.username == "ed"


def test_duplicate_round_number_is_a_form_error(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue, number="3")
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert "duplicate_round" in error_codes(response)
    assert "already has a round with this number" in error_text(response)


def test_end_before_start_is_a_form_error(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue, end_date="2018-07-01")
    assert "dates_unordered" in error_codes(editor_client.post(reverse(ROUND_ADD), data))


def test_host_that_is_not_a_party_is_a_form_error(editor_client, full_round):
    data = new_round_data(
        editor_client, full_round.dialogue, host_country=str(make_country(code="MX").pk)
    )
    assert "host_not_party" in error_codes(editor_client.post(reverse(ROUND_ADD), data))


def test_bad_source_url_is_a_form_error(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue, source_urls="not a url")
    assert "invalid_source_url" in error_codes(editor_client.post(reverse(ROUND_ADD), data))


def test_two_delegations_from_one_country_are_a_form_error(editor_client, full_round, cuba):
    data = new_round_data(editor_client, full_round.dialogue)
    data["delegations-0-country"] = str(cuba.pk)
    data["delegations-1-country"] = str(cuba.pk)
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert response.status_code == 200
    assert "already has a delegation from this country" in error_text(response)
    assert not Round.objects.filter(number=4).exists()


def test_two_delegations_from_one_country_on_the_change_page(editor_client, draft_round, cuba):
    data = page_data(editor_client.get(change_url(draft_round)))
    us_row = next(
        k
        for k, v in data.items()
        if k.startswith("delegations-") and k.endswith("-country") and v != str(cuba.pk)
    )
    data[us_row] = str(cuba.pk)
    response = editor_client.post(change_url(draft_round), data)
    assert response.status_code == 200
    assert "already has a delegation from this country" in error_text(response)


def test_delegation_from_a_third_country_is_a_form_error_on_a_new_round(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue)
    data["delegations-0-country"] = str(make_country(code="MX", name="Mexico").pk)
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert "delegation_not_party" in error_codes(response)
    assert "Mexico is not a party" in error_text(response)


def test_changing_the_dialogue_checks_the_inlines_against_the_new_one(editor_client, draft_round):
    other = make_dialogue(
        party_a=make_country(code="MX", name="Mexico"), party_b=draft_round.dialogue.party_b
    )
    data = page_data(editor_client.get(change_url(draft_round)))
    data["dialogue"] = str(other.pk)
    response = editor_client.post(change_url(draft_round), data)
    codes = error_codes(response)
    # Cuba's delegation, statement and communiqué, and the request of the old dialogue.
    assert {"delegation_not_party", "statement_not_party", "issuer_not_party"} <= codes
    assert "update_other_dialogue" in codes or "invalid_choice" in codes
    draft_round.refresh_from_db()
    assert draft_round.dialogue_id != other.pk


def test_ministry_of_the_other_country_in_a_delegation_is_a_form_error(
    editor_client, full_round, cuba, usa
):
    data = new_round_data(editor_client, full_round.dialogue)
    data["delegations-0-country"] = str(cuba.pk)
    data["delegations-0-ministries"] = [str(make_ministry(country=usa, acronym="DOJ").pk)]
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert "ministry_other_country" in error_codes(response)
    assert "Not a body of Cuba" in error_text(response)


def test_ministry_of_the_other_country_on_the_delegation_page(editor_client, draft_round, usa):
    delegation = draft_round.delegations.get(country__code="CU")
    url = change_url(delegation)
    data = page_data(editor_client.get(url))
    data["ministries"] = [str(make_ministry(country=usa).pk)]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Not a body of Cuba" in error_text(response)


def test_delegate_ministry_of_another_country_is_a_form_error(editor_client, draft_round, usa):
    delegation = draft_round.delegations.get(country__code="CU")
    url = change_url(delegation)
    data = page_data(editor_client.get(url))
    add_inline_row(
        data,
        "delegates",
        person=str(make_person().pk),
        role="member",
        ministry=str(make_ministry(country=usa).pk),
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "is not a body of Cuba" in error_text(response)


def test_request_update_for_another_dialogue_is_a_form_error(editor_client, draft_round, usa):
    foreign = make_request(opened_in=make_round(dialogue=make_dialogue()), raised_by=usa)
    data = page_data(editor_client.get(change_url(draft_round)))
    add_inline_row(data, "request_updates", request=str(foreign.pk), status="pending")
    response = editor_client.post(change_url(draft_round), data)
    assert "invalid_choice" in error_codes(response)
    assert "does not belong to this round" in error_text(response)


def test_request_update_for_another_dialogue_on_a_new_round(editor_client, full_round, usa):
    other = make_dialogue()
    foreign = make_request(opened_in=make_round(dialogue=other), raised_by=usa)
    data = new_round_data(editor_client, full_round.dialogue)
    add_inline_row(data, "request_updates", request=str(foreign.pk), status="pending")
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert "invalid_choice" in error_codes(response)
    assert not RequestUpdate.objects.filter(request=foreign).exclude(round=foreign.opened_in)


def test_request_update_before_the_request_was_opened_is_a_form_error(editor_client, full_round):
    request = CooperationRequest.objects.get()
    data = new_round_data(editor_client, full_round.dialogue, number="1")
    add_inline_row(data, "request_updates", request=str(request.pk), status="pending")
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert "update_before_opening" in error_codes(response)
    assert "opened at round 3" in error_text(response)


def test_two_updates_of_one_request_at_one_round_are_a_form_error(editor_client, full_round):
    request = CooperationRequest.objects.get()
    data = new_round_data(editor_client, full_round.dialogue)
    add_inline_row(data, "request_updates", request=str(request.pk), status="pending")
    add_inline_row(data, "request_updates", request=str(request.pk), status="clarified")
    response = editor_client.post(reverse(ROUND_ADD), data)
    assert response.status_code == 200
    assert "already has an update at this round" in error_text(response)


def test_statement_and_communique_from_a_third_country_are_form_errors(editor_client, full_round):
    mexico = make_country(code="MX", name="Mexico")
    data = new_round_data(editor_client, full_round.dialogue)
    add_inline_row(data, "statements", country=str(mexico.pk), kind="stated", text="x")
    add_inline_row(
        data,
        "communiques",
        title="t",
        issuer_country=str(mexico.pk),
        language="en",
        kind="communique",
    )
    codes = error_codes(editor_client.post(reverse(ROUND_ADD), data))
    assert {"statement_not_party", "issuer_not_party"} <= codes


def test_communique_issuer_of_another_country_is_a_form_error(
    editor_client, draft_round, cuba, usa
):
    data = page_data(editor_client.get(change_url(draft_round)))
    add_inline_row(
        data,
        "communiques",
        title="t",
        issuer_country=str(cuba.pk),
        issuer=str(make_ministry(country=usa).pk),
        language="en",
        kind="communique",
    )
    assert "issuer_other_country" in error_codes(editor_client.post(change_url(draft_round), data))


def test_duplicate_communique_url_is_a_form_error(editor_client, draft_round, cuba):
    data = page_data(editor_client.get(change_url(draft_round)))
    for _ in range(2):
        add_inline_row(
            data,
            "communiques",
            title="t",
            issuer_country=str(cuba.pk),
            language="en",
            kind="communique",
            url="https://example.org/c",
        )
    response = editor_client.post(change_url(draft_round), data)
    assert response.status_code == 200
    assert "already has a communiqué with this URL" in error_text(response)


def test_statement_citing_another_rounds_communique_is_a_form_error(
    editor_client, draft_round, cuba
):
    elsewhere = make_communique(round=make_round(dialogue=draft_round.dialogue))
    data = page_data(editor_client.get(change_url(draft_round)))
    add_inline_row(
        data,
        "statements",
        country=str(cuba.pk),
        kind="stated",
        text="x",
        communique=str(elsewhere.pk),
    )
    assert "invalid_choice" in error_codes(editor_client.post(change_url(draft_round), data))


# --- concurrent edits ------------------------------------------------------------------------


def test_a_stale_save_is_refused_with_who_changed_it(editor_client, publisher, full_round):
    data = page_data(editor_client.get(change_url(full_round)))
    services.round_unpublish(round=full_round, by=publisher)  # someone else saves meanwhile
    data["city"] = "Havana"
    response = editor_client.post(change_url(full_round), data)
    assert "edit_conflict" in error_codes(response)
    assert "last change by pia" in error_text(response)
    full_round.refresh_from_db()
    assert full_round.city == "Washington"


def test_each_save_raises_the_version_so_the_next_stale_save_fails(editor_client, draft_round):
    loaded = draft_round.version
    first = page_data(editor_client.get(change_url(draft_round)))
    second = dict(first)
    first["city"] = "Washington, D.C."
    assert editor_client.post(change_url(draft_round), first).status_code == 302
    draft_round.refresh_from_db()
    assert draft_round.version == loaded + 1 and draft_round.city == "Washington, D.C."
    saved_summary = draft_round.summary
    second["summary"] = "Overwrites?"
    assert "edit_conflict" in error_codes(editor_client.post(change_url(draft_round), second))
    draft_round.refresh_from_db()
    assert draft_round.summary == saved_summary


# --- audit trail -----------------------------------------------------------------------------


def test_audit_trail_shows_who_changed_the_round_and_its_records(
    editor_client, publisher_client, draft_round
):
    full_round = draft_round
    data = page_data(editor_client.get(change_url(full_round)))
    data["city"] = "Washington, D.C."
    statement_key = next(k for k in data if k.startswith("statements-0-text"))
    data[statement_key] = "Urged the US to lift the embargo."
    assert editor_client.post(change_url(full_round), data).status_code == 302
    publisher_client.post(reverse("admin:rounds_round_publish", args=[full_round.pk]))
    response = publisher_client.get(reverse("admin:rounds_round_history", args=[full_round.pk]))
    entries = response.context["entries"]
    assert entries[0].who == "pia" and entries[0].action == "changed"
    assert ("status", "Draft", "Published") in entries[0].changes
    city = next(e for e in entries if any(c[0] == "city" for c in e.changes))
    assert city.who == "ed" and ("city", "Washington", "Washington, D.C.") in city.changes
    statement = next(e for e in entries if e.what == "statement" and e.who == "ed")
    assert statement.changes[0][2] == "Urged the US to lift the embargo."
    page = response.content.decode()
    assert "Audit trail" in page and "Washington, D.C." in page


def test_audit_trail_records_topic_and_ministry_changes(editor_client, draft_round):
    topic = make_topic(name="cybercrime", slug="cybercrime")
    data = page_data(editor_client.get(change_url(draft_round)))
    data["topics"] = [*data["topics"], str(topic.pk)]
    assert editor_client.post(change_url(draft_round), data).status_code == 302
    response = editor_client.get(reverse("admin:rounds_round_history", args=[draft_round.pk]))
    changes = [c for e in response.context["entries"] for c in e.changes]
    assert ("threat topics", "terrorism", "cybercrime, terrorism") in changes


def test_history_cannot_be_reverted(publisher_client, full_round):
    record = full_round.history.first()
    url = reverse("admin:rounds_round_simple_history", args=[full_round.pk, record.history_id])
    assert publisher_client.post(url, {}).status_code == 403


# --- login hardening -------------------------------------------------------------------------


def login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR="10.0.0.7",
    )


def test_login_is_throttled_after_five_failures_then_cools_off(client, editor):
    for _ in range(4):
        response = login(client, "ed", "wrong")
        assert response.status_code == 200
        assert "enter the correct username and password" in response.content.decode()
    assert login(client, "ed", "wrong").status_code == 429  # the fifth failure locks
    locked = login(client, "ed", PASSWORD)  # the sixth attempt is refused, even if right
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    # Time travel: the failures happened 16 minutes ago, past the 15-minute cool-off.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    response = login(client, "ed", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_admin_forms_need_a_csrf_token(editor, full_round):
    client = Client(enforce_csrf_checks=True)
    assert login(client, "ed", PASSWORD).status_code == 403
    client.force_login(editor)
    assert (
        client.post(reverse("admin:rounds_round_start_next", args=[full_round.pk])).status_code
        == 403
    )
    page = client.get(change_url(full_round)).content.decode()
    assert page.count("csrfmiddlewaretoken") >= 2  # the round form and the start-next button


def test_a_change_on_a_records_own_page_makes_a_stale_round_page_conflict(
    editor_client, publisher_client, draft_round, cuba
):
    full_round = draft_round
    stale = page_data(editor_client.get(change_url(full_round)))
    delegation = full_round.delegations.get(country=cuba)
    data = page_data(publisher_client.get(change_url(delegation)))
    extra = make_ministry(country=cuba, acronym="MINJUS")
    data["ministries"] = [*data["ministries"], str(extra.pk)]
    assert publisher_client.post(change_url(delegation), data).status_code == 302
    response = editor_client.post(change_url(full_round), stale)
    assert "edit_conflict" in error_codes(response)
    assert "last change by pia" in error_text(response)
    assert extra in delegation.ministries.all()


def test_round_autocomplete_makes_a_bounded_number_of_queries(
    publisher_client, many_rows, django_assert_max_num_queries
):
    params = {
        "app_label": "rounds",
        "model_name": "cooperationrequest",
        "field_name": "opened_in",
        "term": "Dialogue",
    }
    with django_assert_max_num_queries(10):
        response = publisher_client.get(reverse("admin:autocomplete"), params)
    assert len(response.json()["results"]) == 20


def test_round_number_below_one_is_a_form_error(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue, number="0")
    assert "number_not_positive" in error_codes(editor_client.post(reverse(ROUND_ADD), data))


def test_partial_date_not_on_the_first_is_a_form_error(editor_client, full_round):
    data = new_round_data(editor_client, full_round.dialogue, date_precision="month")
    assert "partial_date_not_first" in error_codes(editor_client.post(reverse(ROUND_ADD), data))


def test_one_person_twice_in_a_delegation_is_a_form_error(editor_client, draft_round, cuba):
    delegation = draft_round.delegations.get(country=cuba)
    person = make_person(country=cuba)
    data = page_data(editor_client.get(change_url(delegation)))
    data["delegates-TOTAL_FORMS"] = str(int(data["delegates-TOTAL_FORMS"]) - 1)  # drop extra
    for _ in range(2):
        add_inline_row(data, "delegates", person=str(person.pk), role="member")
    response = editor_client.post(change_url(delegation), data)
    assert response.status_code == 200
    assert "This person is already in this delegation." in error_text(response)


def test_two_updates_at_one_round_on_the_request_page_are_a_form_error(editor_client, draft_round):
    request = CooperationRequest.objects.get()
    data = page_data(editor_client.get(change_url(request)))
    add_inline_row(data, "updates", round=str(draft_round.pk), status="pending")
    response = editor_client.post(change_url(request), data)
    assert response.status_code == 200
    assert "already has an update at this round" in error_text(response)


def test_the_add_page_suggests_the_next_number_of_a_dialogue(editor_client, full_round):
    response = editor_client.get(reverse(ROUND_ADD), {"dialogue": full_round.dialogue.pk})
    assert response.context["adminform"].form.initial["number"] == 4


def test_a_started_round_cannot_be_published_until_its_real_dates_are_entered(
    editor_client, publisher_client, full_round
):
    editor_client.post(reverse("admin:rounds_round_start_next", args=[full_round.pk]))
    new = Round.objects.get(dialogue=full_round.dialogue, number=4)
    assert new.dates_provisional
    page = publisher_client.get(change_url(new)).content.decode()
    assert "placeholders copied from the previous round" in page
    response = publisher_client.post(
        reverse("admin:rounds_round_publish", args=[new.pk]), follow=True
    )
    assert "still has the placeholder dates" in response.content.decode()
    new.refresh_from_db()
    assert new.status == RoundStatus.DRAFT

    data = page_data(editor_client.get(change_url(new)))
    data.update(start_date="2018-07-10", end_date="2018-07-10", summary="Met in Washington.")
    assert editor_client.post(change_url(new), data).status_code == 302
    new.refresh_from_db()
    assert new.uncertain_note == ""
    assert not new.dates_provisional
    publisher_client.post(reverse("admin:rounds_round_publish", args=[new.pk]))
    new.refresh_from_db()
    assert new.status == RoundStatus.PUBLISHED


# --- review fixes: publishing in bulk, request status, next round, bulk delete, read-only ----


def action_messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, m.message) for m in response.context["messages"]]


def test_publish_action_publishes_none_when_one_round_cannot_be_published(
    publisher_client, full_round, cuba
):
    dialogue = full_round.dialogue
    ready = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    placeholder = make_round(
        dialogue=dialogue,
        status=RoundStatus.DRAFT,
        dates_provisional=True,
    )
    invalid = make_round(dialogue=dialogue, status=RoundStatus.DRAFT)
    mexico = make_country(code="MX", name="Mexico")
    Round.objects.filter(pk=invalid.pk).update(host_country=mexico)  # fails full_clean
    ids = [ready.pk, placeholder.pk, invalid.pk]
    response = publisher_client.post(
        reverse("admin:rounds_round_changelist"),
        {"action": "publish_selected", "_selected_action": ids},
        follow=True,
    )
    assert response.status_code == 200
    assert Round.objects.filter(pk__in=ids).published().count() == 0
    errors = [text for level, text in action_messages(response) if level == "error"]
    assert any(f"Could not publish {placeholder}" in e and "placeholder dates" in e for e in errors)
    assert any(f"Could not publish {invalid}" in e and "host must be one" in e for e in errors)
    assert any("Nothing was published" in e for e in errors)
    assert not any(level == "success" for level, _text in action_messages(response))


def test_unpublish_action_unpublishes_none_when_one_round_cannot_be_unpublished(
    publisher_client, full_round
):
    broken = make_round(dialogue=full_round.dialogue)
    mexico = make_country(code="MX", name="Mexico")
    Round.objects.filter(pk=broken.pk).update(host_country=mexico)
    ids = [full_round.pk, broken.pk]
    response = publisher_client.post(
        reverse("admin:rounds_round_changelist"),
        {"action": "unpublish_selected", "_selected_action": ids},
        follow=True,
    )
    assert response.status_code == 200
    assert Round.objects.filter(pk__in=ids).published().count() == 2
    errors = [text for level, text in action_messages(response) if level == "error"]
    assert any(f"Could not unpublish {broken}" in e for e in errors)
    assert any("Nothing was unpublished" in e for e in errors)


def request_add_data(client, opened_in, **fields) -> dict:
    data = page_data(client.get(reverse("admin:rounds_cooperationrequest_add")))
    data.update(
        {
            "opened_in": str(opened_in.pk),
            "raised_by": str(opened_in.dialogue.party_b_id),
            "description": "Extradition of a hijacker",
            **fields,
        }
    )
    return data


def test_a_request_without_any_status_update_is_a_form_error(editor_client, draft_round):
    data = request_add_data(editor_client, draft_round)
    data["updates-TOTAL_FORMS"] = "0"
    response = editor_client.post(reverse("admin:rounds_cooperationrequest_add"), data)
    assert "too_few_forms" in error_codes(response)
    assert "status at the round that opened it" in error_text(response)
    assert not CooperationRequest.objects.filter(description="Extradition of a hijacker").exists()


def test_a_request_needs_an_update_at_its_opening_round(editor_client, draft_round):
    later = make_round(dialogue=draft_round.dialogue, status=RoundStatus.DRAFT)
    data = request_add_data(editor_client, draft_round)
    data.update({"updates-0-round": str(later.pk), "updates-0-status": "pending"})
    response = editor_client.post(reverse("admin:rounds_cooperationrequest_add"), data)
    assert "no_update_at_opening" in error_codes(response)
    assert "at the round that opened it" in error_text(response)
    assert not CooperationRequest.objects.filter(description="Extradition of a hijacker").exists()

    request = CooperationRequest.objects.get()  # opened at draft_round, raised there
    url = change_url(request)
    data = page_data(editor_client.get(url))
    data["updates-0-round"] = str(later.pk)
    assert "no_update_at_opening" in error_codes(editor_client.post(url, data))
    assert request.updates.get().round_id == draft_round.pk


def test_a_new_request_gets_a_raised_row_at_its_opening_round(editor_client, draft_round):
    page = editor_client.get(
        reverse("admin:rounds_cooperationrequest_add"), {"opened_in": draft_round.pk}
    )
    row = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert row.initial == {"round": str(draft_round.pk), "status": RequestStatus.RAISED}
    data = request_add_data(editor_client, draft_round)  # the row's round left empty
    response = editor_client.post(reverse("admin:rounds_cooperationrequest_add"), data)
    assert response.status_code == 302, error_codes(response)
    request = CooperationRequest.objects.with_current_status().get(
        description="Extradition of a hijacker"
    )
    assert request.current_status == RequestStatus.RAISED
    assert [(u.round_id, u.status) for u in request.updates.all()] == [
        (draft_round.pk, RequestStatus.RAISED)
    ]


def test_start_next_round_validates_the_records_it_carries_over(editor_client, full_round):
    # The dialogue's parties were corrected after round 3: its Cuban delegation is no longer
    # valid, so round 4 must not copy it unchecked.
    mexico = make_country(code="MX", name="Mexico")
    Dialogue.objects.filter(pk=full_round.dialogue_id).update(party_a=mexico)
    url = reverse("admin:rounds_round_start_next", args=[full_round.pk])
    response = editor_client.post(url, follow=True)
    assert "Cuba is not a party" in response.content.decode()
    assert not Round.objects.filter(dialogue=full_round.dialogue, number=4).exists()


def test_start_next_round_full_cleans_every_record(full_round, monkeypatch):
    cleaned = []
    for model in (Delegation, RequestUpdate):
        original = model.full_clean

        def spy(self, *args, _original=original, **kwargs):
            cleaned.append(type(self).__name__)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(model, "full_clean", spy)
    services.round_start_next(round=full_round, by=None)
    assert cleaned.count("Delegation") == 2 and cleaned.count("RequestUpdate") == 1


def test_bulk_delete_finds_the_rounds_in_one_query(publisher, full_round, cuba, rf):

    delegation = full_round.delegations.get(country=cuba)
    model_admin = django_admin.site._registry[Delegate]
    request = rf.post("/")
    request.user = publisher

    def selects_to_delete(count):
        ids = [make_delegate(delegation=delegation).pk for _ in range(count)]
        queryset = model_admin.get_queryset(request).filter(pk__in=ids)
        with CaptureQueriesContext(connection) as queries:
            model_admin.delete_queryset(request, queryset)
        assert not Delegate.objects.filter(pk__in=ids).exists()
        return sum(q["sql"].lstrip().upper().startswith("SELECT") for q in queries)

    version = Round.objects.get(pk=full_round.pk).version
    assert selects_to_delete(2) == selects_to_delete(6)
    assert Round.objects.get(pk=full_round.pk).version == version + 2  # touched each time


LOCK_NOTE = "Published: ask a publisher to unpublish it to make changes"


def test_editor_sees_a_published_round_read_only_and_cannot_save_it(
    editor_client, publisher_client, full_round
):
    data = page_data(publisher_client.get(change_url(full_round)))
    page = editor_client.get(change_url(full_round))
    assert page.status_code == 200
    assert LOCK_NOTE in page.content.decode()
    assert not page.context["has_change_permission"]
    assert b'name="_save"' not in page.content
    for inline in page.context["inline_admin_formsets"]:
        assert not (inline.has_add_permission or inline.has_change_permission), inline
        assert not inline.has_delete_permission
    data["city"] = "Havana"
    assert editor_client.post(change_url(full_round), data).status_code == 403
    full_round.refresh_from_db()
    assert full_round.city == "Washington"


def test_publisher_can_still_change_a_published_round(publisher_client, full_round):
    page = publisher_client.get(change_url(full_round))
    assert LOCK_NOTE not in page.content.decode()
    assert page.context["has_change_permission"]
    data = page_data(page)
    data["city"] = "Washington, D.C."
    assert publisher_client.post(change_url(full_round), data).status_code == 302
    full_round.refresh_from_db()
    assert full_round.city == "Washington, D.C." and full_round.is_published


def test_records_of_a_published_round_are_read_only_for_editors(
    editor_client, publisher_client, full_round, cuba
):
    delegation = full_round.delegations.get(country=cuba)
    records = [
        delegation,
        Delegate.objects.get(delegation=delegation),
        full_round.statements.get(),
        full_round.agreements.get(),
        full_round.communiques.get(),
        RequestUpdate.objects.get(round=full_round),
        CooperationRequest.objects.get(),
    ]
    for record in records:
        url = change_url(record)
        data = page_data(publisher_client.get(url))
        page = editor_client.get(url)
        assert page.status_code == 200, record
        assert LOCK_NOTE in page.content.decode(), record
        assert not page.context["has_change_permission"], record
        assert editor_client.post(url, data).status_code == 403, record
        delete = reverse(f"admin:rounds_{record._meta.model_name}_delete", args=[record.pk])
        assert editor_client.post(delete, {"post": "yes"}).status_code == 403, record
        assert type(record).objects.filter(pk=record.pk).exists()
        publisher_page = publisher_client.get(url)
        assert publisher_page.context["has_change_permission"], record
        assert LOCK_NOTE not in publisher_page.content.decode()


def test_editor_cannot_add_a_record_to_a_published_round(editor_client, draft_round, cuba):
    published = make_round(dialogue=draft_round.dialogue)
    url = reverse("admin:rounds_statement_add")
    data = page_data(editor_client.get(url))
    data.update({"round": str(published.pk), "country": str(cuba.pk), "kind": "stated"})
    data["text"] = "Added behind the publisher's back."
    assert "invalid_choice" in error_codes(editor_client.post(url, data))
    assert not Statement.objects.filter(round=published).exists()
    data["round"] = str(draft_round.pk)
    assert editor_client.post(url, data).status_code == 302
    assert Statement.objects.filter(round=draft_round, text=data["text"]).exists()
    data = request_add_data(editor_client, published)
    data["updates-0-round"] = str(published.pk)
    assert "invalid_choice" in error_codes(
        editor_client.post(reverse("admin:rounds_cooperationrequest_add"), data)
    )
    assert not CooperationRequest.objects.filter(opened_in=published).exists()


def test_editor_cannot_change_a_status_at_a_published_round_from_the_request_page(
    editor_client, publisher_client, draft_round
):
    request = CooperationRequest.objects.get()  # opened at draft_round
    published = make_round(dialogue=draft_round.dialogue)
    update = RequestUpdate.objects.create(request=request, round=published, status="pending")
    url = change_url(request)
    data = page_data(editor_client.get(url))
    row = next(
        k[: -len("-id")] for k, v in data.items() if k.endswith("-id") and v == str(update.pk)
    )
    data[f"{row}-status"] = "fulfilled"
    assert "round_published" in error_codes(editor_client.post(url, data))
    update.refresh_from_db()
    assert update.status == "pending"
    data = page_data(publisher_client.get(url))
    data[f"{row}-status"] = "fulfilled"
    assert publisher_client.post(url, data).status_code == 302
    update.refresh_from_db()
    assert update.status == "fulfilled"


def test_admin_pages_link_the_site_favicon(client):
    html = client.get("/admin/login/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html


def test_start_next_button_is_offered_only_while_the_next_round_is_missing(
    editor_client, full_round
):
    change_url = reverse("admin:rounds_round_change", args=[full_round.pk])
    start_url = reverse("admin:rounds_round_start_next", args=[full_round.pk])
    assert start_url in editor_client.get(change_url).content.decode()
    editor_client.post(start_url)
    assert start_url not in editor_client.get(change_url).content.decode()


def test_list_actions_store_each_count_they_move_once(publisher_client, full_round):
    """A bulk publish, unpublish or delete of many rounds stores each topic's and dialogue's
    round count once, at the end, not once per round (rounds.models.derived.stored_once)."""
    topic = make_topic(slug="bulk-topic")
    drafts = [
        make_round(dialogue=full_round.dialogue, status=RoundStatus.DRAFT, topics=[topic])
        for _ in range(4)
    ]
    ids = [r.pk for r in drafts]
    url = reverse("admin:rounds_round_changelist")
    dialogue = full_round.dialogue
    dialogue.refresh_from_db()
    rounds_before = dialogue.public_round_count

    def writes_of_counts(data):
        with CaptureQueriesContext(connection) as queries:
            publisher_client.post(url, data)
        return [
            q["sql"].split()[1]
            for q in queries.captured_queries
            if q["sql"].startswith(('UPDATE "rounds_threattopic"', 'UPDATE "rounds_dialogue"'))
        ]

    published = writes_of_counts({"action": "publish_selected", "_selected_action": ids})
    assert sorted(published) == ['"rounds_dialogue"', '"rounds_threattopic"']
    topic.refresh_from_db()
    assert topic.public_round_count == 4
    unpublished = writes_of_counts({"action": "unpublish_selected", "_selected_action": ids})
    assert sorted(unpublished) == ['"rounds_dialogue"', '"rounds_threattopic"']
    publisher_client.post(url, {"action": "publish_selected", "_selected_action": ids})
    deleted = writes_of_counts(
        {"action": "delete_selected", "_selected_action": ids[:3], "post": "yes"}
    )
    assert sorted(deleted) == ['"rounds_dialogue"', '"rounds_threattopic"']
    topic.refresh_from_db()
    dialogue.refresh_from_db()
    assert topic.public_round_count == 1
    assert dialogue.public_round_count == rounds_before + 1  # the one left
