"""The bodies in each delegation: names, acronyms and aliases in sentences about the
delegations, coordinated plurals ("the Ministries of the Interior and Justice"), and bodies
the vocabulary does not know ("Ministry of Tourism", proposed with no record)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .gazetteer import CAPITALS
from .people import extract_heads
from .result import Extraction, Match
from .sides import other_party, pick, side_for
from .terms import fold, norm_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry, Vocabulary

DELEGATION_CONTEXT = re.compile(
    r"\b(?:representatives?|represented|officials|officers|joined by|headed|heading|led|composed|"
    r"comprised|"
    r"tak(?:ing|e|es) part|"
    r"consisted|made up|included|including|participated|participation|participants|took part|"
    r"attended|drew on|sent|co-?chaired|chaired|chairs|delegates|members|experts from|"
    r"representantes|representacion|representad\w*|integrad\w*|encabez\w*|presidid\w*|participaron|"
    r"participacion|participantes|conformad\w*|compuesta|funcionarios|asistieron|acudieron|"
    r"tomaron parte|integrantes|miembros|expertos de|acompanad\w*|liderad\w*|"
    r"brought together|reunio a|hosted|acogio|anfitrion\w*)\b"
)
ISSUER_BEFORE = re.compile(
    r"(?:website of|web site of|published by|according to|reported|said|sitio web de|"
    r"segun|publicado por|informo|statement by|comunicado de)\s+(?:the\s+|la\s+|el\s+)?$"
)
ISSUER_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:communique|statement|press release|note|comunicado|nota|said|says|"
    r"stated|reported|informed|informo|senalo|indico|website)\b"
)
ABOUT_BEFORE = re.compile(
    r"\b(?:on|about|against|concerning|regarding|sobre|contra|acerca de)\s+(?:the\s+|la\s+|el\s+)?$"
)
PLURAL_BODY = re.compile(
    r"\b(ministries|departments|secretariats|ministerios|departamentos|secretarias)\s+"
    r"(?:of|for|de|del|de la|de los)\s+"
)
PLURAL_SUFFIX = re.compile(r"\b(departments|ministries|secretariats)\b")
LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|y\s+|e\s+)?|\s+(?:and|y|e)\s+")
UNKNOWN_BODY = re.compile(
    r"\b(?:the\s+)?((?:Ministry|Department|Secretariat|Office|Agency|Bureau|Commission|"
    r"Directorate|Institute|Service|Police|Ministerio|Secretar[ií]a|Departamento|Direcci[oó]n|"
    r"Oficina|Procuradur[ií]a|Fiscal[ií]a|Comisi[oó]n|Agencia|Instituto|Servicio|Polic[ií]a)"
    r"\s+(?:of|for|de|del|de la|General de|General for|Nacional de|National)\s+"
    r"(?:the\s+|la\s+|los\s+|las\s+)?[A-ZÁÉÍÓÚÑ][\w'’\-]*"
    r"(?:\s+(?:and|y|de|del|of|for|the|la|las|los|e|&)?\s*[A-ZÁÉÍÓÚÑ][\w'’\-]*)*)"
)
# "Canada Border Services Agency", "Royal Canadian Mounted Police": capitalised words and a
# body word at the end.
UNKNOWN_SUFFIX = re.compile(
    r"\b(?:the\s+)?((?:[A-ZÁÉÍÓÚÑ][\w'’\-]+\s+){1,5}(?:Agency|Service|Services|Office|Bureau|"
    r"Commission|Police|Directorate|Institute|Guard|Administration|Unit|Force|Corps|Council))\b"
)
ARTICLES = re.compile(r"^(?:the|its|their|la|el|los|las|de|del|de la|of|su|sus)\s+")


# "the U.S. Embassy", "la Embajada de Estados Unidos" with no city: the embassy of that
# country in the other party's capital.
EMBASSY_AFTER = re.compile(r"^\.?(?:'s)?\s+embassy\b(?!\s+(?:in|to)\b)")
EMBASSY_BEFORE = re.compile(r"\bembajada\s+(?:de\s+(?:los\s+)?)?$")
_NOT_CITY_AFTER = re.compile(r"^\s+(?:en|in|to|ante)\b")


class _Delegations:
    """The bodies found so far, per side, and the spans they cover."""

    def __init__(self, doc: Document, parties: tuple[str, ...]):
        self.doc = doc
        self.parties = parties
        self.by_side: dict[str, list[Match]] = {p: [] for p in parties}
        self.seen: set[tuple[str, str]] = set()
        self.covered: list[tuple[int, int]] = []

    def add(self, side: str | None, value: str, span: tuple[int, int], obj: Any = None) -> None:
        if not side or (self.parties and side not in self.parties):
            return
        self.covered.append(span)
        if (side, value) in self.seen:
            return
        self.seen.add((side, value))
        self.by_side.setdefault(side, []).append(Match(value, span, obj))

    def add_ministry(self, ministry: MinistryEntry | None, span: tuple[int, int]) -> None:
        if ministry is not None:
            self.add(ministry.country, ministry.name, span, ministry.obj)

    def context_ok(self, start: int, end: int) -> bool:
        """Is this mention in a sentence about a delegation, and not the issuer's name or
        the subject of the talks ("the attacks on U.S. Embassy Havana personnel")?"""
        doc = self.doc
        s, e = doc.sentence_of(start)
        if doc.in_heading(start) or not DELEGATION_CONTEXT.search(doc.low[s:e]):
            return False
        if ABOUT_BEFORE.search(doc.low[max(s, start - 20) : start]):
            return False
        if ISSUER_BEFORE.search(doc.low[max(s, start - 30) : start]):
            return False
        return not ISSUER_AFTER.match(doc.low[end : end + 30])

    def sorted(self) -> dict[str, list[Match]]:
        for matches in self.by_side.values():
            matches.sort(key=lambda match: match.span or (0, 0))
        return self.by_side


def _is_sub_office(doc: Document, hits: list, i: int) -> bool:
    """ "the Department of Justice's Criminal Division", "the Criminal Division of the
    Department of Justice": the sub-office is kept with its parent, which the text names."""
    start, end, payloads = hits[i]
    ancestors = {id(a) for m in payloads for a in _ancestors(m)}

    def is_parent(hit) -> bool:
        return any(id(m) in ancestors for m in hit[2])

    before = doc.low[hits[i - 1][1] : start] if i else ""
    if i and len(before) <= 4 and re.fullmatch(r"['’]s?\s*", before) and is_parent(hits[i - 1]):
        return True
    after = doc.low[end : hits[i + 1][0]] if i + 1 < len(hits) else ""
    linked = re.fullmatch(r"\s+(?:of|de|del)\s+(?:the\s+|la\s+|el\s+)?", after)
    return bool(linked) and is_parent(hits[i + 1])


