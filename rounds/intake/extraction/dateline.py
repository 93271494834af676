"""The text's heading and dateline: the title lines, the place-and-date line ("Havana, 15
September 2017", "WASHINGTON, Oct 13 (wire) —", "April 28, 2023 — Ottawa, Ontario — Public
Safety Canada") and the date the text was published, which relative dates count from.

A dateline without a year ("5 dic") takes it from the text: the latest past year it names,
one more when the dateline's day comes before the latest dated event of that year, and the
weekday of "este jueves" to settle a tie.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import PLAN, tells_future
from .dates import DateMention, days_back, find_dates, find_relative_days

if TYPE_CHECKING:
    from .document import Document

HEADING_LINES = 5
# A body paragraph: a line this long is no heading.
HEADING_MAX_WORDS = 24
# "WASHINGTON, Oct 13, 2022 —", "LA HABANA, 5 dic (agencia) —", "CIUDAD DE MÉXICO, 5 de
# octubre.—", "MEXICO CITY —": a place, maybe a date and an agency, then a dash; or
# "Washington, 16 sep (PL) Delegaciones ...": a place and date, then the agency alone.
# (a bracket a comma follows is the place's country, no agency: "Santa Marta (Colombia), 7 nov
# (EFE).- ...")
BODY_DATELINE = re.compile(
    r"^(?P<lead>[^\n—–]{2,60}?)\s*(?:(?P<agency>\([^)\n]{1,40}\))(?!\s*,)\s*)?"
    r"(?:\.?—|\.?–|\.-(?=\s)|--|\s-\s|(?(agency)|(?!)))\s*"
)


# "La Habana, 16 de noviembre de 2022. Ayer se celebró ...", "Bogotá (may. 29/24). Durante
# ...": a place and a date ended by a full stop, the body after it on the same line.
PERIOD_DATELINE = re.compile(
    r"^(?P<lead>[A-ZÁÉÍÓÚÑ][^\n.,()]{1,40}?(?:,\s*[^\n()]{3,40}?|\s+\([^\n()]{3,40}\)))"
    r"\.\s+(?=\S)"
)


@dataclass
class Dateline:
    start: int
    end: int
    date: DateMention | None = None  # as written; the year may be missing
    year: int | None = None  # the date's year, written or inferred

    def publication_date(self) -> datetime.date | None:
        date = self.date
        if date is None or date.month is None or date.day is None or self.year is None:
            return None
        try:
            return datetime.date(self.year, date.month, date.day)
        except ValueError:
            return None


def heading_end(text: str) -> int:
    """Where the heading (title, byline, dateline lines) ends and the body begins."""
    pos, lines = 0, 0
    while pos < len(text) and lines < HEADING_LINES:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if len(line.split()) > HEADING_MAX_WORDS or _is_sentence(line):
            return pos
        lines += bool(line)
        pos = end + 1
    return min(pos, len(text)) if pos < len(text) else 0  # all heading: no heading at all


def _is_sentence(line: str) -> bool:
    return len(line.split()) >= 8 and line.endswith((".", '."', ".”"))


def find_dateline(doc: Document) -> Dateline | None:
    """The heading line with a date, else the place-and-date lead of the first paragraph."""
    pos = 0
    while pos < doc.heading_end:
        end = doc.text.find("\n", pos)
        end = doc.heading_end if end < 0 or end > doc.heading_end else end
        dates = [
            d
            for d in find_dates(doc.low[pos:end], month_first=doc.month_first)
            if d.month and d.day
        ]
        if dates:
            return Dateline(pos, end, _dateline_date(dates[0], pos), dates[0].year)
        pos = end + 1
    return find_body_dateline(doc)


def find_body_dateline(doc: Document) -> Dateline | None:
    """The place-and-date lead of the first paragraph ("La Habana, 11 jul (Prensa Latina)"),
    which a heading line with a date (a time stamp) may precede."""
    start = doc.heading_end
    while start < len(doc.text) and doc.text[start].isspace():
        start += 1
    return _dashed_dateline(doc, start) or _period_dateline(doc, start)


def _dateline_date(date: DateMention, offset: int) -> DateMention:
    """A date found in a slice of the text starting at `offset`, placed in the whole text."""
    return DateMention(
        offset + date.start,
        offset + date.end,
        date.year,
        date.month,
        date.day,
        date.day_end,
        "dateline",
    )


def _lead(doc: Document, start: int, m: re.Match) -> tuple[int, int, list[DateMention]]:
    """Where a dateline pattern's lead (place and date) is, and the dates in it with a day."""
    lead_start, lead_end = start + m.start("lead"), start + m.end("lead")
    dates = [
        d
        for d in find_dates(doc.low[lead_start:lead_end], month_first=doc.month_first)
        if d.month and d.day
    ]
    return lead_start, lead_end, dates


