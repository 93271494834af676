"""Pictures drawn on the server: plain data in, accessible SVG markup out.

Pure functions with no database access and no knowledge of models, so any page can draw from
what its selector returned. Every text that reaches the markup is escaped (`format_html`, or
`conditional_escape` once for the many cells of a grid row); every picture is `role="img"`
with a `<title>` and a `<desc>` that say what it counts, and each page shows the same numbers
as a table beside it (the accessible alternative, and what a screen reader or a printout
reads). No JavaScript; colours are
backed by numbers or shapes, so nothing is told by colour alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

# Sizes in SVG user units (pixels at 100 %).
CHAR_WIDTH = 8  # a generous average width of a 12 px character, to size label columns
CELL = 34
ROW = 26
HEADER = 30
PAD = 8
MAX_LABEL_CHARS = 34
SHADES = 5  # shade classes chart-shade-1 … chart-shade-5 in static/css/charts.css


@dataclass(frozen=True)
class GridRow:
    """One row of a year grid: a label and a count per year (years with 0 may be left out)."""

    label: str
    counts: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class LanePoint:
    """One event on a lane: when, a short label drawn beside it, a title, and a kind.

    `kind` names a CSS class (`chart-point-<kind>`), e.g. "round", "open", "closed", "silent".
    """

    date: datetime.date
    label: str
    title: str
    kind: str = "round"


@dataclass(frozen=True)
class Lane:
    label: str
    points: list[LanePoint] = field(default_factory=list)


def _clip(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def shade(count: int, highest: int) -> int:
    """Return 0 for nothing, else a shade from 1 to SHADES in proportion to the highest count."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, min(SHADES, -(-count * SHADES // highest)))


def _svg(*, css: str, ids: str, title: str, desc: str, width: int, height: int, body) -> SafeString:
    return format_html(
        '<svg class="chart {css}" role="img" aria-labelledby="{ids}-title {ids}-desc" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{ids}-title">{title}</title><desc id="{ids}-desc">{desc}</desc>{body}</svg>',
        css=css,
        ids=ids,
        title=title,
        desc=desc,
        w=width,
        h=height,
        body=format_html_join("", "{}", ((part,) for part in body)),
    )


def year_grid(
    rows: Sequence[GridRow], years: Sequence[int], *, ids: str, title: str, desc: str
) -> SafeString:
    """Draw rows × years as shaded cells, each with its count written in it.

    Every year of `years` gets a column, also those with nothing, so that a pause between
    rounds shows as empty columns rather than being squeezed out.
    """
    if not rows or not years:
        return SafeString("")
    label_width = PAD + CHAR_WIDTH * min(MAX_LABEL_CHARS, max(len(r.label) for r in rows))
    width = label_width + CELL * len(years) + PAD
    height = HEADER + ROW * len(rows) + PAD
    highest = max((n for row in rows for n in row.counts.values()), default=0)
    parts = [
        format_html(
            '<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text>',
            label_width + CELL * i + CELL // 2,
            HEADER - 10,
            f"’{year % 100:02d}" if len(years) > 12 else year,
        )
        for i, year in enumerate(years)
    ]
    for r, row in enumerate(rows):
        y = HEADER + ROW * r
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}">{}</text>',
                PAD,
                y + ROW // 2 + 4,
                _clip(row.label),
            )
        )
        label = conditional_escape(row.label)  # once a row: each of its cells repeats it
        for i, year in enumerate(years):
            # Numbers only besides the escaped label: f-strings here, since a page draws
            # hundreds of cells and format_html() per cell cost most of the picture's time.
            count = int(row.counts.get(year, 0))
            level = shade(count, highest)
            x = label_width + CELL * i
            cell = (
                f'<rect class="chart-cell chart-shade-{level}" x="{x + 1}" y="{y + 1}" '
                f'width="{CELL - 2}" height="{ROW - 2}"><title>{label}, {int(year)}: {count}'
                "</title></rect>"
            )
            if count:
                cell += (
                    f'<text class="chart-count{" on-dark" if level >= 4 else ""}" '
                    f'x="{x + CELL // 2}" y="{y + ROW // 2 + 4}" text-anchor="middle">'
                    f"{count}</text>"
                )
            parts.append(mark_safe(cell))  # noqa: S308 - the label is escaped, the rest numbers
    return _svg(
        css="chart-grid",
        ids=ids,
        title=title,
        desc=desc,
        width=width,
        height=height,
        body=parts,
    )


BAR_SLOT = 22
BAR_HEIGHT = 80


