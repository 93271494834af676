"""When the round met and when the previous round met: classify every date mention by the
sentence around it (the meeting, an earlier round, reported speech, a future plan) and
choose the first of each kind. Relative dates count from the dateline's date."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from .cues import MEETING_WORDS, PREVIOUS_MARKERS, SPEECH_BEFORE, tells_future
from .dates import DateMention, find_dates, find_months, find_relative_days, resolve
from .ordinals import ordinals_in
from .result import Extraction, Match

if TYPE_CHECKING:
    from .document import Document

# "the first held in person since 2019", "la primera de este tipo desde 2018", "the first
# since the April 2023 session", "la primera desde la reunión de abril": the previous round.
FIRST_SINCE = re.compile(
    r"\b(?:first|primer|primera|primero)\b[^.;]{0,80}\b(?:since|desde)\s+"
    r"(?:(?:the|its|their|la|el|su)\s+)?"
    r"(?:(?:session|round|meeting|talks|reunion|ronda|sesion)\s+"
    r"(?:(?:held\s+)?in|of|de|en|celebrada\s+en)\s+)?$"
)
# "last year's Forum in Ottawa", "la reunión celebrada en Ottawa el año pasado": an earlier
# round known only by its year, the year before the dateline's.
_ROUND_NOUNS = r"forum|meeting|round|session|ministerial|dialogue|talks|edition"
LAST_YEARS_ROUND = re.compile(
    rf"\blast year's\s+(?:[a-z\-]+\s+){{0,2}}?(?:{_ROUND_NOUNS})\b"
    rf"|\b(?:{_ROUND_NOUNS}|reunion|ronda|foro|dialogo|encuentro|edicion)"
    r"(?:\s+(?:held|celebrad[ao]))?(?:\s+(?:in|en)(?:\s+[a-z]+){1,3}?)?"
    r"\s+(?:last year|(?:el|del) ano pasado)\b"
)
# "concluyeron hoy ... Las conversaciones, iniciadas este lunes": the day a meeting ended,
# and the day it began, told apart.
_OF_WORK = (
    r"(?:de|of)\s+(?:trabajos?|work|talks|meetings|reuniones|conversaciones|deliberaciones|"
    r"sesiones)"
)
ENDED = re.compile(
    r"\b(?:concluded|ended|closed|wrapped up|concluyeron|concluyo|culminaron|culmino|"
    r"finalizaron|finalizo|clausuraron|clausuro|terminaron|termino|"
    # "convinieron hoy, al cabo de dos días de trabajos, ..." (not "after two days of
    # preparatory contacts")
    r"(?:al cabo de|tras|after)\s+(?:two|three|dos|tres)\s+(?:days|dias)\s+" + _OF_WORK + r")\b"
)
BEGAN = re.compile(
    r"\b(?:talks|meeting|round|session|dialogue|conversaciones|reunion|ronda|sesion|dialogo|"
    r"encuentro)\W+(?:\w+\W+){0,2}?(?:began|begun|started|opened|iniciad[ao]s?|iniciaron|"
    r"inicio|comenzaron|comenzo|comenzad[ao]s?|arrancaron|empezaron)\b"
)
# "Durante dos días ... que concluyó este miércoles", "a two-day meeting that ended today",
# "concluyeron el jueves dos días de conversaciones", "un encuentro de dos días": how many
# days a meeting lasted.
LASTED = re.compile(
    r"\b(?:(?:durante|during|for|over)\s+(?:los\s+|the\s+)?(?P<n>two|three|dos|tres)\s+"
    r"(?:days|dias)|(?P<m>two|three)-day|(?P<k>two|three|dos|tres)\s+(?:days|dias)\s+(?:of|de)\s+"
    r"(?:talks|meetings|discussions|conversaciones|reuniones|sesiones|trabajo|work)|"
    # "un encuentro de dos días que comenzó el martes"
    r"(?:encuentro|reunion|meeting)\s+(?:de|of)\s+(?P<j>two|three|dos|tres)\s+(?:days|dias)|"
    r"(?:al cabo de|tras|after)\s+(?P<a>two|three|dos|tres)\s+(?:days|dias)\s+" + _OF_WORK + r")\b"
    r"(?!\s+(?:after|before|later|despues|antes))"
)
_DAYS = {"two": 2, "dos": 2, "three": 3, "tres": 3}
# A date this many days after the dateline is taken for the year before ("December 12" in a
# note dated March 2).
LATE_DAYS = 7


# "follows up on the consensus reached during the state visit in September 2015": what
# was followed up is another kind of event, not a round (unless a round is named too).
_OTHER_EVENT = re.compile(
    r"\b(?:consensus|visit|summit|agreement|accord|declaration|memorandum|elections?|attacks?|"
    r"consenso|visita|cumbre|acuerdo|declaracion|memorando|elecciones|comicios|atentados?)\b"
    # "tras el incidente del pasado 8 de junio" (not "the last meeting, which addressed the
    # border incidents, took place ...")
    r"|^\s*(?:the\s+|an?\s+|el\s+|la\s+|los\s+)?(?:\w+\s+)?(?:incidents?|incidentes?)\b"
)
_ROUND_WORD = re.compile(
    r"\b(?:round|meeting|session|dialogue|talks|forum|ministerial|ronda|reunion|sesion|dialogo|"
    r"encuentro|foro|conversaciones)\b"
)


# "Al inaugurar el Segundo Diálogo ..., el secretario afirmó hoy que ...", "Opening the
# talks, the minister said on Tuesday ...": said at the meeting, on its day.
SAID_AT_THE_MEETING = re.compile(
    r"\W*(?:al (?:inaugurar|clausurar|abrir)|en la (?:inauguracion|clausura) de|"
    r"(?:opening|closing)|at the (?:opening|close) of|in (?:his|her) (?:opening|closing) "
    r"(?:remarks|address) (?:at|to))\s+(?:[^.;]{0,120}?\s)?"
    r"(?:dialogo|reunion|ronda|encuentro|foro|dialogue|meeting|round|talks|forum)\b"
)


def _another_event(between: str) -> bool:
    return bool(_OTHER_EVENT.search(between)) and not _ROUND_WORD.search(between)


def _is_previous(doc: Document, date: DateMention, s: int, current: int | None) -> bool:
    """After "the previous round", "dio seguimiento a", "the first since", or in a sentence
    about a round of another number ("The first meeting was held in Mexico City in 2021")."""
    before = doc.low[s : date.start]
    if FIRST_SINCE.search(before):
        return True
    markers = list(PREVIOUS_MARKERS.finditer(before))
    if markers:
        between = before[markers[-1].end() :]
        if len(between) < 140 and not find_dates(between) and not _another_event(between):
            return True
    # (a round numbered after this one is still to come: "acordaron celebrar la segunda
    # edición ... en 2025")
    return bool(current) and any(value < current for value in ordinals_in(doc, s, date.start))


# What follows a meeting's date and tells of another event: "celebraron este viernes ...,
# en vísperas de la cumbre ... que se celebrará el domingo", "met on Tuesday, ahead of the
# summit that will open on Monday" (not ", donde se celebrará la próxima ronda": the same).
OTHER_EVENT_AFTER = re.compile(
    r",?\s+(?:en visperas de|on the eve of|ahead of|a day before|la vispera de)\b"
)


def _other_event_after(doc: Document, date: DateMention, end: int) -> int:
    """Where the sentence of `date` turns to another event after it (else its end)."""
    turn = OTHER_EVENT_AFTER.search(doc.low, date.end, end)
    return turn.start() if turn else end


def _kind(doc: Document, date: DateMention, current: int | None) -> str:
    """ "speech", "previous", "future", "meeting" or "other", from the sentence around it."""
    if date.relative == "year" or date.kind == "previous":
        return "previous"  # LAST_YEARS_ROUND: a round named with it
    s, e = doc.sentence_of(date.start)
    if SPEECH_BEFORE.search(doc.low[s : date.start][-40:]) and not SAID_AT_THE_MEETING.match(
        doc.low, s, date.start
    ):
        kind = "speech"
    elif _is_previous(doc, date, s, current):
        kind = "previous"
    elif tells_future(doc.low[s : _other_event_after(doc, date, e)]):
        kind = "future"
    elif MEETING_WORDS.search(doc.low[s:e]) or s < doc.title_end:
        kind = "meeting"
    elif date.relative == "days" and doc.in_lead(date.start):
        kind = "meeting"  # "The United States and Mexico pledged on Tuesday to ..."
    else:
        kind = "other"
    return kind


# What a line that only stamps the time of publication holds beside its date:
# "11 de julio de 2018, 09:26", "July 11, 2018 / 6:47 PM", "07/03/2024 - 11:48h".
_STAMP_REST = re.compile(
    r"[\s,/|·\-–—]*(?:(?:updated|actualizado)\s*:?\s*)?"
    r"(?:\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|h|hrs?|horas|gmt|utc|et|edt|est))?)?[\s,/|·\-–—]*"
)


def _is_stamp(doc: Document, date: DateMention) -> bool:
    """A date alone on its line (with a time, perhaps): when the text was published."""
    line_start = doc.low.rfind("\n", 0, date.start) + 1
    line_end = doc.low.find("\n", date.end)
    line_end = len(doc.low) if line_end < 0 else line_end
    rest = doc.low[line_start : date.start] + " " + doc.low[date.end : line_end]
    return bool(_STAMP_REST.fullmatch(rest))


def _candidates(doc: Document) -> list[DateMention]:
    """Every date mention outside the dateline and the publication stamp, absolute and
    relative, in text order."""
    dateline = doc.dateline
    absolute = [
        d
        for d in find_dates(doc.low, month_first=doc.month_first)
        if not doc.in_dateline(d.start) and not _is_stamp(doc, d)
    ]
    taken = absolute + ([dateline.date] if dateline and dateline.date else [])
    relative = find_months(doc.low, taken, doc.cased) + find_relative_days(doc.low, taken)
    if doc.reference_date is not None:  # "last year" needs the dateline's year
        dated = absolute + relative
        for m in LAST_YEARS_ROUND.finditer(doc.low):
            inside = [d for d in dated if m.start() < d.end and d.start < m.end()]
            for date in inside:  # "the meeting held in June last year": the month says more
                date.kind = "previous"
            if not inside:
                relative.append(
                    DateMention(m.start(), m.end(), None, None, None, None, relative="year", back=1)
                )
    relative = [d for d in relative if not doc.in_dateline(d.start)]
    return sorted(absolute + relative, key=lambda d: d.start)


def _with_year(date: DateMention, doc: Document, default_year: int | None) -> DateMention | None:
    """The date resolved against the dateline; a day and month without a year take the
    dateline's year (the year before if that would put them well after the dateline)."""
    resolved = resolve(date, doc.reference_date)
    if resolved is None or resolved.year is not None:
        return resolved
    reference = doc.reference_date
    year = reference.year if reference else default_year
    if reference and resolved.month and resolved.day:
        try:
            if datetime.date(year, resolved.month, resolved.day) > reference + datetime.timedelta(
                days=LATE_DAYS
            ):
                year -= 1
        except ValueError:
            return None
    resolved.year = year
    return resolved


