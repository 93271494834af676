"""Where the round met: a city (or an indirect name for it) and the host country."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import MEETING_WORDS, PREVIOUS_MARKERS
from .result import Extraction, Match

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import Vocabulary

_MISSION_BEFORE = re.compile(r"(?:embassy|embajada|consulate|consulado)(?:\s+\w+)?\s+(?:in|en)\s*$")
_ACTOR_AFTER = re.compile(r"\s+(?:sent|said|says|stated|announced|wants|envio|dijo)\b")


def _is_meeting_place(doc: Document, start: int, end: int) -> bool:
    s, e = doc.sentence_of(start)
    if _MISSION_BEFORE.search(doc.low[max(s, start - 90) : start]):
        return False  # "the U.S. Embassy in Havana"
    if doc.in_dateline(start) or PREVIOUS_MARKERS.search(doc.low[s:start]):
        return False
    if _ACTOR_AFTER.match(doc.low[end:]):
        return False  # "Washington sent officials": the government, not the place
    return bool(MEETING_WORDS.search(doc.low[s:e]) or s < doc.title_end)


def extract_city(doc: Document, vocab: Vocabulary, result: Extraction) -> None:
    """Set the first city named in a sentence about the meeting, and its country."""
    for start, end, payloads in vocab.city_index.find(doc.low, doc.cased):
        if not _is_meeting_place(doc, start, end):
            continue
        canonical, hosts = payloads[0]
        result.city = Match(canonical, (start, end))
        host = next((h for h in hosts if h in doc.parties), hosts[0])
        country = vocab.countries.get(host, (None, []))[0]
        result.country_hosting = Match(host, (start, end), country)
        return
