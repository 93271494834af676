"""Dates: find every date mention, tell the meeting's from the dateline's and from earlier
rounds', and fill in a missing year."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import MEETING_WORDS, PREVIOUS_MARKERS, SPEECH_BEFORE
from .ordinals import ordinals_in
from .result import Extraction, Match
from .tables import MONTHS

if TYPE_CHECKING:
    from .document import Document

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = r"(?:\s*(?:-|to|and|through|al|a|y)\s*(\d{1,2})(?:st|nd|rd|th)?)?"
# Each pattern's groups are read by the function beside it, as (month, day, day_end, year).
DATE_PATTERNS = [
    # January 18-19, 2023 / September 15, 2017 / September 15
    (
        re.compile(rf"\b({_MONTH})\s+{_DAY}{_RANGE}(?:,?\s+(\d{{4}}))?(?!\d)"),
        lambda g: (g[0], g[1], g[2], g[3]),
    ),
    # 18-19 January 2023 / 15 September 2017 / 18 y 19 de enero de 2023 / 5 de junio
    (
        re.compile(
            rf"\b{_DAY}{_RANGE}\s+(?:de\s+|of\s+)?({_MONTH})(?:,?\s+(?:de\s+|del\s+)?(\d{{4}}))?"
        ),
        lambda g: (g[2], g[0], g[1], g[3]),
    ),
    # October 2022 / octubre de 2022
    (
        re.compile(rf"\b({_MONTH})\s+(?:de\s+|del\s+|of\s+)?(\d{{4}})\b"),
        lambda g: (g[0], None, None, g[1]),
    ),
    # 2022
    (re.compile(r"\b((?:19|20)\d{2})\b"), lambda g: (None, None, None, g[0])),
]


@dataclass
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    day_end: int | None
    kind: str = "other"

    def iso(self, year: int | None = None) -> str | None:
        """ "2023-01-18", "2023-01" or "2023", as precise as the text; None if impossible."""
        year = self.year or year
        if year is None:
            return None
        if self.month is None:
            return f"{year:04d}"
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        try:
            return datetime.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None

    def iso_end(self, year: int | None = None) -> str | None:
        if self.day_end is None:
            return self.iso(year)
        return DateMention(0, 0, self.year, self.month, self.day_end, None).iso(year)


def _mention(m: re.Match, read) -> DateMention | None:
    month_word, day, day_end, year = read(m.groups())
    if month_word and month_word.rstrip(".") == "mar" and day is None and " de " not in m.group():
        return None  # "mar" is also Spanish for "sea"
    day = int(day) if day else None
    day_end = int(day_end) if day_end else None
    if day and not 1 <= day <= 31 or day_end and not (day or 0) < day_end <= 31:
        return None
    month = MONTHS[month_word.rstrip(".")] if month_word else None
    return DateMention(m.start(), m.end(), int(year) if year else None, month, day, day_end)


def find_dates(low: str) -> list[DateMention]:
    """Every date in folded text, most precise pattern first, without overlaps."""
    found: list[DateMention] = []
    for pattern, read in DATE_PATTERNS:
        for m in pattern.finditer(low):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            date = _mention(m, read)
            if date is not None:
                found.append(date)
    found.sort(key=lambda d: d.start)
    return found


def _is_dateline(doc: Document, date: DateMention) -> bool:
    line_start = doc.text.rfind("\n", 0, date.start) + 1
    line_end = doc.text.find("\n", date.end)
    line_end = len(doc.text) if line_end < 0 else line_end
    if doc.text.count("\n", 0, line_start) > 3:
        return False
    before = doc.text[line_start : date.start]
    line = doc.text[line_start:line_end]
    return (before.strip() == "" or before.rstrip().endswith(",")) and len(line.split()) <= 16


def _kind(doc: Document, date: DateMention, current: int | None) -> str:
    """ "speech", "previous", "meeting" or "other", from the sentence around the date."""
    s, e = doc.sentence_of(date.start)
    before = doc.low[s : date.start]
    if SPEECH_BEFORE.search(before[-30:]):
        return "speech"
    markers = list(PREVIOUS_MARKERS.finditer(before))
    if markers:
        between = before[markers[-1].end() :]
        if len(between) < 140 and not find_dates(between):
            return "previous"
    if current and any(value != current for value in ordinals_in(before) if value is not None):
        return "previous"  # "The first meeting was held in Mexico City in 2021."
    if MEETING_WORDS.search(doc.low[s:e]) or s < doc.title_end:
        return "meeting"
    return "other"


def extract_dates(doc: Document, result: Extraction) -> None:
    """Set the meeting's dates and the previous round's date on `result`."""
    dates = find_dates(doc.low)
    current = result.ordinal.value if result.ordinal else None
    dateline_year = None
    for date in dates:
        if (date.day or date.month) and _is_dateline(doc, date):
            date.kind = "dateline"
            dateline_year = dateline_year or date.year
        else:
            date.kind = _kind(doc, date, current)
    full_years = [d.year for d in dates if d.year]
    default_year = dateline_year or (full_years[0] if full_years else None)
    meeting = [d for d in dates if d.kind == "meeting" and (d.day or d.month)]
    if meeting:
        d = meeting[0]
        iso = d.iso(d.year or default_year)
        if iso:
            result.date_start = Match(iso, (d.start, d.end))
            result.date_end = Match(d.iso_end(d.year or default_year), (d.start, d.end))
    previous = [d for d in dates if d.kind == "previous"]
    if previous:
        d = previous[0]
        iso = d.iso(d.year or default_year)
        if iso:
            result.previous_round_date = Match(iso, (d.start, d.end))
