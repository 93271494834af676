from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_PASSWORD = "diplotrack-demo"


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' for a demo run (password: diplotrack-demo). "
        "Never run this on a public server."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        state = "created" if created else "already exists; password unchanged"
        self.stdout.write(f"Local staff login: admin / {DEMO_PASSWORD} ({state}).")
