"""Server time and queries of each page with Django's test client, in this process, uncached."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

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


# Uncached ratio targets of issue 10 (docs/performance.md), by page label.
UNCACHED_TARGETS = {
    "round": 0.25,
    "home": 0.25,
    "search, topic": 0.15,
    "dialogue": 0.15,
    "search, rare word": 0.10,
    "search, common word": 0.05,
}


@dataclass
class Breakdown:
    """Where one uncached request's time goes, in ms (medians over the repeats)."""

    total: float
    # cursor.execute: planning, execution and the rows' transfer (rows a server-side cursor
    # fetches later, as the CSV export's, are not counted)
    database: float
    queries: int
    # Django template rendering, less the queries it runs; a lazy queryset a template
    # evaluates has its SQL built and its models made in here, not in `python`
    templates: float

    @property
    def python(self) -> float:
        """The rest: middleware, view, forms, building SQL and model instances."""
        return max(self.total - self.database - self.templates, 0.0)


def breakdown(path: str, repeat: int) -> Breakdown:
    """Time a page's requests with the database and template time measured apart (wall clock,
    no profiler: cProfile would double the Python share)."""
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    client = Client()
    spent = {"database": 0.0, "templates": 0.0, "queries": 0, "depth": 0}

    def timed_execute(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent["database"] += time.perf_counter() - started
            spent["queries"] += 1

    render = Template.render

    def timed_render(self, *args, **kwargs):
        spent["depth"] += 1
        started, database_before = time.perf_counter(), spent["database"]
        try:
            return render(self, *args, **kwargs)
        finally:
            spent["depth"] -= 1
            if not spent["depth"]:  # queries a template runs count as database time
                rendering = time.perf_counter() - started
                spent["templates"] += rendering - (spent["database"] - database_before)

    samples = []
    Template.render = timed_render
    try:
        with connection.execute_wrapper(timed_execute):
            for attempt in range(repeat + 2):
                spent.update(database=0.0, templates=0.0, queries=0)
                started = time.perf_counter()
                fetch(client, path)
                total = time.perf_counter() - started
                if attempt >= 2:  # two warm-ups
                    samples.append(
                        Breakdown(
                            total * 1000,
                            spent["database"] * 1000,
                            spent["queries"],
                            spent["templates"] * 1000,
                        )
                    )
    finally:
        Template.render = render
    return Breakdown(
        percentile([s.total for s in samples], 0.5),
        percentile([s.database for s in samples], 0.5),
        samples[-1].queries,
        percentile([s.templates for s in samples], 0.5),
    )


def slowest_queries(path: str, listed: int = 2) -> list[tuple[float, str, str]]:
    """EXPLAIN (ANALYZE, BUFFERS) of the page's `listed` slowest queries, each planned with the
    enable_seqscan the page ran it with (the facets count through the GIN index):
    (execution ms, the query's start, the plan)."""
    from django.db import connection, transaction
    from django.test import Client

    client = Client()
    fetch(client, path)
    ran = []

    def record(execute, sql, params, many, context):
        # WITH: the search's snippets query (rounds.search.postgres)
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            setting = connection.connection.execute("SHOW enable_seqscan").fetchone()[0]
            if (sql, params, setting) not in ran:
                ran.append((sql, params, setting))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        fetch(client, path)
    plans = []
    for sql, params, setting in ran:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL enable_seqscan = {setting}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        executed = re.search(r"Execution Time: ([\d.]+) ms", plan)
        note = " (enable_seqscan = off)" if setting == "off" else ""
        plans.append((float(executed.group(1)) if executed else 0.0, sql[:160] + note, plan))
    return sorted(plans, reverse=True)[:listed]
