"""Import dialogues and their rounds from the JSON format of docs/import-format.md.

The import is atomic (any error: nothing written, and the message names the record and field),
idempotent (records matched by natural keys, saved only when a value differs) and additive
(nothing is deleted).
"""

from typing import Any

from django.db import transaction

from rounds.models import derived
from rounds.services import round_touch

from .importer import FORMAT, Importer, ImportStats, ProgressCallback
from .values import ImportFailed, parse_partial_date

__all__ = ["FORMAT", "ImportFailed", "ImportStats", "import_rounds", "parse_partial_date"]


def import_rounds(data: Any, *, progress: ProgressCallback | None = None) -> ImportStats:
    """Validate and store a parsed import file in one transaction; raise ImportFailed on error."""
    importer = Importer(progress=progress)
    # Stored figures (round counts, request statuses) once at the end, not once per round.
    with transaction.atomic(), derived.stored_once():
        importer.run(data)
        # A round page open in the admin must not save over what the import changed.
        round_touch(round_ids=importer.changed_rounds - importer.created_rounds)
    return importer.stats