def _ancestors(ministry: MinistryEntry):
    node, seen = ministry.parent, set()
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        yield node
        node = node.parent


def _named(doc: Document, vocab: Vocabulary, found: _Delegations) -> None:
    hits = vocab.ministry_index.find(doc.low, doc.cased)
    # Sub-offices named with their parent; named again alone later ("cases brought by the
    # Criminal Division"), they are still kept with it.
    with_parent: set[tuple[int, ...]] = set()
    for i, (start, end, payloads) in enumerate(hits):
        key = tuple(id(m) for m in payloads)
        if _is_sub_office(doc, hits, i):
            with_parent.add(key)
            continue
        if key in with_parent or not found.context_ok(start, end):
            continue
        if any(hs <= start and end <= he for hs, he in doc.head_segments):
            continue  # a head's title: the head already added the body it belongs to
        chosen = pick(doc, start, payloads) or pick(
            doc, start, vocab.namesakes(payloads, doc.parties)
        )
        found.add_ministry(chosen, (start, end))


def _list_end(vocab: Vocabulary, key: str, bare: str, start: int):
    """ "... y de Relaciones Exteriores en la reunión": the list ends inside the piece.

    Return (candidates, end of the body's name) for the longest known start of `key`."""
    words = key.split()
    for n in range(min(5, len(words) - 1), 0, -1):
        candidates = vocab.cores.get(" ".join(words[:n]))
        if candidates:
            return candidates, start + len(" ".join(bare.split()[:n]))
    return None, None


def _plural_list(doc: Document, vocab: Vocabulary, found: _Delegations, m: re.Match) -> None:
    """ "the Ministries of the Interior, Foreign Affairs and Justice"."""
    _s, e = doc.sentence_of(m.start())
    stop = re.search(r"[.;:()]", doc.low[m.end() : e])
    tail_end = m.end() + stop.start() if stop else e
    pos = m.end()
    pieces = LIST_SPLIT.split(doc.low[m.end() : tail_end])
    carry_start = None
    for i, piece in enumerate(pieces):
        start = doc.low.find(piece, pos)
        pos = start + len(piece)
        bare = ARTICLES.sub("", piece.strip())
        start += len(piece) - len(piece.lstrip()) + len(piece.strip()) - len(bare)
        if carry_start is not None:
            key = norm_key(doc.low[carry_start:pos])
            start, carry_start = carry_start, None
        else:
            key = norm_key(bare)
        if i + 1 < len(pieces):
            # "Security and Citizen Protection" is one body, split on its "and".
            merged = f"{key} and {norm_key(ARTICLES.sub('', pieces[i + 1].strip()))}"
            if merged in vocab.cores:
                carry_start = start
                continue
        candidates, last = vocab.cores.get(key), False
        if not candidates:
            candidates, list_end = _list_end(vocab, key, bare, start)
            if not candidates:
                return
            pos, last = list_end, True
        ministry = pick(doc, start, candidates)
        if ministry and found.context_ok(m.start(), pos):
            found.add_ministry(ministry, (start, pos))
        if last:
            return


