"""Send each confirmed subscription one digest of what is new for it (README "E-mail alerts").

Run it from cron, e.g. every 15 minutes. One e-mail per subscription (its unsubscribe link and
headers are that subscription's); unconfirmed subscriptions older than UNCONFIRMED_DAYS are
deleted first.
"""

from django.core.management.base import BaseCommand

from rounds.alerts import services
from rounds.models import Subscription


class Command(BaseCommand):
    help = "E-mail each confirmed subscriber the rounds and request updates new for them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be sent; send nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        if not dry_run:
            expired = services.delete_expired()
            if expired:
                self.stdout.write(f"Deleted {expired} unconfirmed subscription(s).")
        ids = list(Subscription.objects.confirmed().order_by("pk").values_list("pk", flat=True))
        sent = 0
        for pk in ids:
            if dry_run:
                self._describe(Subscription.objects.get(pk=pk))
                continue
            digest = services.send_digest(pk)
            if digest:
                sent += 1
        if not dry_run:
            self.stdout.write(f"Sent {sent} digest(s).")

    def _describe(self, subscription: Subscription) -> None:
        digest = services.pending_digest(subscription)
        if not digest:
            return
        self.stdout.write(
            f"Subscription {subscription.pk} ({subscription.kind}, {subscription.language}): "
            f"{len(digest.rounds)} round(s), {len(digest.updates)} request update(s)"
        )
        for round_ in digest.rounds:
            self.stdout.write(f"  round {round_.pk}: {round_}")
        for update in digest.updates:
            self.stdout.write(f"  request update {update.pk}: {update}")
