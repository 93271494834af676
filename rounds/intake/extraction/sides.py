"""Which party a mention belongs to: the country named nearest before it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry


def side_for(doc: Document, pos: int, candidates: Iterable[str]) -> str | None:
    """The candidate country named last before `pos` in its sentence, else first after."""
    candidates = list(candidates)
    s, e = doc.sentence_of(pos)
    before = [c for cs, ce, c in doc.countries if s <= cs and ce <= pos and c in candidates]
    if before:
        return before[-1]
    after = [c for cs, ce, c in doc.countries if pos <= cs < e and c in candidates]
    if after:
        return after[0]
    return candidates[0] if candidates else None


def pick(doc: Document, pos: int, ministries: list[MinistryEntry]) -> MinistryEntry | None:
    """Of bodies sharing a name, the one of the party the sentence points at."""
    parties = doc.parties
    usable = [m for m in ministries if not parties or m.country in parties]
    if not usable:
        return None
    if len({m.country for m in usable}) == 1:
        return usable[0]
    side = side_for(doc, pos, [m.country for m in usable])
    return next(m for m in usable if m.country == side)


def other_party(parties, code: str | None) -> str | None:
    """The other party of a two-party dialogue."""
    others = [p for p in parties if p != code]
    return others[0] if code and len(parties) == 2 and others else None


def countries_in(doc: Document, start: int, end: int) -> list[tuple[int, int, str]]:
    """The country mentions inside [start, end)."""
    return [(s, e, c) for s, e, c in doc.countries if start <= s and e <= end]
