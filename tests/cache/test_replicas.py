"""Read replicas (rounds/replicas.py): public anonymous reads go to a replica; writes, staff and
a client that has just written use the primary. `replica1` is a TEST MIRROR of `default`
(tests/conftest.py), so both read the same test database."""

import itertools
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from rounds import cache as page_cache
from rounds import replicas as replicas_module
from rounds.replicas import PIN_COOKIE
from tests.conftest import REPLICA, SECOND_REPLICA
from tests.factories import make_dialogue, make_round

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture
def replicas(settings):
    settings.DATABASE_REPLICAS = [REPLICA]
    return settings


@pytest.fixture
def dialogue():
    dialogue = make_dialogue(slug="cuba-us-led")
    make_round(dialogue=dialogue, number=1, city="Havana")
    return dialogue


def queries_on_each(client_call):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = client_call()
    return response, len(primary.captured_queries), len(replica.captured_queries)


def test_an_anonymous_public_page_reads_from_the_replica(replicas, client, dialogue):
    response, on_primary, on_replica = queries_on_each(
        lambda: client.get(dialogue.get_absolute_url())
    )
    assert response.status_code == 200 and "Havana" in response.content.decode()
    assert on_replica > 0 and on_primary == 0


def test_staff_read_from_the_primary(replicas, admin_client, dialogue):
    response, on_primary, on_replica = queries_on_each(
        lambda: admin_client.get(dialogue.get_absolute_url())
    )
    assert response.status_code == 200
    assert on_primary > 0 and on_replica == 0


def test_a_write_pins_the_client_to_the_primary(replicas, client, dialogue):
    response = client.post("/rounds/")  # any unsafe request may have written
    assert PIN_COOKIE in response.cookies
    _response, on_primary, on_replica = queries_on_each(
        lambda: client.get(dialogue.get_absolute_url())
    )
    assert on_primary > 0 and on_replica == 0


def test_without_replicas_everything_reads_from_the_primary(settings, client, dialogue):
    settings.DATABASE_REPLICAS = []
    response, on_primary, on_replica = queries_on_each(
        lambda: client.get(dialogue.get_absolute_url())
    )
    assert response.status_code == 200 and PIN_COOKIE not in client.post("/rounds/").cookies
    assert on_primary > 0 and on_replica == 0


def test_a_page_read_from_a_lagging_replica_is_not_stored(replicas, client, dialogue, monkeypatch):
    replicas.PAGE_CACHE = True
    real = page_cache.stored_version

    def lagging(using="default"):
        version = real(using)
        return version if using == "default" else page_cache.Version("older", None)

    monkeypatch.setattr(page_cache, "stored_version", lagging)
    assert client.get(dialogue.get_absolute_url()).status_code == 200
    assert not [key for key in cache._cache if ":page:" in key and "version" not in key]
    monkeypatch.setattr(page_cache, "stored_version", real)
    client.get(dialogue.get_absolute_url())
    assert [key for key in cache._cache if ":page:" in key and "version" not in key]


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA, SECOND_REPLICA])
def test_every_read_of_a_request_goes_to_the_same_replica(settings, client, monkeypatch):
    """One replica per request: a page shows one replica's snapshot, and the full-text search's
    planner setting (rounds.search.postgres.counting_matches) holds for its facet queries."""
    settings.DATABASE_REPLICAS = [REPLICA, SECOND_REPLICA]
    turns = itertools.count()
    monkeypatch.setattr(  # the replicas in turn, so that both serve requests
        replicas_module, "random", SimpleNamespace(choice=lambda seq: seq[next(turns) % len(seq)])
    )
    dialogue = make_dialogue(slug="cuba-us-led")
    for number in (1, 2, 3):
        make_round(dialogue=dialogue, number=number, city="Havana")
    used = []
    for _request in range(4):
        with (
            CaptureQueriesContext(connections[REPLICA]) as first,
            CaptureQueriesContext(connections[SECOND_REPLICA]) as second,
        ):
            response = client.get("/rounds/", {"q": "Havana"})
        assert response.status_code == 200
        counts = len(first.captured_queries), len(second.captured_queries)
        assert min(counts) == 0 and max(counts) > 0, counts
        used.append(counts.index(max(counts)))
    assert used == [0, 1, 0, 1]
