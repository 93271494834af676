"""Load benchmark of every public page type against a trivial view (docs/performance.md).

    .venv/bin/python scripts/bench_pages.py --rounds 10000     # 1000 | 10000 | 100000
    .venv/bin/python scripts/bench_pages.py --quick            # 1k rounds, short runs: a check

Builds (once; again with --rebuild or when the size differs) a clearly synthetic PostgreSQL
database whose name must contain "bench" (default dt_bench_<N>), serves it with gunicorn as
production does (2 workers, DEBUG off, the production settings plus one trivial URL), and for
each page runs wrk against the trivial view and the page in turn, uncached
(DJANGO_PAGE_CACHE=0) and cached (REDIS_URL set). Prints ratio to the trivial view, req/s,
p50/p99 latency, queries per page and in-process server time (Django test client, uncached),
and the rows/s of a streamed CSV export. Exits non-zero when any response is not a 200.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import data, inprocess, report, server  # noqa: E402 - scripts/ is not a package

TRIVIAL = "/__bench_trivial__"
SAME_BYTES = "/__bench_bytes__/"
SAME_BYTES_LABEL = "trivial view, as many bytes as the largest page"
MODES = {"uncached": "0", "cached": "1"}
CSV_DOWNLOADS = 5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rounds", type=int, default=10000, help="synthetic rounds (default 10000)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="1k rounds, 2 s runs: check the script"
    )
    parser.add_argument(
        "--database-url", help="default postgres://root@127.0.0.1:5432/dt_bench_<N>"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the database even if it fits"
    )
    parser.add_argument("--build-only", action="store_true", help="build the database and stop")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--duration", type=float, default=5, help="seconds per wrk run (default 5)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument(
        "--accept-encoding",
        default=server.BROWSER_ACCEPT_ENCODING,
        help="wrk's Accept-Encoding header (default: what browsers send, "
        f"{server.BROWSER_ACCEPT_ENCODING!r}; '' for none, every body sent uncompressed)",
    )
    parser.add_argument("--repeat", type=int, default=30, help="in-process requests per page")
    parser.add_argument(
        "--passes",
        type=int,
        default=1,
        help="walk every page this many times; each keeps its median ratio (default 1)",
    )
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print where the time of each page with an uncached target goes (database, "
        "templates, other Python) and EXPLAIN (ANALYZE, BUFFERS) of its slowest queries",
    )
    parser.add_argument("--output", type=Path, help="also write the Markdown table to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.duration, args.repeat = 1000, 2, 5
    args.database_url = (
        args.database_url or f"postgres://root@127.0.0.1:5432/dt_bench_{args.rounds // 1000}k"
    )
    return args


def pages() -> list[tuple[str, str]]:
    """Each public page type, on the synthetic data."""
    from rounds.models import CooperationRequest, Country, Dialogue, Ministry, Round

    big = Dialogue.objects.get(slug="synthetic-bench-1")
    round_ = (
        Round.objects.published()
        .filter(dialogue=big)
        .order_by("number")[Round.objects.published().filter(dialogue=big).count() // 2]
    )
    country = Country.objects.public().order_by("code").first()
    ministry = Ministry.objects.in_published_rounds().order_by("slug").first()
    request = CooperationRequest.objects.public().order_by("pk").first()
    from rounds.sitemaps import RoundSitemap

    last_sitemap_page = RoundSitemap().paginator.num_pages
    combined = (
        "q=trafficking&topic=drug-trafficking&country=" + country.code + "&date_from=2000-01-01"
    )
    return [
        ("trivial view", TRIVIAL),
        ("home", "/"),
        ("round", round_.get_absolute_url()),
        (f"dialogue ({big.rounds.count()} rounds)", big.get_absolute_url()),
        ("dialogue list", "/dialogues/"),
        ("search, plain", "/rounds/"),
        ("search, topic", "/rounds/?topic=cybercrime"),
        ("search, rare word", f"/rounds/?q={data.RARE_WORD}"),
        ("search, common word", f"/rounds/?q={data.COMMON_WORD}"),
        ("search, combined", f"/rounds/?{combined}"),
        ("topic", "/topics/cybercrime/"),
        ("ministry", ministry.get_absolute_url()),
        ("country", country.get_absolute_url()),
        ("requests", "/requests/"),
        ("request", request.get_absolute_url()),
        ("feed", "/feeds/rounds/"),
        ("iCal", f"/dialogues/{big.slug}/calendar.ics"),
        ("CSV export, rare word", f"/rounds/export.csv?q={data.RARE_WORD}"),
        ("CSV export, one dialogue", f"/rounds/export.csv?dialogue={big.slug}"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap, last page of rounds", f"/sitemap-rounds.xml?p={last_sitemap_page}"),
        ("API round list", "/api/v1/rounds/"),
    ]


def measure_in_process(rows: list[report.PageRow], repeat: int) -> list[str]:
    errors = []
    for row in rows:
        status, row.queries, row.server_p50_ms, row.server_p99_ms = inprocess.measure(
            row.path, repeat
        )
        print(f"  {row.label}: {status}, {row.queries} queries, p50 {row.server_p50_ms:.1f} ms")
        if status != 200:
            errors.append(f"{row.path}: {status} in-process")
    return errors


def measure_load(rows: list[report.PageRow], args, env: dict[str, str], mode: str) -> list[str]:
    """wrk: trivial, page, trivial, page, ... so each page has a baseline on either side."""
    errors = []
    with server.gunicorn({**env, "DJANGO_PAGE_CACHE": MODES[mode]}, args.port) as base:
        for row in rows:
            status = server.status_of(base + row.path)
            if status != 200:
                errors.append(f"{row.path}: {status} ({mode})")
        if errors:
            return errors
        add_same_bytes_row(rows, base, args.accept_encoding)

        def run(path: str) -> report.WrkResult:
            return server.wrk(
                base + path, args.duration, args.connections, accept_encoding=args.accept_encoding
            )

        # Each pass walks every page between two runs of the trivial view; with several
        # passes a page keeps the run of its median ratio (one 5-second run on two shared
        # cores moves by up to ±0.15).
        runs: dict[str, list[tuple[float, report.WrkResult]]] = {row.path: [] for row in rows}
        for number in range(1, args.passes + 1):
            trivial = run(TRIVIAL)
            for row in rows:
                page = run(row.path) if row.path != TRIVIAL else trivial
                after = run(TRIVIAL)
                page_ratio = report.ratio(page.rate, trivial.rate, after.rate)
                runs[row.path].append((page_ratio, page))
                print(
                    f"  {mode} pass {number} {row.label}: {page.rate:.0f} req/s, "
                    f"ratio {page_ratio:.3f}"
                )
                if page.errors:
                    errors.append(f"{row.path}: {page.errors} errors under load ({mode})")
                trivial = after
        for row in rows:
            median_ratio, page = report.median_run(runs[row.path])
            row.modes[mode] = (page, median_ratio)
            ratios = [page_ratio for page_ratio, _page in runs[row.path]]
            row.ratio_ranges[mode] = (min(ratios), max(ratios))
        if mode == "uncached":
            # One download swings by a third between runs on a shared machine: the median of
            # CSV_DOWNLOADS, and their range.
            downloads = [
                server.stream_rows(base + "/rounds/export.csv?topic=cybercrime")
                for _ in range(CSV_DOWNLOADS)
            ]
            lines = downloads[0][0]
            if any(count != lines for count, _seconds in downloads):
                errors.append(f"CSV export: the downloads differ in rows {downloads}")
            rates = sorted(count / seconds for count, seconds in downloads)
            print(
                f"\nCSV export ?topic=cybercrime: {lines} rows, {statistics.median(rates):.0f} "
                f"rows/s streamed (median of {CSV_DOWNLOADS} downloads; "
                f"{rates[0]:.0f}–{rates[-1]:.0f})"
            )
    return errors


def add_same_bytes_row(rows: list[report.PageRow], base: str, accept_encoding: str) -> None:
    """Measure what each page sends, and add (once, after the trivial view) a trivial view
    that sends as many bytes as the largest page: no page of that size can be faster."""
    if any(row.label == SAME_BYTES_LABEL for row in rows):
        return
    whole = []  # (not a streamed export: the page cache keeps no stream)
    for row in rows:
        row.sent_bytes, streamed = server.body_size(base + row.path, accept_encoding)
        if not streamed:
            whole.append(row.sent_bytes)
    largest = max(whole)
    control = report.PageRow(SAME_BYTES_LABEL, f"{SAME_BYTES}{largest}", sent_bytes=largest)
    rows.insert(1, control)


def compare_with_same_bytes(rows: list[report.PageRow], modes: list[str]) -> str:
    """The largest page's ratio beside that of the trivial view sending its bytes."""
    control = next((row for row in rows if row.label == SAME_BYTES_LABEL), None)
    if control is None:
        return ""
    page = next(r for r in rows if r.sent_bytes == control.sent_bytes and r is not control)
    lines = []
    for mode in modes:
        if mode in page.modes and mode in control.modes:
            page_ratio, control_ratio = page.modes[mode][1], control.modes[mode][1]
            lines.append(
                f"{mode}: {page.label} {page_ratio:.3f} of the trivial view; the trivial view "
                f"sending its {control.sent_bytes / 1000:.0f} KB {control_ratio:.3f}, so the "
                f"page reaches {page_ratio / control_ratio:.2f} of what its size allows"
            )
    return "\n".join(lines)


