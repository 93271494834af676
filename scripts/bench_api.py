"""Benchmark the API's round list and its pagination on synthetic data (not a test).

    .venv/bin/python scripts/bench_api.py --sizes 10000 100000 \
        --database-url postgres://root@127.0.0.1:5432/diplotrack_bench

Uses the search benchmark's database and synthetic rounds (scripts/bench_search.py: a separate
PostgreSQL database whose name must contain "bench"), then measures in-process the server time
of /api/v1/rounds/ for the first, a middle and the last page (page-number pagination: one
COUNT and one OFFSET read per page), with and without filters.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_search  # noqa: E402 - a sibling script, found through sys.path

PAGE_SIZE = 100


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    rows = []
    for label, query in [("no filter", ""), ("topic", "topic=cybercrime"), ("q", "q=extradition")]:
        first = client.get(f"/api/v1/rounds/?{query}&page_size={PAGE_SIZE}").json()
        last_page = max(1, -(-first["count"] // PAGE_SIZE))
        for where, page in [("first", 1), ("middle", max(1, last_page // 2)), ("last", last_page)]:
            timings = []
            for _ in range(repeat):
                cache.clear()  # no throttling in a benchmark
                started = time.perf_counter()
                response = client.get(f"/api/v1/rounds/?{query}&page_size={PAGE_SIZE}&page={page}")
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.status_code
            p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
            rows.append(
                (f"{label}, {where} page ({page})", statistics.median(timings), p95, first["count"])
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", bench_search.DEFAULT_URL),
    )
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    bench_search.configure(args.database_url)
    bench_search.create_database(args.database_url, False)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    for size in sorted(args.sizes):
        print(f"\n== N = {size} synthetic rounds, {PAGE_SIZE} a page")
        bench_search.top_up(size, rng)
        print(f"{'request':34} {'median ms':>10} {'p95 ms':>8} {'count':>8}")
        for label, median, p95, count in measure(args.repeat):
            print(f"{label:34} {median:10.1f} {p95:8.1f} {count:8}")


if __name__ == "__main__":
    main()
