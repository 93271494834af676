"""The data version: what the page cache keys its entries on (rounds.cache)."""

from django.db import models


class DataVersion(models.Model):
    """One row: a token that changes with every write to the public record (rounds.cache).

    Kept in the database so every worker of every host sees a change on its next request,
    whatever the cache backend (a per-process cache could not say so).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
