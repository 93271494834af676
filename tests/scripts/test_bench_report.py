"""The page benchmark's pure helpers (scripts/bench/report.py): no server, no network."""

import importlib.util
import math
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

_PATH = Path(__file__).resolve().parents[2] / "scripts" / "bench" / "report.py"
_SPEC = importlib.util.spec_from_file_location("bench_report", _PATH)
report = sys.modules.setdefault("bench_report", importlib.util.module_from_spec(_SPEC))
_SPEC.loader.exec_module(report)

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8765/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    10.51ms    2.10ms  40.00ms   90.00%
  Latency Distribution
     50%  812.00us
     75%   11.00ms
     90%   12.00ms
     99%    1.20s
  3000 requests in 5.00s, 1.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:    600.25
Transfer/sec:    200.00KB
"""


@pytest.mark.parametrize(
    "url",
    [
        "postgres://root@127.0.0.1:5432/diplotrack",
        "postgres://root@127.0.0.1:5432/dt_main",
        "sqlite:////tmp/dt_bench.sqlite3",
    ],
)
def test_the_guard_refuses_any_database_but_a_postgresql_bench_one(url):
    with pytest.raises(ValueError):
        report.bench_database_name(url)


def test_the_guard_names_a_bench_database():
    assert report.bench_database_name("postgres://root@127.0.0.1/dt_bench_10k") == "dt_bench_10k"


def test_wrk_output_gives_rate_percentiles_in_ms_and_every_error():
    result = report.WrkResult.parse(WRK_OUTPUT)
    assert (result.rate, result.p50_ms, result.p99_ms, result.errors) == (600.25, 0.812, 1200, 7)


def test_wrk_output_without_a_rate_is_an_error():
    with pytest.raises(ValueError, match="no rate"):
        report.WrkResult.parse("unable to connect to 127.0.0.1:8765 Connection refused")


def test_ratio_and_percentile():
    assert report.ratio(50, 90, 110) == 0.5
    assert math.isnan(report.ratio(50, 0, 0))
    assert report.percentile([5, 1, 4, 2, 3], 0.5) == 3
    assert report.percentile(list(range(1, 101)), 0.99) == 99


def test_the_table_puts_both_modes_side_by_side_and_dashes_what_was_not_measured():
    wrk = report.WrkResult(rate=1000.0, p50_ms=2.0, p99_ms=9.5, errors=0)
    rows = [
        report.PageRow("home", "/", 5, 12.34, 20.0, {"uncached": (wrk, 0.4567)}, 24_321),
        report.PageRow("round", "/r/", None, None, None),
    ]
    lines = report.format_table(rows, ["uncached", "cached"]).splitlines()
    assert lines[0].startswith("| page | KB sent | queries | server p50 ms")
    assert "uncached ratio" in lines[0] and "cached p99 ms" in lines[0]
    assert lines[2] == (
        "| home `/` | 24.3 | 5 | 12.3 | 20.0 | 0.457 | 1000 | 2.0 | 9.5 | — | — | — | — |"
    )
    assert lines[3].count("—") == 12


def test_several_passes_keep_the_median_run_and_show_the_range():
    runs = [(0.9, "b"), (0.7, "a"), (1.1, "c"), (0.8, "d")]
    assert report.median_run(runs) == (0.8, "d")  # an even count: the lower middle
    wrk = report.WrkResult(rate=1000.0, p50_ms=2.0, p99_ms=9.5, errors=0)
    row = report.PageRow("home", "/", modes={"cached": (wrk, 0.8)})
    row.ratio_ranges["cached"] = (0.7, 1.1)
    assert "| 0.800 (0.70–1.10) | 1000 |" in report.format_table([row], ["cached"])


def test_the_time_a_target_allows_leaves_gunicorns_share_to_every_page():
    split = SimpleNamespace(total=40.0, database=10.0, queries=12, templates=9.0, python=21.0)
    table = report.format_breakdowns([("round", "/r/", 0.25, split)], 1.5, 2.0)
    # A worker spends 2.0 ms on the trivial view, 0.5 of it outside Django: a page at 0.25
    # of its rate may take 8.0 ms of a worker, 7.5 of them in Django.
    row = table.splitlines()[2]
    assert row == "| round `/r/` | 0.25 | 7.5 | 40.0 | 10.0 (12) | 9.0 | 21.0 |"
    # Without a load run, gunicorn's share is unknown and taken as zero.
    assert "| 6.0 |" in report.format_breakdowns([("round", "/r/", 0.25, split)], 1.5, None)


@pytest.mark.django_db  # (the page cache's ETag reads the data version)
def test_the_same_bytes_yardstick_sends_as_many_bytes_as_asked_and_no_more_than_its_limit(
    client, settings
):
    scripts = str(Path(__file__).resolve().parents[2] / "scripts")
    sys.path.insert(0, scripts)
    try:
        bench_urls = importlib.import_module("bench.urls")
        settings.ROOT_URLCONF = "bench.urls"
    finally:
        sys.path.remove(scripts)
    response = client.get("/__bench_bytes__/85000", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert len(response.content) == 85000
    assert response["Content-Encoding"] == "identity"  # never compressed on the way out
    too_long = bench_urls.SAME_BYTES_LIMIT + 1
    assert client.get(f"/__bench_bytes__/{too_long}").status_code == 404
