"""Test-run environment: production-like settings (DEBUG off) with test-only secrets.

Loaded by pytest before Django reads its settings, so the settings module's fail-fast checks
see these values. Real deployments set the same variables in their environment.
"""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef"
)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_HTTPS", "0")
# Live-server (browser) tests share the database with the test process: no persistent
# connections, so the test database can be dropped cleanly at the end.
os.environ.setdefault("DJANGO_CONN_MAX_AGE", "0")
