import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import translation


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files without the collectstatic manifest, which tests do not build."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="class")
def demo_data(django_db_setup, django_db_blocker):
    """Load the real demo data once for a class of tests, in a transaction rolled back after it.

    Each test still runs in its own savepoint inside it (pytest-django's `db`), as Django's
    TestCase.setUpTestData does, so tests cannot see each other's changes.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _datasets_in_a_temporary_folder(settings, tmp_path_factory):
    """Dataset zips built by a test go to a temporary folder, never into the working tree."""
    settings.STORAGES = {
        **settings.STORAGES,
        "datasets": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("datasets"))},
        },
    }


@pytest.fixture(autouse=True)
def _english_to_start_with():
    """Each test starts in English: a request to a /es/ page leaves Spanish active in the
    thread (LocaleMiddleware activates a language per request and never resets it)."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