def _dashed_dateline(doc: Document, start: int) -> Dateline | None:
    m = BODY_DATELINE.match(doc.text[start : start + 120])
    if not m:
        return None
    lead_start, lead_end, dates = _lead(doc, start, m)
    place = m.group("lead").split(",")[0]
    if not dates and not (place.isupper() and len(place) > 2):
        return None  # an ordinary sentence with a dash, not "WASHINGTON —"
    dashed = m.group(0).rstrip().endswith(("—", "–", "-"))
    if not dashed and not (dates and "," in m.group("lead")):
        return None  # "On Monday (local time) the ...": no place and date before the agency
    mention = _dateline_date(dates[0], lead_start) if dates else None
    return Dateline(lead_start, start + m.end(), mention, dates[0].year if dates else None)


def _period_dateline(doc: Document, start: int) -> Dateline | None:
    m = PERIOD_DATELINE.match(doc.text[start : start + 100])
    if not m:
        return None
    lead_start, lead_end, dates = _lead(doc, start, m)
    # "Washington, the capital, hosted ...": no date; "El 16 de noviembre de 2022, ambas
    # delegaciones se reunieron.": a date that does not end the lead. No dateline.
    if not dates or doc.low[lead_start + dates[-1].end : lead_end].strip(" )"):
        return None
    return Dateline(
        lead_start, start + m.end(), _dateline_date(dates[0], lead_start), dates[0].year
    )


def _past_dates(doc: Document, dateline: Dateline) -> list[DateMention]:
    """Dated mentions with a year, outside the dateline and future-tense sentences; those in
    an agreed plan ("acordaron realizar un ejercicio de simulación en 2016") only when no
    other is left."""
    out, planned = [], []
    for date in find_dates(doc.low, month_first=doc.month_first):
        if date.year is None or dateline.start <= date.start < dateline.end:
            continue
        s, e = doc.sentence_of(date.start)
        if not tells_future(doc.low[s:e]):
            (planned if PLAN.search(doc.low[s : date.start]) else out).append(date)
    return out or planned


def infer_year(doc: Document, dateline: Dateline) -> int | None:
    """The year of a dateline that gives only day and month, from the dates in the text."""
    date = dateline.date
    past = _past_dates(doc, dateline)
    if date is None or not past:
        return None
    year = max(d.year for d in past)
    latest = max((d.month or 0, d.day or 0) for d in past if d.year == year)
    if (date.month, date.day) < latest:
        return year + 1
    if date.month == latest[0] and not latest[1]:
        return _by_weekday(doc, date, (year, year + 1))
    return year


def _by_weekday(doc: Document, date: DateMention, years: tuple[int, ...]) -> int:
    """Of `years`, the one in which the text's weekday ("este jueves") is nearest the date."""
    weekdays = [m for m in find_relative_days(doc.low, []) if m.weekday is not None]
    if not weekdays:
        return years[0]

    def distance(year: int) -> int:
        try:
            reference = datetime.date(year, date.month, date.day)
        except ValueError:
            return 99
        return days_back(weekdays[0], reference)

    return min(years, key=distance)
