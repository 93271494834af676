import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rounds.importing import ImportFailed, import_rounds

# Far above any real file (the demo data is 0.25 MB); a bigger one is a mistake to report, not
# a memory spike to suffer. Single texts have their own limits (rounds/models/limits.py).
MAX_FILE_BYTES = 50 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import dialogues and rounds from a JSON file (format: docs/import-format.md). "
        "Atomic and idempotent: on any error nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to the JSON file.")

    def handle(self, *args, file: Path, **options):
        stats = load_file(self, file, verbosity=options["verbosity"])
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Imported {file}.") + "\n" + stats.summary())


def load_file(command: BaseCommand, path: Path, *, verbosity: int = 1):
    """Parse and import one file, reporting progress on stderr and errors as CommandError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CommandError(
                f"{path}: the file is {size // (1024 * 1024)} MB; an import file may have at "
                f"most {MAX_FILE_BYTES // (1024 * 1024)} MB. Split it into several files. "
                "Nothing was imported."
            )
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot be read as UTF-8 text ({exc}).") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}. "
            "Nothing was imported."
        ) from None
    except RecursionError:
        raise CommandError(
            f"{path}: the JSON is nested far too deeply to be an import file (the format "
            "nests a few levels: dialogues, rounds, delegations, delegates). Nothing was "
            "imported."
        ) from None

    def progress(done: int, total: int, label: str) -> None:
        if verbosity >= 2 or (verbosity >= 1 and total >= 50 and done % max(total // 20, 1) == 0):
            command.stderr.write(f"  {done}/{total} rounds ({label})")

    try:
        return import_rounds(data, progress=progress)
    except ImportFailed as exc:
        raise CommandError(f"{path}: {exc} Nothing was imported.") from None
