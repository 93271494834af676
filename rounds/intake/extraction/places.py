"""Where the round met: a city or an indirect name for it ("the Cuban capital"), a venue
that implies one ("at the State Department", "en Palacio Nacional", "at the Secretariat of
Foreign Affairs"), the dateline's city for "here" and "at the seat of this Ministry", and
the host country."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import MEETING_WORDS, PREVIOUS_MARKERS, tells_future
from .gazetteer import CAPITALS
from .ordinals import ordinals_in
from .result import Extraction, Match

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import Vocabulary

_MISSION_BEFORE = re.compile(r"(?:embassy|embajada|consulate|consulado)(?:\s+\w+)?\s+(?:in|en)\s*$")
# "In a statement issued in Havana": where a text was issued, not where the round met.
_ISSUED_BEFORE = re.compile(
    r"\b(?:statement|communique|comunicado|declaracion|nota|press release)\s+"
    r"(?:issued|released|published|read|emitid[oa]|difundid[oa]|publicad[oa]|leid[oa])\s+"
    r"(?:in|en)\s*$"
)
# "after Mayorkas visited Havana late last month": someone's visit, another event.
_VISIT_BEFORE = re.compile(r"\b(?:visited|visit to|visits to|visito|visita a|viaje a|trip to)\s*$")
_ACTOR_AFTER = re.compile(r"(?:'s\b|\s+(?:sent|said|says|stated|announced|wants|envio|dijo)\b)")
# "the 26/11 attacks in Mumbai", "the Mumbai attacks": where something happened, not the talks.
_EVENT_BEFORE = re.compile(
    r"\b(?:attacks?|bombings?|atentados?|ataques?|massacre|masacre|explosion)\s+"
    r"(?:(?:of|de)\s+\w+(?:\s+de\s+\d{4})?\s+)?(?:in|on|at|en|de|contra)\s+"
    r"(?:the\s+|la\s+|el\s+)?$"
)
_EVENT_AFTER = re.compile(r"\s+(?:terror(?:ist)?\s+)?(?:attacks?|bombings?)\b")
# "met by video conference", "por videoconferencia": no city met the round.
VIRTUAL = re.compile(
    r"\b(?:video ?conference|videoconferencia|by video|teleconference|"
    r"(?:met|meet|held|convened|took place)\s+virtually|virtual (?:meeting|session|format|round)|"
    r"en (?:formato|modalidad) virtual|de (?:forma|manera) virtual|reunion virtual)\b"
)
_AT = re.compile(
    r"\b(?:at|in|inside|en|in the|at the|en el|en la|"
    r"(?:at|to) the (?:headquarters|seat) of(?: the)?|en la sede (?:del|de la))\s*$"
)
# "met here", "en esta capital": the dateline's city.
HERE = re.compile(
    r"\b(?:here|aqui|in this (?:capital|city)|en esta (?:capital|ciudad)|the national capital|"
    r"la capital (?:nacional|del pais))\b"
)
# "celebrada el pasado martes en Washington", "sat down in Washington": the place a meeting
# verb names, before any other place its sentence (or the title) mentions.
MET_IN = re.compile(
    r"\b(?:met|meet|held|took place|convened|gathered|sat down|celebr(?:ad[oa]s?|aron|o)|"
    r"se reunieron|se reunen?|reunid[oa]s|tuvo lugar|sesiono|sostuvieron|sostenid[oa]|efectuad[oa]|"
    r"realizad[oa])\b"
    r"[^,.;:]{0,40}?\b(?:in|en|at)\s+(?:the\s+)?$"
)
# "at the seat of this Ministry", "en la sede de esta Cancillería": where the issuer sits.
# "welcomed the ministers to the Department's headquarters": the issuer's own seat.
SEAT = re.compile(
    r"\b(?:at the (?:seat|headquarters) of this|at this|en la sede de (?:esta|este)|"
    r"en (?:esta|este))\s+(?:ministry|department|secretariat|foreign ministry|cancilleria|"
    r"secretaria|ministerio|departamento)\b"
    r"|\b(?:at|to) the (?:ministry|department|secretariat)'s (?:headquarters|seat)\b"
)


def _in_meeting_sentence(doc: Document, start: int, current: int | None) -> bool:
    """Is `start` in a sentence about this round (not an earlier one, not the dateline)?"""
    s, e = doc.sentence_of(start)
    if doc.in_dateline(start) or PREVIOUS_MARKERS.search(doc.low[s:start]):
        return False
    if tells_future(doc.low[max(s, start - 60) : start]):
        return False  # "the next meeting will be held in New Delhi"
    if current and any(value != current for value in ordinals_in(doc, s, start)):
        return False  # "a year after the first round, held in Mexico City"
    return bool(MEETING_WORDS.search(doc.low[s:e]) or s < doc.title_end)


def _met_virtually(doc: Document, current: int | None, span: tuple[int, int] | None = None) -> bool:
    """Does the text (or the sentence `span`) say this round met by video conference?"""
    s, e = span or (0, len(doc.low))
    return any(
        _in_meeting_sentence(doc, m.start(), current) for m in VIRTUAL.finditer(doc.low, s, e)
    )


def _cities(doc: Document, vocab: Vocabulary, current: int | None):
    for start, end, payloads in vocab.city_index.find(doc.low, doc.cased):
        s, _e = doc.sentence_of(start)
        if _MISSION_BEFORE.search(doc.low[max(s, start - 90) : start]):
            continue  # "the U.S. Embassy in Havana"
        if _ISSUED_BEFORE.search(doc.low[max(s, start - 40) : start]) or _VISIT_BEFORE.search(
            doc.low, max(s, start - 12), start
        ):
            continue
        if _ACTOR_AFTER.match(doc.low[end:]):
            continue  # "Washington sent officials": the government, not the place
        if _EVENT_BEFORE.search(doc.low[max(s, start - 40) : start]) or _EVENT_AFTER.match(
            doc.low, end
        ):
            continue
        if _in_meeting_sentence(doc, start, current) and not _met_virtually(
            doc, current, doc.sentence_of(start)
        ):
            yield start, end, payloads[0]


def _venues(doc: Document, vocab: Vocabulary, current: int | None):
    """Buildings ("Palacio Nacional") and ministries ("at the Department of State")."""
    for start, end, payloads in vocab.venue_index.find(doc.low, doc.cased):
        if _AT.search(doc.low[max(0, start - 30) : start]) and _in_meeting_sentence(
            doc, start, current
        ):
            yield start, end, _city(vocab, payloads[0])
    for start, end, payloads in vocab.ministry_index.find(doc.low, doc.cased):
        capital = CAPITALS.get(_venue_country(doc, payloads))
        at = capital and _AT.search(doc.low[max(0, start - 30) : start])
        if at and _is_venue(doc, end) and _in_meeting_sentence(doc, start, current):
            yield start, end, _city(vocab, capital)


def _venue_country(doc: Document, ministries) -> str | None:
    """The country whose ministry a name ("the Foreign Ministry") is: the one party it can
    name, or the only country it can name at all; else None."""
    countries = {m.root.country for m in ministries}
    if doc.parties:
        countries &= set(doc.parties)
    return countries.pop() if len(countries) == 1 else None


def _is_venue(doc: Document, end: int) -> bool:
    """ "met at the Department of State" but not "officials at the Department of State's X"."""
    return not re.match(r"\s*(?:'s|'|de la|del|of the)\b", doc.low[end : end + 8])


def _deictic(doc: Document, vocab: Vocabulary, dateline_city, seat_city, current: int | None):
    """ "here", "en esta capital": the dateline's city; "at the seat of this Ministry": the
    dateline's city, else the issuer's capital."""
    for pattern, city in ((HERE, dateline_city), (SEAT, dateline_city or seat_city)):
        for m in pattern.finditer(doc.low):
            if city and _in_meeting_sentence(doc, m.start(), current):
                yield m.start(), m.end(), city


def _met_in(doc: Document, start: int) -> bool:
    s, _e = doc.sentence_of(start)
    return bool(MET_IN.search(doc.low[max(s, start - 60) : start]))


def _city(vocab: Vocabulary, canonical: str):
    """The (canonical, hosts) entry of a city named by its canonical name."""
    return vocab.city_by_name.get(canonical, (canonical, ()))


def dateline_city(doc: Document, vocab: Vocabulary):
    """The (canonical, hosts) of the city the dateline names, if any."""
    found = _dateline_city_and_span(doc, vocab)
    return found[0] if found else None


def _dateline_city_and_span(doc: Document, vocab: Vocabulary):
    """The dateline's city and the line naming it: the heading's dateline, else the lead of
    the first paragraph under it."""
    for line in (doc.dateline, doc.body_dateline):
        if line is not None:
            found = vocab.city_index.find(
                doc.low[line.start : line.end], doc.cased[line.start : line.end]
            )
            if found:
                return found[0][2][0], (line.start, line.end)
            named = _city_with_its_country(doc, vocab, line.start, line.end)
            if named:
                return named, (line.start, line.end)
    return None


# A dateline's place with its country in brackets: "Santa Marta (Colombia), 7 nov (EFE)".
PLACE_AND_COUNTRY = re.compile(
    r"\s*(?P<place>[A-ZÁÉÍÓÚÑ][\w'’.-]+(?:\s+(?:de\s+|del\s+|de\s+la\s+)?[A-ZÁÉÍÓÚÑ][\w'’.-]+){0,3})"
    r"\s*\((?P<country>[^()]{2,40})\)"
)


def _city_with_its_country(doc: Document, vocab: Vocabulary, start: int, end: int):
    """A place the gazetteer does not know, named in a dateline with its country: (name,
    [country code]), else None."""
    m = PLACE_AND_COUNTRY.match(doc.text, start, end)
    if not m:
        return None
    country = vocab.country_index.find(
        doc.low[m.start("country") : m.end("country")],
        doc.cased[m.start("country") : m.end("country")],
    )
    if not country or country[0][1] - country[0][0] != m.end("country") - m.start("country"):
        return None
    return m.group("place"), [country[0][2][0]]


def extract_city(doc: Document, vocab: Vocabulary, result: Extraction) -> None:
    """Set the first place named in a sentence about the meeting, and its country; failing
    that, the dateline's city."""
    current = result.ordinal.value if result.ordinal else None
    dated = _dateline_city_and_span(doc, vocab)
    home = dated[0] if dated else None
    issuer_capital = result.issuer and CAPITALS.get(result.issuer.value["country"])
    seat = _city(vocab, issuer_capital) if issuer_capital else None
    found = [
        *_cities(doc, vocab, current),
        *_venues(doc, vocab, current),
        *_deictic(doc, vocab, home, seat, current),
    ]
    if found:
        named_by_the_verb = [f for f in found if _met_in(doc, f[0])]
        start, end, (canonical, hosts) = min(named_by_the_verb or found, key=lambda f: f[0])
        span = (start, end)
    elif home is not None and not _met_virtually(doc, current):
        (canonical, hosts), span = dated
    else:
        return
    result.city = Match(canonical, span)
    host = next((h for h in hosts if h in doc.parties), hosts[0] if hosts else None)
    if host:
        country = vocab.countries.get(host, (None, []))[0]
        result.country_hosting = Match(host, span, country)