def year_bars(counts: dict[int, int], *, ids: str, title: str, desc: str) -> SafeString:
    """Draw one bar per calendar year from the first year to the last, as high as its count.

    A time axis: every year gets its slot, also those without a round (a pause shows), so the
    picture grows with the years a dialogue spans, never with its number of rounds. No links:
    the list of years beside it is the way in (links inside an image are not reachable).
    """
    if not counts:
        return SafeString("")
    first, last = min(counts), max(counts)
    highest = max(counts.values())
    top = PAD + 16  # room for the count above the highest bar
    base = top + BAR_HEIGHT
    parts = [
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            PAD,
            base,
            PAD + BAR_SLOT * (last - first + 1),
            base,
        )
    ]
    for i, year in enumerate(range(first, last + 1)):
        x = PAD + BAR_SLOT * i
        count = counts.get(year, 0)
        if count:
            height = max(2, BAR_HEIGHT * count // highest)
            parts.append(
                format_html(
                    '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}">'
                    "<title>{}: {}</title></rect>"
                    '<text class="chart-count" x="{}" y="{}" text-anchor="middle">{}</text>',
                    x + 3,
                    base - height,
                    BAR_SLOT - 6,
                    height,
                    year,
                    count,
                    x + BAR_SLOT // 2,
                    base - height - 4,
                    count,
                )
            )
        if year in (first, last) or year % 5 == 0:
            parts.append(
                format_html(
                    '<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text>',
                    x + BAR_SLOT // 2,
                    base + 16,
                    year if year in (first, last) else f"’{year % 100:02d}",
                )
            )
    return _svg(
        css="chart-bars",
        ids=ids,
        title=title,
        desc=desc,
        width=PAD * 2 + BAR_SLOT * (last - first + 1),
        height=base + 24,
        body=parts,
    )


LANE = 44
AXIS = 28
YEAR_WIDTH = 56
MARKER = 7


def _year_span(lanes: Sequence[Lane]) -> tuple[int, int]:
    dates = [point.date for lane in lanes for point in lane.points]
    return min(dates).year, max(dates).year


def lanes(lanes_: Sequence[Lane], *, ids: str, title: str, desc: str) -> SafeString:
    """Draw one lane per row on a shared axis of years: each point sits at its date.

    The axis runs from 1 January of the first year to 31 December of the last, so distances
    are true to time: a five-year pause looks five times as long as a one-year one.
    """
    if not any(lane.points for lane in lanes_):
        return SafeString("")
    first, last = _year_span(lanes_)
    label_width = PAD + CHAR_WIDTH * min(MAX_LABEL_CHARS, max(len(ln.label) for ln in lanes_))
    years = last - first + 1
    year_width = max(YEAR_WIDTH, min(140, 900 // years))
    width = label_width + year_width * years + PAD * 2
    height = AXIS + LANE * len(lanes_) + PAD
    origin = datetime.date(first, 1, 1)

    def x_of(day: datetime.date) -> float:
        days = datetime.date(day.year + 1, 1, 1) - datetime.date(day.year, 1, 1)
        within = (day - datetime.date(day.year, 1, 1)) / days
        return round(label_width + year_width * ((day.year - origin.year) + within), 1)

    parts = []
    for i in range(years + 1):
        x = label_width + year_width * i
        parts.append(
            format_html(
                '<line class="chart-tick" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>',
                x=x,
                top=AXIS - 6,
                bottom=height - PAD,
            )
        )
        if i < years:
            parts.append(
                format_html(
                    '<text class="chart-year" x="{}" y="{}" text-anchor="middle">{}</text>',
                    x + year_width // 2,
                    AXIS - 10,
                    first + i if year_width >= 40 else f"’{(first + i) % 100:02d}",
                )
            )
    for r, lane in enumerate(lanes_):
        y = AXIS + LANE * r + LANE // 2
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}">{}</text>'
                '<line class="chart-lane" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                PAD,
                y + 4,
                _clip(lane.label),
                label_width,
                y,
                width - PAD,
                y,
            )
        )
        for n, point in enumerate(lane.points):
            x = x_of(point.date)
            parts.append(
                format_html(
                    '<g class="chart-point chart-point-{kind}"><title>{title}</title>'
                    '<circle cx="{x}" cy="{y}" r="{r}"/>'
                    '<text class="chart-point-label" x="{x}" y="{ly}" text-anchor="middle">'
                    "{label}</text></g>",
                    kind=point.kind,
                    title=point.title,
                    x=x,
                    y=y,
                    r=MARKER,
                    # Alternate above and below, so labels of close points do not overlap.
                    ly=y - MARKER - 4 if n % 2 == 0 else y + MARKER + 13,
                    label=point.label,
                )
            )
    return _svg(
        css="chart-lanes",
        ids=ids,
        title=title,
        desc=desc,
        width=width,
        height=height,
        body=parts,
    )
