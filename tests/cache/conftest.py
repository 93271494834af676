"""The page cache's fixtures: the cache on (it is off for the rest of the suite)."""

import pytest

from rounds import cache as page_cache


@pytest.fixture
def cached(settings):
    """The page cache on, the data version in the database (locmem: the default)."""
    settings.PAGE_CACHE = True
    settings.PAGE_CACHE_VERSION_IN_CACHE = False
    return settings


@pytest.fixture
def token():
    """The data version's token now."""
    return lambda: page_cache.current_version().token
