"""Benchmark the API's round list and its pagination on synthetic data (not a test).

    .venv/bin/python scripts/bench_api.py --rounds 100000

Uses the page benchmark's database (scripts/bench_pages.py, scripts/bench/data.py: a separate
PostgreSQL database whose name must contain "bench", built if missing), then measures
in-process the server time of /api/v1/rounds/ for the first, a middle and the last page
(page-number pagination: one COUNT and one OFFSET read per page), with and without filters.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import data, report, server  # noqa: E402 - scripts/ is not a package

PAGE_SIZE = 100


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    from django.test import Client

    client = Client()
    rows = []
    for label, query in [("no filter", ""), ("topic", "topic=cybercrime"), ("q", "q=extradition")]:
        first = client.get(f"/api/v1/rounds/?{query}&page_size={PAGE_SIZE}").json()
        last_page = max(1, -(-first["count"] // PAGE_SIZE))
        for where, page in [("first", 1), ("middle", max(1, last_page // 2)), ("last", last_page)]:
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(f"/api/v1/rounds/?{query}&page_size={PAGE_SIZE}&page={page}")
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            rows.append(
                (
                    f"{label}, {where} page ({page})",
                    statistics.median(timings),
                    report.percentile(timings, 0.95),
                    first["count"],
                )
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database-url", help="default that of scripts/bench_pages.py")
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    url = args.database_url or f"postgres://root@127.0.0.1:5432/dt_bench_{args.rounds // 1000}k"
    try:
        name = report.bench_database_name(url)
    except ValueError as error:
        sys.exit(str(error))
    os.environ.update(server.production_environment(url, os.environ.get("REDIS_URL", "")))
    data.prepare(url, name, args.rounds, args.seed)
    print(f"\n== {args.rounds} synthetic rounds, {PAGE_SIZE} a page")
    print(f"{'request':34} {'median ms':>10} {'p95 ms':>8} {'count':>8}")
    for label, median, p95, count in measure(args.repeat):
        print(f"{label:34} {median:10.1f} {p95:8.1f} {count:8}")


if __name__ == "__main__":
    main()