def _default_year(doc: Document, dates: list[DateMention]) -> int | None:
    if doc.dateline and doc.dateline.year:
        return doc.dateline.year
    return next((d.year for d in dates if d.year), None)


def _first_of_kinds(doc: Document, dates: list[DateMention], current: int | None):
    """The first meeting date and the first previous-round date, as written; of earlier
    rounds listed in one sentence ("The first two rounds were held in November 2015 and in
    May 2016"), the last."""
    meeting = previous = None
    for date in dates:
        kind = _kind(doc, date, current)
        if kind == "meeting" and _is_meeting_date(doc, meeting, date):
            meeting = date
        elif kind == "previous" and (previous is None or _later_in_a_list(doc, previous, date)):
            previous = date
    return meeting, previous


def _later_in_a_list(doc: Document, previous: DateMention, date: DateMention) -> bool:
    """Is `date` a later earlier round than `previous`, listed after it ("... in November 2015
    and in Havana in May 2016")?"""
    if doc.sentence_of(previous.start) != doc.sentence_of(date.start):
        return False
    if not re.search(r"\b(?:and|y)\b", doc.low[previous.end : date.start]):
        return False
    return bool(
        date.year
        and previous.year
        and (date.year, date.month or 0) > (previous.year, previous.month or 0)
    )


