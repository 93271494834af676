"""The round's number: "fourth", "4th", "cuarta ronda", "IV reunión", "Round III"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import PREVIOUS_MARKERS
from .result import Extraction, Match
from .tables import ORDINAL_WORDS, ROMAN, ROUND_WORDS

if TYPE_CHECKING:
    from .document import Document

_ORD_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
ORDINAL_RE = re.compile(
    rf"(?<![\w])(?:(?:the|la|el|this|its|esta|su)\s+)?"
    rf"(?P<ord>{_ORD_WORD}|\d{{1,2}}(?:st|nd|rd|th|ra|da|ta|na|ma|va|a|o|\.a|\.o|º|ª|°))"
    rf"(?:\s+[\w.\-']+){{0,5}}?\s+(?:{ROUND_WORDS})\b"
)
ROMAN_RE = re.compile(
    r"(?<![\w])(?P<ord>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II)(?:\s+[\w.\-']+){0,3}?\s+"
    r"(?:[Rr]ound|[Mm]eeting|[Ss]ession|[Ee]dition|[Dd]ialogue|[Rr]onda|[Rr]eunion|[Ss]esion|"
    r"[Ee]dicion|[Dd]ialogo|[Ee]ncuentro|[Cc]onversaciones|[Mm]inisterial)\b"
    r"|(?:[Rr]ound|[Rr]onda|[Ss]ession|[Ee]dition|[Ee]dicion)\s+(?P<ord2>XII|XI|IX|X|VIII|VII|VI|"
    r"IV|V|III|II|I|\d{1,2})\b"
    r"|(?:\bla|\bel|\bthe)\s+(?P<ord3>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II)\s+(?:desde|since|de|del|of)\b"
)


def ordinals_in(low: str) -> list[int | None]:
    """The values of the ordinal words ("first", "cuarta") before a round word in `low`."""
    return [ORDINAL_WORDS.get(m.group("ord").rstrip(".")) for m in ORDINAL_RE.finditer(low)]


def _word_value(word: str) -> int | None:
    value = ORDINAL_WORDS.get(word)
    if value is None:
        digits = re.match(r"\d+", word)
        value = int(digits.group()) if digits else None
    return value


def _candidates(doc: Document) -> list[tuple[int, int, int | None]]:
    found = []
    for m in ORDINAL_RE.finditer(doc.low):
        found.append((m.start("ord"), m.end("ord"), _word_value(m.group("ord").rstrip("."))))
    for m in ROMAN_RE.finditer(doc.cased):
        group = next(g for g in ("ord", "ord2", "ord3") if m.group(g))
        word = m.group(group)
        value = ROMAN.get(word) or (int(word) if word.isdigit() else None)
        if word == "I" and group == "ord2" or value:
            found.append((m.start(group), m.end(group), value or 1))
    return sorted(found)


def extract_ordinal(doc: Document, result: Extraction) -> None:
    """Set the first ordinal that is not an earlier round's ("since the third round")."""
    for start, end, value in _candidates(doc):
        if not value or value > 40:
            continue
        s, _e = doc.sentence_of(start)
        before = doc.low[max(s, start - 60) : start]
        if PREVIOUS_MARKERS.search(before) or re.search(r"\b(?:such|since)\b", before[-12:]):
            continue
        result.ordinal = Match(value, (start, end))
        return
