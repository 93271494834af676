from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from rounds.services import EDITORS, PUBLISHERS, setup_staff_groups

DEMO_PASSWORD = "diplotrack-demo"

# username -> (superuser?, group)
DEMO_STAFF = {
    "admin": (True, None),
    "editor": (False, EDITORS),
    "publisher": (False, PUBLISHERS),
}


class Command(BaseCommand):
    help = (
        "Create local demo staff logins for a demo run: 'admin' (superuser), 'editor' (Editors) "
        "and 'publisher' (Publishers), all with the password diplotrack-demo. "
        "Never run this on a public server."
    )

    def handle(self, *args, **options):
        setup_staff_groups()
        User = get_user_model()
        for username, (superuser, group_name) in DEMO_STAFF.items():
            user, created = User.objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": superuser}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            state = "created" if created else "already exists; password unchanged"
            role = "superuser" if superuser else group_name
            self.stdout.write(f"Local staff login: {username} / {DEMO_PASSWORD} ({role}; {state}).")
