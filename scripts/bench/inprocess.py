"""Server time and queries of each page with Django's test client, in this process, uncached."""

from __future__ import annotations

import time

from .report import percentile


def fetch(client, path: str):
    """GET a page and read it whole (a streamed export runs its queries while it streams)."""
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def measure(path: str, repeat: int) -> tuple[int, int, float, float]:
    """Return (status, queries, p50 ms, p99 ms) over `repeat` requests after two warm-ups."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    for _ in range(2):
        status, _ = fetch(client, path)
    with CaptureQueriesContext(connection) as captured:
        status, _ = fetch(client, path)
        queries = len(captured)  # now: the next request resets the connection's query log
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        fetch(client, path)
        timings.append((time.perf_counter() - started) * 1000)
    return status, queries, percentile(timings, 0.5), percentile(timings, 0.99)


def explain(path_query: str) -> str:
    """EXPLAIN (ANALYZE, BUFFERS) of the round search behind a /rounds/ query string."""
    from django.db import connection
    from django.http import QueryDict

    from rounds.search.filters import RoundFilter

    qs = RoundFilter(QueryDict(path_query)).qs
    sql, params = qs.order_by("-start_date")[:20].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())
