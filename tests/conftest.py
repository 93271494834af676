import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections, transaction
from django.utils import translation

REPLICA, SECOND_REPLICA = "replica1", "replica2"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Two read-replica aliases for the tests of rounds.replicas: TEST MIRRORs of `default`, so
    they read the same test database. Nothing routes to them unless DATABASE_REPLICAS names
    them."""
    for alias in (REPLICA, SECOND_REPLICA):
        if alias not in django_settings.DATABASES:
            replica = {**django_settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
            django_settings.DATABASES[alias] = replica
            configured = {**django_settings.DATABASES}
            connections.settings[alias] = connections.configure_settings(configured)[alias]


# Tests run between VACUUM ANALYZE of a PostgreSQL test database (see _vacuum_now_and_then).
VACUUM_EVERY = 100
_maintenance = {"blocker": None, "tests": 0}


@pytest.fixture(scope="session", autouse=True)
def _vacuum_now_and_then(django_db_setup, django_db_blocker):
    """Keep the PostgreSQL test database's statistics and free space as a server's autovacuum
    would (it is off on the CI machines): every test's rolled-back rows stay behind as dead
    rows, and without statistics the planner took seconds for queries over a few dozen
    rows late in the run. pytest_runtest_logfinish vacuums between tests."""
    _maintenance["blocker"] = django_db_blocker
    vacuum()
    yield
    _maintenance["blocker"] = None


@pytest.fixture(scope="session", autouse=True)
def _no_session_outlives_the_run(django_db_setup, django_db_blocker):
    """A live server's thread can still hold a connection when the run ends, and PostgreSQL
    then refuses to drop the test database ("being accessed by other users"): end every other
    session on it first (it runs before pytest-django drops the database)."""
    yield
    connection = connections["default"]
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def vacuum() -> None:
    connection = connections["default"]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return  # VACUUM cannot run inside a transaction (a class's demo data holds one)
    with _maintenance["blocker"].unblock(), connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    _maintenance["tests"] = 0


def pytest_runtest_logfinish(nodeid, location):
    _maintenance["tests"] += 1
    if _maintenance["blocker"] is not None and _maintenance["tests"] >= VACUUM_EVERY:
        vacuum()


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test starts with an empty cache (page cache, dataset flag): no test sees another's.

    The page cache (on in production and `make run`) is off here, so query budgets count the
    view's own queries; tests/cache/ turns it on.
    """
    settings.PAGE_CACHE = False
    cache.clear()
    yield
    cache.clear()


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
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