def explain(rows: list[report.PageRow], repeat: int) -> None:
    """Why the uncached targets are met or missed: each targeted page's time split, and the
    plans of its slowest queries."""
    trivial = rows[0]
    uncached = trivial.modes.get("uncached")
    worker_ms = server.WORKERS * 1000 / uncached[0].rate if uncached else None
    targeted = []
    for row in rows:
        # "dialogue (600 rounds)" is the dialogue page; "dialogue list" is not.
        target = next(
            (
                t
                for name, t in inprocess.UNCACHED_TARGETS.items()
                if row.label == name or row.label.startswith(f"{name} (")
            ),
            None,
        )
        if target is not None:
            targeted.append((row.label, row.path, target, inprocess.breakdown(row.path, repeat)))
    trivial_ms = inprocess.breakdown(trivial.path, repeat).total
    print(
        f"\nWhere the uncached time goes (median of {repeat} in-process requests; the trivial "
        f"view {trivial_ms:.1f} ms in Django"
        + (f", {worker_ms:.1f} ms a request of a worker under load):" if worker_ms else "):")
    )
    print(report.format_breakdowns(targeted, trivial_ms, worker_ms))
    for label, path, _target, _split in targeted:
        for executed, start, plan in inprocess.slowest_queries(path):
            print(f"\n{label} `{path}`: {executed:.1f} ms\n{start} ...\n{plan}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        name = report.bench_database_name(args.database_url)
    except ValueError as error:
        sys.exit(str(error))
    env = server.production_environment(args.database_url, args.redis_url)
    os.environ.update(env)
    data.prepare(args.database_url, name, args.rounds, args.seed, rebuild=args.rebuild)
    if args.build_only:
        return 0
    rows = [report.PageRow(label, path) for label, path in pages()]
    print(f"\nIn-process, uncached ({args.repeat} requests a page):")
    errors = measure_in_process(rows, args.repeat)
    for mode in args.modes:
        print(
            f"\nLoad, {mode} (wrk -t2 -c{args.connections} -d{args.duration}s, "
            f"Accept-Encoding: {args.accept_encoding or 'none'}):"
        )
        errors += measure_load(rows, args, env, mode)
    table = report.format_table(rows, [m for m in MODES if m in args.modes])
    print(
        f"\n{args.rounds} rounds, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n\n{table}"
    )
    if same_bytes := compare_with_same_bytes(rows, args.modes):
        print(f"\n{same_bytes}")
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    if args.explain:
        explain(rows, args.repeat)
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
