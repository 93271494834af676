"""Response headers and what the app trusts from a request: CSP, Permissions-Policy,
X-Forwarded-Proto, bad Host headers. Login throttling: tests/admin/test_login_throttling.py."""

import io
import logging

import pytest
from django.test import Client

from tests.factories import make_round
from tests.processes import settings_of

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_public_pages_get_a_strict_policy_without_any_script(client):
    round_ = make_round()
    for url in ["/", round_.get_absolute_url(), "/rounds/?q=x", "/feeds/rounds/", "/healthz"]:
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == ["'none'"], url
        assert policy["script-src"] == ["'none'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert not any("unsafe" in value for values in policy.values() for value in values)


def test_the_admin_may_run_its_own_scripts_but_no_inline_ones(client):
    policy = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_every_response_refuses_powerful_browser_features(client):
    header = client.get("/")["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in header.split(","))
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert features[feature] == "()"


def test_a_self_contained_error_page_styles_itself_with_the_nonce_of_its_policy():
    response = Client(HTTP_HOST="unknown.example").get("/")
    assert response.status_code == 400
    nonce = directives(response["Content-Security-Policy"])["style-src"][1]
    assert nonce.startswith("'nonce-")
    assert f'<style nonce="{nonce[7:-1]}">' in response.content.decode()


def test_x_forwarded_proto_is_trusted_only_when_a_proxy_is_configured():
    direct = settings_of(DJANGO_HTTPS="1")
    assert direct["SECURE_SSL_REDIRECT"] is True
    assert direct["SECURE_PROXY_SSL_HEADER"] is None
    assert direct["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]  # axes' default
    proxied = settings_of(DJANGO_HTTPS="1", DJANGO_PROXY_COUNT="1")
    assert proxied["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_plain_http_with_a_forged_proto_header_is_still_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None  # what the settings compute without a proxy
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a proxy
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


@pytest.fixture
def disallowed_host_log():
    """What the configured log handler of django.security.DisallowedHost writes."""
    logger = logging.getLogger("django.security.DisallowedHost")
    stream = io.StringIO()
    saved = [
        (handler, handler.setStream(stream))
        for handler in logger.handlers
        if type(handler) is logging.StreamHandler  # not pytest's own capturing handlers
    ]
    assert saved, "the logger has its own handler (settings.LOGGING)"
    yield stream
    for handler, old in saved:
        handler.setStream(old)


def test_a_bad_host_header_is_one_log_line_not_a_traceback(disallowed_host_log):
    client = Client(HTTP_HOST="attacker.example")
    for _ in range(3):
        assert client.get("/").status_code == 400
    lines = disallowed_host_log.getvalue().splitlines()
    assert len(lines) == 3
    assert all("Invalid HTTP_HOST header: 'attacker.example'" in line for line in lines)
    assert "Traceback" not in disallowed_host_log.getvalue()
