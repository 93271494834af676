"""Anti mail-bomb limits of the subscription form, counted in the cache.

Per client address (read as django-axes reads it, so DJANGO_PROXY_COUNT applies): at most
POSTS_PER_HOUR subscription requests an hour. Per target address: at most MAILS_PER_DAY
confirmation e-mails a day, whoever asks; the address is hashed in the cache key.
"""

from __future__ import annotations

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache

POSTS_PER_HOUR = 10
MAILS_PER_DAY = 3
HOUR, DAY = 3600, 86400


def _take(key: str, limit: int, window: int) -> bool:
    """Count one more use of `key` in its window; False once the limit is reached."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        count = 1
    return count <= limit


def take_post(request) -> bool:
    address = get_client_ip_address(request) or "unknown"
    return _take(f"alerts:post:{address}", POSTS_PER_HOUR, HOUR)


def take_mail(email: str) -> bool:
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return _take(f"alerts:mail:{digest}", MAILS_PER_DAY, DAY)
