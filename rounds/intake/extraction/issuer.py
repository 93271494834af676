"""Who issued the communiqué: the body or office its heading names ("Public Safety Canada",
"Media Note — Office of the Spokesperson", "Secretaría de Relaciones Exteriores |"), the
ministry a news item relays ("the communiqué, posted on the MINREX website"), or "this
Ministry" of a ministry's own note."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .result import Match
from .sides import pick
from .terms import fold
from .vocabulary import title_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry, Vocabulary

# "posted on the MINREX website", "published by the Foreign Ministry", "comunicado de la
# Cancillería": the body whose text a news item relays.
RELAYED = re.compile(
    r"(?:communique|statement|note|comunicado|nota|declaracion)\b[^.]{0,40}?"
    r"(?:posted on|published on|published by|issued by|publicad[oa] (?:en|por)|emitid[oa] por|"
    r"de)\s+(?:the\s+|la\s+|el\s+)?(?:website of\s+(?:the\s+)?|sitio web de\s+(?:la\s+|el\s+)?)?$"
)
# "Según un comunicado de la cancillería cubana, ...": a news item citing a note, not
# relaying it.
CITED = re.compile(
    r"\b(?:segun|according to|citing)\s+(?:un|una|el|la|a|the)\s+(?:comunicado|nota|"
    r"declaracion|statement|communique|note)\b[^.]{0,40}$"
)
THIS_MINISTRY = re.compile(
    r"\b(?:this|esta|este)\s+(?:ministry|foreign ministry|department|secretariat|cancilleria|"
    r"secretaria|ministerio)\b"
)
VENUE_BEFORE = re.compile(r"\b(?:at|en|en la sede de|at the seat of)\s+(?:the\s+|la\s+|el\s+)?$")
# "Embajada de los Estados Unidos en Colombia": a body the vocabulary lacks, and its country.
FOREIGN_BODY = re.compile(
    r"\b(?:embassy of|embajada de|ministry of|ministerio de|consulate of|consulado de)\s+"
    r"(?:the\s+|los\s+|la\s+)?$"
)


def _heading_lines(doc: Document) -> list[tuple[int, int]]:
    """The heading's lines, the title (first line) last: bylines name the issuer first."""
    lines, pos = [], 0
    while pos < doc.heading_end:
        end = doc.text.find("\n", pos)
        end = doc.heading_end if end < 0 or end > doc.heading_end else end
        if doc.text[pos:end].strip():
            lines.append((pos, end))
        pos = end + 1
    if doc.dateline is not None and doc.dateline.start >= doc.heading_end:
        lines.append((doc.dateline.start, doc.dateline.end))
    return lines[1:] + lines[:1]


def _office_in(doc: Document, vocab: Vocabulary, start: int, end: int):
    key = title_key(doc.text[start:end])
    for _s, _e, offices in vocab.office_index.find(key, key):
        usable = [o for o in offices if not doc.parties or o.country in doc.parties]
        if len({o.country for o in usable}) == 1:
            return usable[0].ministry
    return None


def _body_in(doc: Document, vocab: Vocabulary, start: int, end: int):
    """A body named in a heading line, in full or by a one-word name with its country
    ("Cancillería de Colombia")."""
    for s, e, payloads in vocab.ministry_index.find(doc.low[start:end], doc.cased[start:end]):
        if VENUE_BEFORE.search(doc.low[start : start + s]):
            continue  # "ministers meet at DHS headquarters": where, not who issued it
        ministry = pick(doc, start + s, payloads)
        if ministry is not None:
            return ministry, (start + s, start + e)
    if start == 0:
        return None, None  # the title's words ("... Justice and Home Affairs") name no issuer
    countries = {c for cs, _ce, c in doc.countries if start <= cs < end}
    for m in re.finditer(r"\w+", doc.cased[start:end]):
        if not m.group()[:1].isupper():
            continue
        names = vocab.single_names.get(m.group().lower(), [])
        usable = [b for b in names if b.country in countries]
        if len(usable) == 1:
            return usable[0], (start + m.start(), start + m.end())
    return None, None


def _country_in(doc: Document, start: int, end: int):
    """ "Embajada de los Estados Unidos en Colombia" → US."""
    for cs, ce, code in doc.countries:
        if start <= cs < end and FOREIGN_BODY.search(doc.low[max(start, cs - 30) : cs]):
            return code, (cs, ce)
    return None, None


def _match(vocab: Vocabulary, ministry: MinistryEntry, span) -> Match:
    return Match({"country": ministry.country, "body": ministry.name}, span, ministry.obj)


def _masthead(doc: Document, vocab: Vocabulary, lines) -> Match | None:
    """A heading line that is a body's name and nothing else ("THE WHITE HOUSE",
    "MINISTRY OF EXTERNAL AFFAIRS"): the issuer, whatever the headline names."""
    for start, end in sorted(lines):
        line = doc.low[start:end].strip()
        lead = len(doc.low[start:end]) - len(doc.low[start:end].lstrip())
        for s, e, payloads in vocab.ministry_index.find(line, doc.cased[start + lead : end]):
            whole = (s, e) == (0, len(line)) or line[:s].strip() == "the" and e == len(line)
            ministry = whole and pick(doc, start + lead + s, payloads)
            if ministry:
                return _match(vocab, ministry, (start + lead + s, start + lead + e))
    return None


def find_issuer(doc: Document, vocab: Vocabulary) -> Match | None:
    """The issuing body (or only its country), with the span that names it."""
    lines = _heading_lines(doc)
    masthead = _masthead(doc, vocab, lines)
    if masthead is not None:
        return masthead
    for start, end in lines:
        ministry, span = _body_in(doc, vocab, start, end)
        if ministry is None:
            ministry, span = _office_in(doc, vocab, start, end), (start, end)
        if ministry is not None:
            return _match(vocab, ministry, span)
        code, span = _country_in(doc, start, end)
        if code:
            country = vocab.countries.get(code, (None, []))[0]
            return Match({"country": code, "body": None}, span, country)
    return _relayed(doc, vocab) or _this_ministry(doc, vocab)


def _relayed(doc: Document, vocab: Vocabulary) -> Match | None:
    first = doc.sentences[:3]
    for s, e in first:
        for start, end, payloads in vocab.ministry_index.find(doc.low, doc.cased):
            before = doc.low[s:start]
            if s <= start < e and RELAYED.search(before) and not CITED.search(before):
                ministry = pick(doc, start, payloads)
                if ministry is not None:
                    return _match(vocab, ministry, (start, end))
    return None


def _this_ministry(doc: Document, vocab: Vocabulary) -> Match | None:
    """ "En la sede de esta Cancillería": the foreign ministry of the dateline's country."""
    m = THIS_MINISTRY.search(doc.low, doc.heading_end)
    if m is None:
        return None
    word = fold(doc.text[m.start() : m.end()]).split()[-1]
    city = doc.dateline_city
    countries = city[1] if city else doc.parties[:1]
    usable = [p for p in vocab.cores.get(word, []) if p.country in countries]
    return _match(vocab, usable[0], (m.start(), m.end())) if usable else None
