from django.core.management.base import BaseCommand

from rounds.services import setup_staff_groups


class Command(BaseCommand):
    help = "Create or refresh the Editors and Publishers groups and their permissions."

    def handle(self, *args, **options):
        for group in setup_staff_groups():
            count = group.permissions.count()
            self.stdout.write(f"Group “{group.name}”: {count} permissions.")
