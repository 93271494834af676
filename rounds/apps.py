from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Dialogues and rounds"

    def ready(self) -> None:
        from . import backup
        from .cache import bump_on_write
        from .dataset.releases import mark_stale
        from .models import derived
        from .search.sqlite import register_fold_on_sqlite

        # First of all receivers: a write inside a transaction takes the stored figures' lock
        # before any row lock, so writers never wait for each other in a circle.
        derived.connect_lock()
        # loaddata restores history without writing more of it (rounds/backup.py).
        backup.connect()

        # Every SQLite connection gets the fold() function the search fallback calls in SQL.
        connection_created.connect(register_fold_on_sqlite, dispatch_uid="diplotrack_fold")
        # Any write to the record (admin, intake, import, services, shell) marks the dataset
        # stale, so /data/ rebuilds it if the public part changed (dataset.releases).
        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(mark_stale, dispatch_uid=f"diplotrack_dataset_stale_{name}")
        # ... and moves the data version the page cache keys on (rounds.cache): the next
        # request, in every worker, renders the change. Bulk writers call cache.bump() too.
        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(bump_on_write, dispatch_uid=f"diplotrack_page_cache_{name}")
        # Figures public pages read on every request are stored (a request's public status,
        # a dialogue's and a topic's round counts); receivers keep them true after each write.
        derived.connect()
