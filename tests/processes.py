"""Run this project's manage.py in a fresh process, with chosen environment variables."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(  # the caller checks the return code
        [sys.executable, "manage.py", *args],
        check=False,
        cwd=ROOT,
        env={**base, "DATABASE_URL": "sqlite:///:memory:", "DJANGO_ENV_FILE": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(**env: str) -> dict:
    """The settings a process started with these variables computes (DEBUG off)."""
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({name: "
        "getattr(s, name, None) for name in ['SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT', "
        "'AXES_IPWARE_PROXY_COUNT', 'AXES_IPWARE_META_PRECEDENCE_ORDER', 'IPWARE_STRICT']}))"
    )
    result = run_manage(
        "shell",
        "-v",
        "0",
        "-c",
        code,
        DJANGO_SECRET_KEY="k3y-" + "a1B2c3D4e5" * 6,
        DJANGO_ALLOWED_HOSTS="diplotrack.example.org",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])
