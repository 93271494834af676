"""The database restarts or goes away: a friendly 503 with Retry-After, never a 500, and
persistent connections that died meanwhile are replaced without an error."""

from contextlib import contextmanager

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from rounds.models import Round
from tests.factories import make_round

pytestmark = pytest.mark.django_db(transaction=True)

ON_POSTGRES = connection.vendor == "postgresql"


def refuse(execute, sql, params, many, context):
    raise OperationalError("unable to open database file")


@contextmanager
def database_down():
    """Make the database unreachable, then bring it back.

    PostgreSQL: the connection really goes to a port where nothing listens. SQLite has no
    server, and its in-memory test database cannot be closed and reopened: every query fails
    as a file that cannot be opened does.
    """
    if not ON_POSTGRES:
        with connection.execute_wrapper(refuse):
            yield
        return
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")  # nothing listens there
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


def assert_unavailable(response):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "briefly unavailable" in page and "try again in a minute" in page
    assert "Traceback" not in page
    assert "'nonce-" in response["Content-Security-Policy"]  # its own <style> applies


def test_a_page_answers_503_with_retry_after_while_the_database_is_down(client):
    round_ = make_round()
    url = round_.get_absolute_url()
    assert client.get(url).status_code == 200
    with database_down():
        for page in [url, "/", "/rounds/?q=drugs", "/requests/", "/feeds/rounds/"]:
            assert_unavailable(client.get(page))
    assert client.get(url).status_code == 200  # back without a restart of the app


def test_the_admin_answers_503_too(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "a@example.org", "pw-12345678")
    client.force_login(user)
    with database_down():
        assert_unavailable(client.get("/admin/"))


class QueryingMiddleware:
    """A middleware that reads the database before any view runs (as sessions do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        Round.objects.exists()
        return self.get_response(request)


def test_a_failure_outside_any_view_is_a_503_too(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.test_resilience.QueryingMiddleware"]
    # As in production: the exception becomes the handler500 page instead of reaching us.
    client = Client(raise_request_exception=False)
    with database_down():
        assert_unavailable(client.get("/"))


def test_the_health_check_says_503_too(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "error"


# --- stale persistent connections --------------------------------------------------------------


def wsgi_get(path: str) -> int:
    """One request through the real WSGI handler, with its request_started/finished signals
    (the test client disconnects Django's connection housekeeping from them)."""
    environ = RequestFactory().get(path).environ
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    b"".join(body)
    body.close()  # request_finished
    return int(statuses[0].split()[0])


@pytest.fixture
def persistent_connections():
    saved = {key: connection.settings_dict[key] for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS")}
    connection.close()
    connection.settings_dict.update(CONN_MAX_AGE=600, CONN_HEALTH_CHECKS=True)
    yield connection.settings_dict
    connection.close()
    connection.settings_dict.update(saved)


def kill_backend_of_connection():
    """Terminate the server process behind Django's connection, as a database restart does."""
    pid = connection.connection.info.backend_pid
    other = connection.get_new_connection(connection.get_connection_params())  # a 2nd session
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


@pytest.mark.skipif(not ON_POSTGRES, reason="needs a database server whose sessions can die")
@pytest.mark.parametrize("health_checks", [True, False])
def test_a_connection_killed_between_requests_is_replaced_without_an_error(
    persistent_connections, health_checks
):
    persistent_connections["CONN_HEALTH_CHECKS"] = health_checks
    round_ = make_round()
    url = round_.get_absolute_url()
    assert wsgi_get(url) == 200
    first = connection.connection
    assert first is not None, "the connection persists between requests"
    kill_backend_of_connection()
    if health_checks:
        assert wsgi_get(url) == 200  # the dead connection was replaced first
        assert connection.connection is not first
    else:
        # Without the check the request finds the dead connection: a 503, never a 500, and
        # the connection is dropped so the next request works.
        assert wsgi_get(url) == 503
        assert wsgi_get(url) == 200
