"""The round's number: "fourth", "4th", "cuarta ronda", "IV reunión", "Round III"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import PREVIOUS_MARKERS, WILL_HAPPEN
from .result import Extraction, Match
from .tables import ORDINAL_WORDS, ROMAN, ROUND_WORDS

if TYPE_CHECKING:
    from .document import Document

_ORD_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
ORDINAL_RE = re.compile(
    rf"(?<![\w-])(?:(?:the|la|el|this|its|esta|su)\s+)?"
    rf"(?P<ord>{_ORD_WORD}|\d{{1,2}}(?:st|nd|rd|th|ra|da|ta|na|ma|va|a|o|\.a|\.o|º|ª|°))"
    rf"(?:\s+[\w.\-']+){{0,5}}?\s+(?:{ROUND_WORDS})\b"
)
# Numerals from II (I alone is too often a pronoun or a list mark), longest first.
_ROMAN = "|".join(sorted((n for n in ROMAN if n != "I"), key=len, reverse=True))
ROMAN_RE = re.compile(
    rf"(?<![\w])(?P<ord>{_ROMAN})(?:\s+[\w.\-']+){{0,3}}?\s+"
    r"(?:[Rr]ound|[Mm]eeting|[Ss]ession|[Ee]dition|[Dd]ialogue|[Rr]onda|[Rr]eunion|[Ss]esion|"
    r"[Ee]dicion|[Dd]ialogo|[Ee]ncuentro|[Cc]onversaciones|[Mm]inisterial)\b"
    rf"|(?:[Rr]ound|[Rr]onda|[Ss]ession|[Ee]dition|[Ee]dicion)\s+(?P<ord2>{_ROMAN}|I|\d{{1,2}})\b"
    rf"|(?:\bla|\bel|\bthe)\s+(?P<ord3>{_ROMAN})\s+(?:desde|since|de|del|of)\b"
)


# "por segunda vez", "for the third time"
TIMES_RE = re.compile(rf"\b(?:por|for the)\s+(?P<ord>{_ORD_WORD})\s+(?:vez|time)\b")
# "una nueva ronda de conversaciones, la quinta desde 2022": the ordinal after the round.
APPOSED_RE = re.compile(
    rf"\b(?:{ROUND_WORDS})\b[^.;\n]{{0,60}}?,\s+(?:the|la|el)\s+(?P<ord>{_ORD_WORD})\b"
)
# "second phase of the Dialogue": an ordinal of something else than the round.
# "la segunda en 2022", "the second this year": a count within a year, not the round number.
NOT_A_ROUND = re.compile(
    r"^\s*(?:phase|stage|step|part|pillar|fase|etapa|parte)\b"
    r"|^(?:\s+\w+){0,2}?\s+(?:in|en|de|of)\s+(?:19|20)\d\d\b"
    r"|^(?:\s+\w+){0,2}?\s+(?:this year|del ano|de este ano|en el ano)\b"
)
# "the first ... since 2019", "la primera de este tipo desde 2018", "the first in more than a
# decade": no round number, only that there was none for a while.
FIRST_SINCE = re.compile(r"^[^.;]{0,60}?\b(?:since|desde|in more than|in over|en mas de)\b")


def ordinals_in(doc: Document, start: int, end: int) -> list[int]:
    """The values of the round ordinals ("first round", "X Diálogo") in [start, end), less
    those that number no round ("la primera desde 2017", "the second phase")."""
    return [
        value
        for s, e, value in candidates(doc)
        if start <= s < end
        and value
        and s not in doc.other_dialogue_ordinals
        and _numbers_a_round(doc, e, value)
    ]


def _numbers_a_round(doc: Document, end: int, value: int) -> bool:
    after = doc.low[end : end + 80]
    return not NOT_A_ROUND.match(after) and not (value == 1 and FIRST_SINCE.match(after))


def _word_value(word: str) -> int | None:
    value = ORDINAL_WORDS.get(word)
    if value is None:
        digits = re.match(r"\d+", word)
        value = int(digits.group()) if digits else None
    return value


def candidates(doc: Document) -> list[tuple[int, int, int | None]]:
    """Every ordinal mention as (start, end, value), read once per document."""
    if doc.ordinal_candidates is None:
        doc.ordinal_candidates = _find_candidates(doc)
    return doc.ordinal_candidates


def _find_candidates(doc: Document) -> list[tuple[int, int, int | None]]:
    found = []
    for pattern in (ORDINAL_RE, TIMES_RE, APPOSED_RE):
        for m in pattern.finditer(doc.low):
            value = _word_value(m.group("ord").rstrip("."))
            found.append((m.start("ord"), m.end("ord"), value))
    for m in ROMAN_RE.finditer(doc.cased):
        group = next(g for g in ("ord", "ord2", "ord3") if m.group(g))
        word = m.group(group)
        value = ROMAN.get(word) or (int(word) if word.isdigit() else None)
        if word == "I" and group == "ord2" or value:
            found.append((m.start(group), m.end(group), value or 1))
    return sorted(set(found))


# "their first such dialogue, held last October": an earlier round; "la primera reunión de
# trabajo del foro, prevista para antes de fin de año": one still to come.
HELD_BEFORE = re.compile(
    r"^(?:\s+[\w.\-']+){0,4}?,?\s+(?:held|celebrad[oa]|realizad[oa])\s+(?:[\w.]+\s+){0,4}?"
    r"(?:last|pasad[oa]|anterior)\b"
)
PLANNED_AFTER = re.compile(
    r"^(?:\s+[\w.\-']+){0,5}?,?\s+(?:prevista|previsto|programad[oa]|planned|scheduled|"
    r"expected|due|que se celebrara|to be held)\b"
)


# "a partnership first given structure in these talks", "the group first met in 2008":
# "first" as an adverb before a participle numbers nothing.
ADVERB_FIRST = re.compile(
    r"first\s+(?:given|held|met|begun|made|set up|taken|launched|established|convened|created|"
    r"introduced|proposed|raised|signed|adopted|opened|started|hosted|gathered|used|agreed)\b"
)


def _is_round_ordinal(doc: Document, start: int, end: int, value: int) -> bool:
    if ADVERB_FIRST.match(doc.low, start):
        return False
    s, _e = doc.sentence_of(start)
    before = doc.low[max(s, start - 60) : start]
    if WILL_HAPPEN.search(before):
        return False  # "encabezará mañana ... la primera reunión sobre ...": another meeting
    if PREVIOUS_MARKERS.search(before) or re.search(r"\b(?:such|since)\b", before[-12:]):
        return False
    after = doc.low[end : end + 100]
    if HELD_BEFORE.match(after) or PLANNED_AFTER.match(after):
        return False
    return _numbers_a_round(doc, end, value)


def extract_ordinal(doc: Document, result: Extraction) -> None:
    """Set the first ordinal that is not an earlier round's ("since the third round")."""
    for start, end, value in candidates(doc):
        if (
            value
            and value <= 40
            and start not in doc.other_dialogue_ordinals
            and _is_round_ordinal(doc, start, end, value)
        ):
            result.ordinal = Match(value, (start, end))
            return
