"""The page cache on Redis: the data version is mirrored there on commit, so a hit needs no
query, and a write still shows on the next request.

Redis runs beside the app on every machine of the project (127.0.0.1:6379); REDIS_TEST_URL
names another server or database."""

import os

import pytest
from django.core.cache import cache
from django.db import transaction

from rounds import cache as page_cache
from rounds import services
from rounds.models import RoundStatus
from tests.factories import make_dialogue, make_round

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cached(cached):
    cached.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "diplotrack-test",
        }
    }
    cached.PAGE_CACHE_VERSION_IN_CACHE = True
    cache.clear()
    yield cached
    cache.clear()


def test_a_hit_makes_no_query_and_a_publish_shows_next(
    redis_cached, client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    dialogue = make_dialogue(slug="cuba-us-led")
    make_round(dialogue=dialogue, number=1, city="Havana")
    draft = make_round(dialogue=dialogue, number=2, city="Washington", status=RoundStatus.DRAFT)
    url = dialogue.get_absolute_url()
    first = client.get(url)
    assert "Washington" not in first.content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.round_publish(round=draft, by=None)
    assert cache.get(page_cache.VERSION_KEY) == page_cache.stored_version()
    assert "Washington" in client.get(url).content.decode()


def test_a_lost_mirror_is_read_again_from_the_database(redis_cached, client):
    dialogue = make_dialogue(slug="cuba-us-led")
    make_round(dialogue=dialogue, number=1)
    client.get(dialogue.get_absolute_url())
    cache.delete(page_cache.VERSION_KEY)  # evicted, or Redis restarted
    assert page_cache.current_version() == page_cache.stored_version()
    assert cache.get(page_cache.VERSION_KEY) == page_cache.stored_version()
