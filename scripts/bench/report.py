"""Pure helpers of the benchmark: no Django, no database, no network (tests/scripts/)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_WRK_RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_WRK_SOCKET = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_WRK_PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def bench_database_name(database_url: str) -> str:
    """Return the database name of a PostgreSQL URL, refusing any whose name lacks 'bench'.

    The benchmark drops and rebuilds its database: the guard keeps it away from real data.
    """
    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(
            f"The benchmark needs a PostgreSQL URL, not {parts.scheme or database_url!r}."
        )
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise ValueError(f"Refusing database {name!r}: its name must contain 'bench'.")
    return name


@dataclass
class WrkResult:
    rate: float  # requests per second
    p50_ms: float
    p99_ms: float
    errors: int  # non-2xx/3xx responses and socket errors

    @classmethod
    def parse(cls, output: str) -> WrkResult:
        """Read `wrk --latency` output; a missing rate is an error, not a zero."""
        rate = _WRK_RATE.search(output)
        if rate is None:
            raise ValueError(f"wrk printed no rate:\n{output}")
        percentiles = {p: float(v) * _UNIT_MS[u] for p, v, u in _WRK_PERCENTILE.findall(output)}
        errors = sum(int(n) for n in _WRK_NON_2XX.findall(output))
        socket = _WRK_SOCKET.search(output)
        if socket:
            errors += sum(int(n) for n in socket.groups())
        return cls(
            float(rate.group(1)),
            percentiles.get("50", math.nan),
            percentiles.get("99", math.nan),
            errors,
        )


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (0 < fraction <= 1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def ratio(rate: float, trivial_before: float, trivial_after: float) -> float:
    """A page's rate over the trivial view's, measured just before and just after it."""
    baseline = (trivial_before + trivial_after) / 2
    return rate / baseline if baseline else math.nan


@dataclass
class PageRow:
    label: str
    path: str
    queries: int | None = None
    server_p50_ms: float | None = None
    server_p99_ms: float | None = None
    modes: dict[str, tuple[WrkResult, float]] = field(default_factory=dict)  # mode: (wrk, ratio)
    sent_bytes: int | None = None  # the body on the wire, with the benchmark's Accept-Encoding
    ratio_ranges: dict[str, tuple[float, float]] = field(default_factory=dict)  # over passes


def median_run(runs: list[tuple[float, WrkResult]]) -> tuple[float, WrkResult]:
    """The (ratio, run) of the median ratio; of an even number, the lower middle one."""
    ordered = sorted(runs, key=lambda item: item[0])
    return ordered[(len(ordered) - 1) // 2]


def _cell(value: float | int | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def format_table(rows: list[PageRow], modes: list[str]) -> str:
    """A Markdown table (readable in a terminal too): one line per page, both modes side by side."""
    header = ["page", "KB sent", "queries", "server p50 ms", "server p99 ms"]
    for mode in modes:
        header += [f"{mode} ratio", f"{mode} req/s", f"{mode} p50 ms", f"{mode} p99 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        cells = [
            f"{row.label} `{row.path}`",
            _cell(row.sent_bytes and row.sent_bytes / 1000),
            _cell(row.queries),
            _cell(row.server_p50_ms),
            _cell(row.server_p99_ms),
        ]
        for mode in modes:
            wrk, page_ratio = row.modes.get(mode, (None, None))
            if wrk is None:
                cells += ["—"] * 4
            else:
                low, high = row.ratio_ranges.get(mode, (page_ratio, page_ratio))
                spread = f" ({low:.2f}–{high:.2f})" if high > low else ""
                cells += [
                    _cell(page_ratio, 3) + spread,
                    _cell(wrk.rate, 0),
                    _cell(wrk.p50_ms),
                    _cell(wrk.p99_ms),
                ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_breakdowns(
    rows: list[tuple[str, str, float, object]], trivial_ms: float, worker_ms: float | None
) -> str:
    """Where each targeted page's uncached time goes, beside the time its target allows.

    A worker serving the trivial view spends `worker_ms` a request under load (workers /
    rate), of which `trivial_ms` in Django; the rest is gunicorn's share, paid by every page
    too. A page meets a ratio target r when its Django time is at most worker_ms / r minus
    that share. Without a load run the share is taken as zero (a tighter allowance)."""
    worker_ms = trivial_ms if worker_ms is None else worker_ms
    overhead = max(worker_ms - trivial_ms, 0.0)
    header = [
        "page",
        "target",
        "allowed ms",
        "in-process ms",
        "database ms (queries)",
        "templates ms",
        "other Python ms",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, path, target, split in rows:
        allowed = worker_ms / target - overhead
        cells = [
            f"{label} `{path}`",
            f"{target:.2f}",
            _cell(allowed),
            _cell(split.total),
            f"{_cell(split.database)} ({split.queries})",
            _cell(split.templates),
            _cell(split.python),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