def _suffix_list(doc: Document, vocab: Vocabulary, found: _Delegations, m: re.Match) -> None:
    """ "its Homeland Security, Justice and State Departments"."""
    s, _e = doc.sentence_of(m.start())
    pieces = LIST_SPLIT.split(doc.low[s : m.start()].rstrip())
    resolved = []
    for piece in reversed(pieces):
        words = piece.split()
        hit = _known_tail(vocab, words)
        if not hit:
            break
        resolved.append(hit)
        if len(words) > len(hit[0].split()):
            break
    for phrase, candidates in reversed(resolved):
        start = doc.low.rfind(phrase, s, m.start())
        ministry = pick(doc, start, candidates)
        if ministry and found.context_ok(start, m.end()):
            found.add_ministry(ministry, (start, start + len(phrase)))


def _known_tail(vocab: Vocabulary, words: list[str]):
    for n in range(min(5, len(words)), 0, -1):
        key = norm_key(" ".join(words[-n:]))
        if key in vocab.cores:
            return " ".join(words[-n:]), vocab.cores[key]
    return None


def _unknown(doc: Document, vocab: Vocabulary, found: _Delegations) -> None:
    """Bodies the vocabulary lacks ("Ministry of Tourism", "Canada Border Services Agency"):
    a near-spelling of a known body is that body (rapidfuzz); the rest are proposed as new."""
    matches = [m.span(1) for m in UNKNOWN_BODY.finditer(doc.text)]
    matches += [m.span(1) for m in UNKNOWN_SUFFIX.finditer(doc.text)]
    known_spans = [(s, e) for s, e, _p in vocab.ministry_index.find(doc.low, doc.cased)]
    taken = found.covered + known_spans + doc.head_segments
    for start, end in sorted(matches):
        name = doc.text[start:end].strip()
        if any(not (end <= cs or start >= ce) for cs, ce in taken):
            continue
        if not found.context_ok(start, end) or doc.in_heading(start):
            continue
        if vocab.ministry_index.find(fold(name), fold(name, lower=False)):
            continue
        side = side_for(doc, start, found.parties)
        known = vocab.similar_body(name, (side,)) if side else None
        if known is not None:
            found.add_ministry(known, (start, end))
        else:
            found.add(side, name, (start, end))


def _embassies(doc: Document, vocab: Vocabulary, found: _Delegations) -> None:
    """ "Officials of the Department of Homeland Security and of the U.S. Embassy also took
    part": the U.S. Embassy in Havana, in a text about Cuba."""
    for cs, ce, code in doc.countries:
        english = EMBASSY_AFTER.match(doc.low[ce : ce + 20])
        spanish = EMBASSY_BEFORE.search(doc.low[max(0, cs - 20) : cs])
        if spanish and _NOT_CITY_AFTER.match(doc.low[ce : ce + 6]):
            continue
        if not (english or spanish):
            continue
        capital = CAPITALS.get(other_party(doc.parties, code) or "")
        start, end = (cs, ce + english.end()) if english else (cs - len(spanish.group()), ce)
        if not capital or not found.context_ok(start, end):
            continue
        name = fold(f"embassy in {capital}")
        for ministry in vocab.ministries:
            if ministry.country == code and fold(ministry.name).endswith(name):
                found.add_ministry(ministry, (start, end))


def extract_delegations(
    doc: Document, vocab: Vocabulary, result: Extraction, parties, issuer_country=None
) -> None:
    """Set the heads and the bodies of each side's delegation on `result`."""
    found = _Delegations(doc, parties)
    heads = extract_heads(doc, vocab, parties, issuer_country)
    result.heads = [h for h, _ in heads]
    for head, ministry in heads:
        found.add_ministry(ministry, head.span)
    _named(doc, vocab, found)
    _embassies(doc, vocab, found)
    for m in PLURAL_BODY.finditer(doc.low):
        _plural_list(doc, vocab, found, m)
    for m in PLURAL_SUFFIX.finditer(doc.low):
        _suffix_list(doc, vocab, found, m)
    _unknown(doc, vocab, found)
    result.delegations = found.sorted()
