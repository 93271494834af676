import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The API's throttle counts requests in the cache: start every test with none counted."""
    cache.clear()
    yield
    cache.clear()
