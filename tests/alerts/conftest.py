import pytest
from django.core.cache import cache

from rounds.models import RoundStatus
from tests.alerts.mails import link_in
from tests.factories import make_dialogue, make_round


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """The throttles count in the cache: every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(db):
    dialogue = make_dialogue(name="Cuba–US Law Enforcement Dialogue", slug="cuba-us-led")
    make_round(dialogue=dialogue)  # a published round makes the dialogue public
    return dialogue


@pytest.fixture
def draft_round():
    """Build a draft round of a dialogue, to be published by a test."""

    def build(**kwargs):
        return make_round(status=RoundStatus.DRAFT, **kwargs)

    return build


@pytest.fixture
def subscribe(client, mailoutbox):
    """Subscribe an address to /alerts/new/?<query> and confirm it from the e-mail's link."""

    def run(query: str, email: str = "reader@example.org", *, confirm: bool = True):
        before = len(mailoutbox)
        response = client.post(f"/alerts/new/?{query}", {"email": email})
        assert response.status_code == 200, response.content
        if confirm:
            assert len(mailoutbox) == before + 1
            confirm_path = link_in(mailoutbox[-1], "confirm")
            assert client.post(confirm_path).status_code == 200
        return response

    return run
