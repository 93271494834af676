"""Loading a backup (manage.py loaddata, README "Backups") restores the data as it was.

- History: Django's loaddata saves each object "raw"; django-simple-history skips its
  post_save record then, but not the m2m_changed one, so setting a round's topics or a
  delegation's ministries from the file wrote one new historical row per object on top of
  the historical rows the file restores. PostgreSQL then stopped on a duplicate history_id
  (rounds_historicalround_pkey); SQLite ended with extra rows. Raw saves now write no history.
- Search vectors (PostgreSQL): triggers compute a round's from its dialogue, topics and
  records, which loaddata may insert after the round; once the load commits, every round's
  vector is computed again from the restored rows.
"""

from django.db import connections, transaction
from django.db.models.signals import pre_save

_refresh_pending: set[str] = set()


def on_raw_save(sender, instance, raw=False, using="default", **kwargs) -> None:
    if not raw:
        return
    # simple-history's own flag: no historical record for this instance's save and m2m sets.
    instance.skip_history_when_saving = True
    if using not in _refresh_pending and connections[using].vendor == "postgresql":
        _refresh_pending.add(using)
        transaction.on_commit(lambda: refresh_search_vectors(using), using=using)


def refresh_search_vectors(using: str) -> None:
    """Recompute every round's search vector (an UPDATE fires the round's trigger)."""
    _refresh_pending.discard(using)
    with connections[using].cursor() as cursor:
        cursor.execute("UPDATE rounds_round SET search_vector = NULL")


def connect() -> None:
    pre_save.connect(on_raw_save, dispatch_uid="diplotrack_raw_saves")
