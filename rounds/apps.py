from django.apps import AppConfig
from django.db.backends.signals import connection_created


class RoundsConfig(AppConfig):
    name = "rounds"
    verbose_name = "Dialogues and rounds"

    def ready(self) -> None:
        from . import backup
        from .search.sqlite import register_fold_on_sqlite

        # loaddata restores history without writing more of it (rounds/backup.py).
        backup.connect()

        # Every SQLite connection gets the fold() function the search fallback calls in SQL.
        connection_created.connect(register_fold_on_sqlite, dispatch_uid="diplotrack_fold")
