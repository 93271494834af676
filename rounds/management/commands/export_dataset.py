import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rounds.dataset import releases


class Command(BaseCommand):
    help = (
        "Build the dataset zip of the public record (/data/) if the record changed since the "
        "latest version, and print where it is. Safe to run from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Build a new version even if nothing changed."
        )
        parser.add_argument("--output", type=Path, help="Also copy the zip to this path.")
        parser.add_argument(
            "--site-url", default="", help="The site's address, for datapackage.json."
        )

    def handle(self, *args, force: bool, output: Path | None, site_url: str, **options):
        before = releases.latest()
        release = releases.refresh(site_url=site_url, force=force)
        if release is None:
            raise CommandError("Another build is running; try again when it has finished.")
        if output is not None:
            with releases.open_file(release) as source, output.open("wb") as target:
                shutil.copyfileobj(source, target)
        fresh = before is None or release.pk != before.pk
        verb = "Built" if fresh else "Unchanged:"
        self.stdout.write(
            f"{verb} version {release.version} ({release.filename}, {release.size} bytes)"
            + (f", copied to {output}" if output else "")
            + "."
        )
