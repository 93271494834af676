"""A ministry, topic or country entered for a draft round is not public until a published
round uses it: its page, the country page, the sitemap, feeds and the search agree."""

import pytest

from rounds import services
from rounds.models import Ministry, RoundStatus, ThreatTopic
from tests.factories import (
    make_country,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_round,
    make_topic,
)
from tests.public.feed_checks import sitemap_locations

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_with_new_records():
    published = make_round(summary="Met.")
    cuba = published.dialogue.party_a
    public_body = make_ministry(country=cuba, name="Ministry of the Interior", acronym="MININT")
    make_delegation(round=published, country=cuba).ministries.add(public_body)
    broad = make_topic(name="transnational crime", slug="transnational-crime")
    drugs = make_topic(name="drug trafficking", slug="drug-trafficking", parent=broad)
    published.topics.add(drugs)

    draft = make_round(dialogue=published.dialogue, status=RoundStatus.DRAFT)
    new_body = make_ministry(
        country=cuba, name="Customs of the Republic", acronym="AGR", parent=public_body
    )
    make_delegation(round=draft, country=cuba).ministries.add(new_body)
    new_topic = make_topic(name="wildlife trafficking", slug="wildlife-trafficking", parent=broad)
    draft.topics.add(new_topic)
    laos = make_country(code="LA", name="Laos")
    make_round(dialogue=make_dialogue(party_a=laos, party_b=cuba), status=RoundStatus.DRAFT)
    return {
        "draft": draft,
        "public_body": public_body,
        "new_body": new_body,
        "new_topic": new_topic,
        "broad": broad,
        "laos": laos,
        "cuba": cuba,
    }


def test_a_ministry_created_for_a_draft_round_is_not_public(client, draft_with_new_records):
    data = draft_with_new_records
    assert client.get(data["new_body"].get_absolute_url()).status_code == 404
    country_page = client.get(data["cuba"].get_absolute_url()).content.decode()
    assert "Ministry of the Interior" in country_page
    assert "Customs of the Republic" not in country_page
    parent_page = client.get(data["public_body"].get_absolute_url()).content.decode()
    assert "Customs of the Republic" not in parent_page  # not among the bodies it includes
    sitemap = " ".join(sitemap_locations(client))
    assert data["public_body"].get_absolute_url() in sitemap
    assert data["new_body"].get_absolute_url() not in sitemap
    search = client.get("/rounds/").content.decode()
    assert "Ministry of the Interior" in search and "Customs of the Republic" not in search
    assert client.get(f"/rounds/?ministry={data['new_body'].slug}").status_code == 200

    services.round_publish(round=data["draft"], by=None)
    assert client.get(data["new_body"].get_absolute_url()).status_code == 200
    assert "Customs of the Republic" in client.get(data["cuba"].get_absolute_url()).content.decode()
    assert set(Ministry.objects.in_published_rounds()) == {data["public_body"], data["new_body"]}


def test_a_topic_created_for_a_draft_round_is_not_public(client, draft_with_new_records):
    data = draft_with_new_records
    topic = data["new_topic"]
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert client.get(f"/feeds/topics/{topic.slug}/").status_code == 404
    assert "wildlife trafficking" not in client.get("/topics/").content.decode()
    assert "wildlife trafficking" not in client.get("/rounds/").content.decode()
    assert topic.get_absolute_url() not in " ".join(sitemap_locations(client))
    # The broader topic of a public one is public, and lists only its public subtopics.
    broad = client.get(data["broad"].get_absolute_url()).content.decode()
    assert "drug trafficking" in broad and "wildlife trafficking" not in broad

    services.round_publish(round=data["draft"], by=None)
    assert client.get(topic.get_absolute_url()).status_code == 200
    assert set(ThreatTopic.objects.public().values_list("slug", flat=True)) == {
        "transnational-crime",
        "drug-trafficking",
        "wildlife-trafficking",
    }


def test_a_country_of_draft_dialogues_only_is_not_public(client, draft_with_new_records):
    laos = draft_with_new_records["laos"]
    assert client.get(laos.get_absolute_url()).status_code == 404
    assert laos.get_absolute_url() not in " ".join(sitemap_locations(client))
    assert ">Laos<" not in client.get("/rounds/").content.decode()
