"""Delete every alert subscription of an address (a deletion request sent to the operator).

Subscriptions are not in the admin, so no staff account can browse the addresses; the
subscriber's own unsubscribe link does the same for one alert.
"""

from django.core.management.base import BaseCommand

from rounds.alerts import services


class Command(BaseCommand):
    help = "Delete every e-mail alert subscription of an address, and what it was sent."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        count = services.forget_address(email)
        self.stdout.write(f"Deleted {count} subscription(s).")
