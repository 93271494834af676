"""Date mentions in folded text: absolute dates ("18-19 January 2023", "5 dic",
"12/05/2021", "October 2022"), months named without a year ("in June", "noviembre pasado") and
relative days ("yesterday", "el pasado miércoles"), each resolved against a reference date (the
dateline).

Pure functions over text; which date is the meeting's is decided in timeline.py.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .gazetteer import CITIES
from .tables import AMBIGUOUS_MONTHS, MONTHS, RELATIVE_DAYS, WEEKDAYS
from .terms import fold

_MONTH_NAMES = {number: name for name, number in MONTHS.items()}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = r"(?:\s*(?:-|to|and|through|al|a|y)\s*(\d{1,2})(?:st|nd|rd|th)?)?"


NUMERIC_DATE = re.compile(r"\b(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})\b")


def _numeric(first: str, second: str, year: str) -> tuple[str | None, str, None, str]:
    """(month, day, None, year) of a numeric date, day first unless that is impossible."""
    day, month = (second, first) if int(second) > 12 else (first, second)
    return _MONTH_NAMES.get(int(month)), day, None, year


def _numeric_month_first(g: tuple) -> tuple[str | None, str, None, str]:
    return _numeric(g[2], g[0], g[3])


# A U.S. place (gazetteer) on the line right before a date: "WASHINGTON, 12/05/2021".
_US_PLACE_BEFORE = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(fold(name))
        for _canonical, hosts, names in CITIES
        if hosts[0] == "US"
        for name in names
        if name[:1].isupper() and not name.startswith("the ")
    )
    + r")\b[^\n\d]{0,30}$"
)


def _after_a_us_place(low: str, start: int) -> bool:
    return bool(_US_PLACE_BEFORE.search(low, max(0, start - 60), start))


# Each pattern's groups are read by the function beside it, as (month, day, day_end, year).
DATE_PATTERNS = [
    # 2016-06-14: a web page's time stamp ("English.news.cn | 2016-06-14 21:47:52")
    (
        re.compile(r"\b((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
        lambda g: (_MONTH_NAMES[int(g[1])], g[2], None, g[0]),
    ),
    # (may. 29/24): Colombia's foreign ministry's datelines, "Bogotá (may. 29/24)"; only in
    # brackets ("June 14/15, 2023" is a range of days)
    (
        re.compile(rf"(?<=\()\s*({_MONTH})\s+{_DAY}/(\d{{2}})\s*(?=\))"),
        lambda g: (g[0], g[1], None, "20" + g[2]),
    ),
    # 12/05/2021, 12.05.2021: day first, as EU and Latin American datelines write it (month
    # first when the second number cannot be a month, "05/25/2016", or in an English text
    # dated in the United States: find_dates(month_first=True))
    (NUMERIC_DATE, lambda g: _numeric(g[0], g[2], g[3])),
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
# "January last year", "enero del pasado año": the month of the year before the reference.
_YEAR_BEFORE = frozenset(
    {
        "last year",
        "of last year",
        "of the previous year",
        "del ano pasado",
        "del pasado ano",
        "del ano anterior",
    }
)
# (and "may", which find_months takes for the month only when written "May")
_FULL_MONTHS = "|".join(m for m in sorted(MONTHS, key=len, reverse=True) if len(m) > 3) + "|may"
# "in June", "en abril", "last November", "el pasado noviembre", "noviembre pasado",
# "in January last year", "en enero del año pasado": a month without a year.
MONTH_ONLY = re.compile(
    r"\b(?:(?P<last>last|el pasado|pasado)\s+|(?:in|en|de|since|desde)\s+|"
    # "the April round": a month that names a round
    rf"the\s+(?=(?:{_FULL_MONTHS})\s+(?:round|meeting|session|talks|ministerial|dialogue|forum)\b))"
    rf"(?P<month>{_FULL_MONTHS})"
    rf"(?P<after>\s+(?:pasado|{'|'.join(sorted(_YEAR_BEFORE, key=len, reverse=True))}|"
    r"de este ano|del ano en curso|this year|of this year))?\b"
)
_WEEKDAY = "|".join(WEEKDAYS)
RELATIVE = re.compile(
    r"\b(?P<word>" + "|".join(sorted(map(re.escape, RELATIVE_DAYS), key=len, reverse=True)) + r")\b"
    rf"|\b(?:(?P<mod>last|this|past|on|el pasado|pasado|este|el)\s+)?(?P<weekday>{_WEEKDAY})"
    r"(?P<post>\s+pasado)?\b"
)


@dataclass
class DateMention:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    day_end: int | None
    kind: str = "other"
    relative: str = ""  # "days" (yesterday), "month" (in June), "year" (last year), "" (absolute)
    back: int = 0  # days ("yesterday": 1) or years ("January last year": 1) before the reference
    weekday: int | None = None  # "on Tuesday": 1
    strict: bool = False  # "last Tuesday", "el pasado martes", "noviembre pasado": never the same

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
    word = month_word.rstrip(".") if month_word else None
    if word in AMBIGUOUS_MONTHS and day is None and " de " not in m.group():
        return None  # "mar" is also Spanish for "sea", "ago" an English word
    if day and word is None:
        return None  # "13/13/2020": no month
    day = int(day) if day else None
    day_end = int(day_end) if day_end else None
    if day and not 1 <= day <= 31 or day_end and not (day or 0) < day_end <= 31:
        return None
    month = MONTHS[word] if word else None
    return DateMention(m.start(), m.end(), int(year) if year else None, month, day, day_end)


def find_dates(low: str, *, month_first: bool = False) -> list[DateMention]:
    """Every absolute date in folded text, most precise pattern first, without overlaps;
    `month_first` (an English text): a numeric date right after a U.S. place is written as
    the United States writes it ("WASHINGTON, 12/05/2021": 5 December)."""
    found: list[DateMention] = []
    for pattern, as_written in DATE_PATTERNS:
        for m in pattern.finditer(low):
            if any(m.start() < d.end and d.start < m.end() for d in found):
                continue
            read = as_written
            if pattern is NUMERIC_DATE and month_first and _after_a_us_place(low, m.start()):
                read = _numeric_month_first
            date = _mention(m, read)
            if date is not None:
                found.append(date)
    found.sort(key=lambda d: d.start)
    return found


def find_months(low: str, taken: list[DateMention], cased: str) -> list[DateMention]:
    """Months named without a year ("in June", "noviembre pasado"), outside `taken`; `cased`
    is the text with its capitals, which tell the month "May" from the verb."""
    out = []
    for m in MONTH_ONLY.finditer(low):
        start, end = m.start("month"), m.end()
        if any(start < d.end and d.start < end for d in taken):
            continue
        if m.group("month") == "may" and not cased.startswith("May", start):
            continue  # "those agreed since may lead to ...": the verb
        after = (m.group("after") or "").strip()
        back = 1 if after in _YEAR_BEFORE else 0
        strict = bool(m.group("last")) or after == "pasado"
        month = MONTHS[m.group("month")]
        out.append(
            DateMention(
                start, end, None, month, None, None, relative="month", back=back, strict=strict
            )
        )
    return out


def find_relative_days(low: str, taken: list[DateMention]) -> list[DateMention]:
    """ "today", "yesterday", "on Tuesday", "el pasado lunes": days before the reference date."""
    out = []
    for m in RELATIVE.finditer(low):
        if any(_beside(low, m.start(), m.end(), d) for d in taken):
            continue  # "Friday, September 15": the absolute date says it
        mention = DateMention(m.start(), m.end(), None, None, None, None, relative="days")
        if m.group("word"):
            mention.back = RELATIVE_DAYS[m.group("word")]
        else:
            modifier = (m.group("mod") or "").strip()
            mention.weekday = WEEKDAYS[m.group("weekday")]
            mention.strict = modifier in ("last", "past", "el pasado", "pasado") or bool(
                m.group("post")
            )
        out.append(mention)
    return out


def _beside(low: str, start: int, end: int, date: DateMention) -> bool:
    """Is [start, end) inside `date` or next to it on the same line ("Friday, September 15")?"""
    if start < date.end and date.start < end:
        return True
    gap = low[end : date.start] if end <= date.start else low[date.end : start]
    return len(gap) <= 3 and "\n" not in gap and not gap.strip(" ,")


def days_back(mention: DateMention, reference: datetime.date) -> int:
    """How many days before `reference` a relative-day mention is (a weekday: the latest one
    on or, for "last"/"pasado", before the reference)."""
    if mention.weekday is None:
        return mention.back
    back = (reference.weekday() - mention.weekday) % 7
    return 7 if mention.strict and back == 0 else back


def resolve(mention: DateMention, reference: datetime.date | None) -> DateMention | None:
    """The mention as an absolute date (year, month and day filled in as far as the text
    gives them), or None when it needs a reference date and there is none.

    A month without a year is the latest such month before the reference date."""
    if not mention.relative:
        return mention
    if reference is None:
        return None
    if mention.relative == "days":
        day = reference - datetime.timedelta(days=days_back(mention, reference))
        return DateMention(mention.start, mention.end, day.year, day.month, day.day, None)
    if mention.relative == "year":
        year = reference.year - mention.back
        return DateMention(mention.start, mention.end, year, None, None, None)
    year = reference.year - mention.back
    later = mention.month > reference.month or mention.strict and mention.month == reference.month
    if not mention.back and later:
        year -= 1
    return DateMention(mention.start, mention.end, year, mention.month, None, None)
