from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from .import_rounds import load_file

DEMO_FILE = Path(settings.BASE_DIR) / "data" / "demo.json"


class Command(BaseCommand):
    help = "Load the demo data (data/demo.json): real, sourced dialogues and rounds."

    def handle(self, *args, **options):
        stats = load_file(self, DEMO_FILE, verbosity=options["verbosity"])
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS("Demo data loaded.") + "\n" + stats.summary())
