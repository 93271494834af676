"""gunicorn as production runs it (2 workers, DEBUG off) and wrk against it."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .report import WrkResult

ROOT = Path(__file__).resolve().parents[2]


def production_environment(database_url: str, redis_url: str) -> dict[str, str]:
    """The production configuration, from the environment as production sets it, page cache off."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_ENV_FILE": "",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_HTTPS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # The API's per-address throttle would answer 429 to a load generator on one address.
        "DJANGO_API_RATE": "100000000/minute",
        "DJANGO_PAGE_CACHE": "0",
    }


WORKERS = 2


@contextlib.contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int = WORKERS):
    """Serve diplotrack.wsgi (with the bench settings' trivial URL) until the block ends."""
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "diplotrack.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--pythonpath",
        str(ROOT / "scripts"),
        "--timeout",
        "120",
        "--log-level",
        "warning",
        "--no-control-socket",  # its default path is shared by every gunicorn on the machine
    ]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    try:
        wait_ready(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_ready(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited ({process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def body_size(url: str, accept_encoding: str) -> tuple[int, bool]:
    """The bytes of a response's body as sent (compressed if the server compressed it), and
    whether it was streamed (chunked: the page cache keeps no stream)."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=120) as r:
        chunked = r.headers.get("Transfer-Encoding", "").lower() == "chunked"
        return len(r.read()), chunked  # urllib does not decompress


# What a browser asks for; the benchmark sends it with every request unless told otherwise.
BROWSER_ACCEPT_ENCODING = "gzip, deflate, br"


def wrk(
    url: str,
    seconds: float,
    connections: int = 8,
    threads: int = 2,
    accept_encoding: str = BROWSER_ACCEPT_ENCODING,
) -> WrkResult:
    """Run wrk once the server is idle (one request waits behind any backlog of the last run)."""
    status_of(url)
    headers = ["-H", f"Accept-Encoding: {accept_encoding}"] if accept_encoding else []
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds:g}s",  # wrk refuses "3.0s"
            "--latency",
            "--timeout",
            "60s",
            *headers,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return WrkResult.parse(output)


def stream_rows(url: str) -> tuple[int, float]:
    """Download a CSV export through the server: (data rows, seconds)."""
    started = time.perf_counter()
    lines = 0
    with urllib.request.urlopen(url, timeout=600) as response:
        for _ in response:
            lines += 1
    return max(0, lines - 1), time.perf_counter() - started
