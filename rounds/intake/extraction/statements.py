"""Statements: a side as subject before a reporting verb, and what it said."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .glossary import translate_es
from .result import Match

if TYPE_CHECKING:
    from .document import Document

KINDS = [
    (
        "expressed concern",
        r"expressed (?:its |their |deep |serious )?concern|voiced concern|"
        r"expreso (?:su )?preocupacion|manifesto (?:su )?preocupacion",
    ),
    ("urged", r"urged|called on|called upon|exhorto|insto|pidio|demando"),
    ("pointed out", r"pointed out|noted|senalo|indico|hizo notar|observed"),
    ("reiterated", r"reiterated|reaffirmed|reitero|reafirmo|ratifico"),
    ("reminded", r"reminded|recalled|recordo"),
    ("proposed", r"proposed|suggested|propuso|sugirio"),
    (
        "highlighted",
        r"highlighted|stressed|underlined|emphasi[sz]ed|underscored|destaco|subrayo|"
        r"resalto|enfatizo",
    ),
    (
        "stated",
        r"stated|said|affirmed|declared|asserted|denounced|afirmo|declaro|expreso|"
        r"manifesto|denuncio",
    ),
]
KIND_RE = re.compile("|".join(rf"(?P<k{i}>\b(?:{p})\b)" for i, (_l, p) in enumerate(KINDS)))
SUBJECT_GAP = re.compile(
    r"^(?:'s)?\s*(?:delegation|side|government|party|representatives|authorities|officials|"
    r"delegates|team|delegacion|parte|representacion|gobierno|autoridades|representantes)?\s*"
    r"(?:also|further|once again|again|in turn|ademas|tambien|por su parte|,)*\s*$"
)


def _statement_text(kind: str, complement: str) -> tuple[int, int]:
    """Return the (start, end) of the statement inside the complement."""
    start = 0
    low = complement
    if kind == "urged":
        m = re.match(r"^(?:the|al?|a la|los)\s+.{0,60}?\s+(?:to|a)\s+(?=\w)", low)
        if m:
            start = m.end()
    elif kind in ("pointed out", "stated", "reminded", "highlighted", "expressed concern"):
        thats = [t for t in re.finditer(r"\b(?:that|que)\s+", low[:160])]
        if thats:
            start = thats[-1].end() if kind == "pointed out" else thats[0].end()
        there = re.search(
            r"\bthere (?:is|are|was|were|has been|have been)\s+|\bno (?:hay|existe)\s+", low[start:]
        )
        if there:
            start += there.end() if there.group().startswith("there") else there.start()
    if kind == "reiterated":
        m = re.match(r"^(?:its|their|su|sus)\s+", low)
        if m:
            start = m.end()
    end = len(low)
    stop = re.search(
        r",\s*(?:which|who|que|quien|el cual|la cual|particularly|especially|sobre todo|"
        r"en particular|since|ya que)\b|;|\.(?:\s|$)|\s+that\s+became\b|"
        r"\s+(?:and|y)\s+(?:also\s+)?(?:reiterated|urged|stated|noted|reitero|exhorto|insto|senalo|"
        r"afirmo|denuncio|subrayo|destaco)\b",
        low[start:],
    )
    if stop:
        end = start + stop.start()
    return start, end


def extract_statements(doc: Document, parties) -> list[Match]:
    """A side as subject right before a reporting verb: what it urged, said, reiterated..."""
    out: list[Match] = []
    for m in KIND_RE.finditer(doc.low):
        kind = next(KINDS[int(k[1:])][0] for k, v in m.groupdict().items() if v)
        s, e = doc.sentence_of(m.start())
        subject = [
            (cs, ce, c)
            for cs, ce, c in doc.countries
            if s <= cs and ce <= m.start() and m.start() - ce < 40
        ]
        if not subject:
            continue
        cs, ce, side = subject[-1]
        if not SUBJECT_GAP.match(doc.low[ce : m.start()]):
            continue
        if parties and side not in parties:
            continue
        comp_start = m.end()
        complement = doc.low[comp_start:e]
        a, b = _statement_text(kind, complement.lstrip())
        lead = len(complement) - len(complement.lstrip())
        ts, te = comp_start + lead + a, comp_start + lead + b
        text = doc.text[ts:te].strip(" ,.")
        if len(text.split()) < 3:
            continue
        if doc.language == "es":
            text = translate_es(text)
        out.append(Match({"side": side, "kind": kind, "text": text}, (ts, te)))
    return out
