"""Login throttling (README "Security"): the client's own address behind proxies, a limit per
username and address and one per address, and a cool-off instead of a permanent lock-out."""

import datetime
import http.client
import http.server
import re
import threading
import urllib.parse
from contextlib import contextmanager

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.processes import settings_of

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-42"
LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user():
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def one_proxy(settings):
    """The settings a deployment with DJANGO_PROXY_COUNT=1 computes (read from a fresh
    process, so the mapping from the variable is what is tested)."""
    computed = settings_of(DJANGO_PROXY_COUNT="1")
    for name in ("AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", "IPWARE_STRICT"):
        setattr(settings, name, computed[name])
    return computed


def log_in(client, username, password, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )


def test_behind_a_proxy_failures_count_for_the_client_not_for_the_proxy(
    client, admin_user, one_proxy
):
    # As the proxy forwards them: REMOTE_ADDR is the proxy, X-Forwarded-For the client.
    attacker = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "8.8.4.4"}
    for _ in range(4):
        assert log_in(client, "admin", "wrong", **attacker).status_code == 200
    assert log_in(client, "admin", "wrong", **attacker).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"8.8.4.4"}
    real = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9"}
    response = log_in(client, "admin", PASSWORD, **real)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_forged_x_forwarded_for_cannot_pick_the_address_that_is_counted(
    client, admin_user, one_proxy
):
    """A client's own X-Forwarded-For comes first; the proxy appends the real address."""
    forged = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9, 8.8.4.4"}
    for _ in range(5):
        log_in(client, "admin", "wrong", **forged)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"8.8.4.4"}
    real = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "9.9.9.9"}
    assert log_in(client, "admin", PASSWORD, **real).status_code == 302


def test_without_a_proxy_the_header_is_ignored(client, admin_user):
    forged = {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": "9.9.9.9"}
    for _ in range(5):
        log_in(client, "admin", "wrong", **forged)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    real = {"REMOTE_ADDR": "9.9.9.9"}
    assert log_in(client, "admin", PASSWORD, **real).status_code == 302


def test_one_address_guessing_many_usernames_is_throttled(client, admin_user, settings):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    here = {"REMOTE_ADDR": "203.0.113.5"}
    for n in range(limit - 1):
        assert log_in(client, f"user{n}", "wrong", **here).status_code == 200
    assert log_in(client, f"user{limit}", "wrong", **here).status_code == 429
    # Locked for every username from that address, even with the right password...
    assert log_in(client, "admin", PASSWORD, **here).status_code == 429
    # ...not from elsewhere...
    assert log_in(client, "admin", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    # ...and only for the cool-off.
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert log_in(client, "admin", PASSWORD, **here).status_code == 302


def test_failures_from_many_addresses_cannot_lock_a_user_out_at_their_own(client, admin_user):
    for n in range(30):
        log_in(client, "admin", "wrong", REMOTE_ADDR=f"198.51.100.{n + 1}")
    assert log_in(client, "admin", PASSWORD, REMOTE_ADDR="203.0.113.9").status_code == 302


def test_a_good_login_does_not_clear_the_count_of_its_address(client, admin_user, settings):
    """Else one valid account would let an insider guess at other accounts without end."""
    here = {"REMOTE_ADDR": "203.0.113.5"}
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        log_in(client, f"user{n}", "wrong", **here)
    assert log_in(client, "admin", PASSWORD, **here).status_code == 302
    client.logout()
    assert log_in(client, "someone", "wrong", **here).status_code == 429


# --- through a real reverse proxy ------------------------------------------------------------


class ForwardingHandler(http.server.BaseHTTPRequestHandler):
    """A reverse proxy in the way nginx is usually set up: it forwards to the app and appends
    the address it received the request from to X-Forwarded-For."""

    upstream: tuple[str, int]

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() != "x-forwarded-for"}
        chain = [self.headers.get("X-Forwarded-For"), self.client_address[0]]
        headers["X-Forwarded-For"] = ", ".join(part for part in chain if part)
        upstream = http.client.HTTPConnection(*self.upstream, timeout=30)
        upstream.request(self.command, self.path, body=body, headers=headers)
        answer = upstream.getresponse()
        content = answer.read()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)
        upstream.close()

    do_GET = do_POST = forward

    def log_message(self, format, *args):  # noqa: A002 - keep the test output quiet
        pass


@contextmanager
def reverse_proxy(live_server):
    target = urllib.parse.urlsplit(live_server.url)
    handler = type("Handler", (ForwardingHandler,), {"upstream": (target.hostname, target.port)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """A client at its own loopback address (127.0.0.x) that keeps cookies, like a browser."""

    def __init__(self, proxy: tuple[str, int], address: str):
        self.proxy, self.address, self.cookies = proxy, address, {}

    def request(self, method: str, path: str, body: str | None = None, **headers):
        connection = http.client.HTTPConnection(*self.proxy, source_address=(self.address, 0))
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers = {**headers, **({"Cookie": cookie} if cookie else {})}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";")[0]
        connection.close()
        return response.status, content

    def log_in(self, username: str, password: str, **headers) -> int:
        _, page = self.request("GET", LOGIN)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        status, _ = self.request("POST", LOGIN, form, **headers)
        return status


@pytest.mark.django_db(transaction=True)
def test_through_a_real_reverse_proxy_an_attacker_cannot_lock_the_admin_out(
    live_server, admin_user, one_proxy
):
    with reverse_proxy(live_server) as proxy:
        attacker = Browser(proxy, "127.0.0.3")
        for _ in range(5):
            # Forging the admin's address does not help: the proxy appends the real one.
            attacker.log_in("admin", "wrong", **{"X-Forwarded-For": "127.0.0.2"})
        assert attacker.log_in("admin", PASSWORD) == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.3"}
        assert Browser(proxy, "127.0.0.2").log_in("admin", PASSWORD) == 302
