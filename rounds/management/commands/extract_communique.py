import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rounds.intake.extraction import MAX_BYTES, ExtractionError, Vocabulary, extract


class Command(BaseCommand):
    help = (
        "Print what a communiqué states (dialogue, round, dates, place, topics, delegations, "
        "heads, requests, agreements, statements) as one JSON object. Reads the database's "
        "vocabulary; writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a plain-text communiqué (UTF-8), English or Spanish")
        parser.add_argument(
            "--no-spans", action="store_true", help="leave out the character spans of each value"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_BYTES:
            raise CommandError(f"{path} is larger than 1 MB; a communiqué is a few pages.")
        raw = path.read_bytes()
        if b"\x00" in raw:
            raise CommandError(f"{path} looks binary (it contains NUL bytes), not a text file.")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})."
            ) from None
        try:
            extraction = extract(text, vocabulary=Vocabulary.current())
        except ExtractionError as exc:
            raise CommandError(f"{path}: {exc}") from None
        data = extraction.to_json()
        if options["no_spans"]:
            data.pop("spans", None)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
