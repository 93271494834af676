"""What the public sees changes only with the publish permission: dialogues, countries,
people, ministries, topics (rounds.permissions), besides published rounds and their records."""

import pytest
from django.urls import reverse

from rounds.models import Country, Dialogue, Ministry, Person, RoundStatus, ThreatTopic
from tests.admin.pages import (
    change_url,
    page_data,
)
from tests.factories import (
    make_communique,
    make_country,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_round,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_and_draft():
    """One record of each kind used by a published round, and one used by a draft only."""
    published = make_round(status=RoundStatus.PUBLISHED, summary="Met.")
    cuba = published.dialogue.party_a
    delegation = make_delegation(round=published, country=cuba)
    public = {
        "dialogue": published.dialogue,
        "country": cuba,
        "ministry": make_ministry(country=cuba, name="Ministry of the Interior"),
        "person": make_delegate(delegation=delegation).person,
        "topic": make_topic(name="terrorism"),
    }
    delegation.ministries.add(public["ministry"])
    published.topics.add(public["topic"])

    laos, peru = make_country(code="LA", name="Laos"), make_country(code="PE", name="Peru")
    draft = make_round(dialogue=make_dialogue(party_a=laos, party_b=peru), status="draft")
    draft_delegation = make_delegation(round=draft, country=laos)
    hidden = {
        "dialogue": draft.dialogue,
        "country": laos,
        "ministry": make_ministry(country=laos, name="Ministry of Security"),
        "person": make_delegate(delegation=draft_delegation).person,
        "topic": make_topic(name="wildlife trafficking"),
    }
    draft_delegation.ministries.add(hidden["ministry"])
    make_statement(round=draft, country=laos, topic=hidden["topic"])
    return public, hidden


TEXT_FIELD = {"dialogue": "description", "country": "aliases", "ministry": "aliases",
              "person": "notes", "topic": "description"}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(TEXT_FIELD))
def test_an_editor_cannot_change_what_the_public_sees(editor_client, public_and_draft, kind):
    public, _ = public_and_draft
    record = public[kind]
    page = editor_client.get(change_url(record))
    assert page.status_code == 200  # still readable
    assert "only a publisher can change" in page.content.decode()
    data = page_data(page)
    data[TEXT_FIELD[kind]] = "Changed by an editor"
    assert editor_client.post(change_url(record), data).status_code == 403
    record.refresh_from_db()
    assert getattr(record, TEXT_FIELD[kind]) != "Changed by an editor"
    delete = reverse(f"admin:rounds_{record._meta.model_name}_delete", args=[record.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403


@pytest.mark.parametrize("kind", sorted(TEXT_FIELD))
def test_an_editor_changes_records_only_drafts_use(editor_client, public_and_draft, kind):
    _, hidden = public_and_draft
    record = hidden[kind]
    data = page_data(editor_client.get(change_url(record)))
    data[TEXT_FIELD[kind]] = "Changed by an editor"
    assert editor_client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    assert getattr(record, TEXT_FIELD[kind]) == "Changed by an editor"


@pytest.mark.parametrize("kind", sorted(TEXT_FIELD))
def test_a_publisher_changes_what_the_public_sees(publisher_client, public_and_draft, kind):
    public, _ = public_and_draft
    record = public[kind]
    data = page_data(publisher_client.get(change_url(record)))
    data[TEXT_FIELD[kind]] = "Changed by a publisher"
    assert publisher_client.post(change_url(record), data).status_code == 302
    record.refresh_from_db()
    assert getattr(record, TEXT_FIELD[kind]) == "Changed by a publisher"


@pytest.mark.parametrize(
    "model", [Dialogue, Country, Ministry, Person, ThreatTopic], ids=lambda m: m.__name__
)
def test_a_bulk_delete_by_an_editor_leaves_public_records_alone(
    editor_client, public_and_draft, model
):
    public, hidden = public_and_draft
    kind = model._meta.model_name.replace("threattopic", "topic")
    selected = [public[kind].pk, hidden[kind].pk]
    url = reverse(f"admin:rounds_{model._meta.model_name}_changelist")
    response = editor_client.post(
        url, {"action": "delete_selected", "_selected_action": selected, "post": "yes"}
    )
    assert response.status_code == 302
    assert model.objects.filter(pk__in=selected).count() == 2
    message = str(list(response.wsgi_request._messages)[0])
    assert "Only publishers can delete what the public sees" in message


def test_a_bulk_delete_of_a_published_rounds_records_is_refused_too(editor_client):
    communique = make_communique(round=make_round(summary="Met."))
    url = reverse("admin:rounds_communique_changelist")
    editor_client.post(
        url, {"action": "delete_selected", "_selected_action": [communique.pk], "post": "yes"}
    )
    assert communique.__class__.objects.filter(pk=communique.pk).exists()


def test_editors_still_add_reference_records_for_their_drafts(editor_client, groups):
    cuba = make_country(code="CU", name="Cuba")
    data = page_data(editor_client.get(reverse("admin:rounds_ministry_add")))
    data.update({"country": str(cuba.pk), "name": "Customs", "slug": "cu-customs"})
    data["kind"] = "customs"
    assert editor_client.post(reverse("admin:rounds_ministry_add"), data).status_code == 302
    assert Ministry.objects.filter(slug="cu-customs").exists()