def _is_meeting_date(doc: Document, meeting: DateMention | None, date: DateMention) -> bool:
    """The first meeting date with a day or month, or a range that spells out a relative day."""
    if meeting is None:
        return bool(date.day or date.month or date.relative)
    return _spells_out(doc, meeting, date)


def _spells_out(doc: Document, relative: DateMention | None, date: DateMention) -> bool:
    """ "concluded today a two-day meeting, on 20 and 21 June": a range of days given in
    full in the same sentence as a relative day is the meeting's, not the relative day."""
    return bool(
        relative is not None
        and relative.relative == "days"
        and not date.relative
        and date.day_end
        and doc.sentence_of(relative.start) == doc.sentence_of(date.start)
    )


def _began(doc: Document, dates: list[DateMention], meeting: DateMention, default_year):
    """For a meeting date the text gives as the day it ended ("concluded today"), the
    (iso, span) of the day a sentence says it began, up to a week earlier, or the day its
    length gives ("durante dos días"); else None."""
    s, e = doc.sentence_of(meeting.start)
    if meeting.day_end or not meeting.day or not ENDED.search(doc.low[s:e]):
        return None
    end = datetime.date.fromisoformat(meeting.iso())
    found = None
    if lasted := LASTED.search(doc.low[s:e]):
        days = _DAYS[next(n for n in lasted.group("n", "m", "k", "j", "a") if n)]
        found = (end - datetime.timedelta(days=days - 1)).isoformat(), (meeting.start, meeting.end)
    for date in dates:
        ds, de = doc.sentence_of(date.start)
        if not BEGAN.search(doc.low[max(ds, date.start - 60) : min(de, date.end + 60)]):
            continue
        resolved = _with_year(date, doc, default_year)
        iso = resolved and resolved.day and resolved.iso()
        if iso and 0 < (end - datetime.date.fromisoformat(iso)).days <= 7:
            found = iso, (date.start, date.end)  # the last one the text gives
    return found


def extract_dates(doc: Document, result: Extraction) -> None:
    """Set the meeting's dates and the previous round's date on `result`."""
    current = result.ordinal.value if result.ordinal else None
    dates = _candidates(doc)
    default_year = _default_year(doc, dates)
    meeting, previous = _first_of_kinds(doc, dates, current)
    meeting = meeting and _with_year(meeting, doc, default_year)
    previous = previous and _with_year(previous, doc, default_year)
    if meeting is not None and meeting.iso():
        span = (meeting.start, meeting.end)
        began = _began(doc, dates, meeting, default_year)
        result.date_start = Match(*(began or (meeting.iso(), span)))
        result.date_end = Match(meeting.iso_end(), span)
    if previous is not None and previous.iso():
        result.previous_round_date = Match(previous.iso(), (previous.start, previous.end))
