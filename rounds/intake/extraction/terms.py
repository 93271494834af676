"""Normalising text and finding many terms in it at once.

Folding keeps one character for one character (`rounds.text.strip_accents`), so a span found
in the folded text is the same span in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from rounds.text import STOP_WORDS, strip_accents

fold = strip_accents

_WORD = re.compile(r"\w+")


def norm_key(text: str) -> str:
    """A lookup key: folded, lower-case, punctuation dropped, spaces collapsed."""
    text = fold(text).replace("'s ", " ").replace("-", " ")
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def is_case_sensitive(term: str) -> bool:
    """Short all-capital terms ("US", "ICE") are acronyms: they match only in capitals."""
    letters = [c for c in term if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


class TermIndex:
    """Find any of many terms in a text, longest first, accent- and (mostly) case-insensitive.

    Terms and text are compared word by word (punctuation and spacing ignored), so
    "Attorney-General's Office" matches "Attorney General's Office" and "U.S." matches "U.S".
    Short all-capital terms ("US", "ICE") match only in capitals.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        self.terms: dict[tuple[bool, str], list[Any]] = {}
        self.first_words: dict[tuple[bool, str], int] = {}  # -> longest term starting so
        self._recent: dict[int, tuple[str, list]] = {}
        for term, payload in entries:
            self._add(term, payload)

    def _add(self, term: str, payload: Any) -> None:
        words = _WORD.findall(fold((term or "").strip(), lower=False))
        if not words or len("".join(words)) < 2:
            return
        sensitive = is_case_sensitive(term)
        key = "".join(words) if sensitive else " ".join(w.lower() for w in words)
        first = words[0] if sensitive else words[0].lower()
        bucket = self.terms.setdefault((sensitive, key), [])
        if payload not in bucket:
            bucket.append(payload)
        longest = self.first_words.get((sensitive, first), 0)
        self.first_words[(sensitive, first)] = max(len(words), longest)

    def find(self, low: str, cased: str) -> list[tuple[int, int, list[Any]]]:
        """Return (start, end, payloads) of each term found, left to right, longest first."""
        cached = self._recent.get(id(cased))
        if cached is not None and cached[0] is cased:
            return cached[1]
        tokens, lows, caps = _tokenize(low, cased)
        found, i = [], 0
        while i < len(tokens):
            n, hit = self._longest_at(i, lows, caps)
            if hit is None:
                i += 1
                continue
            found.append((tokens[i][0], tokens[i + n - 1][1], hit))
            i += n
        if len(self._recent) >= 8:
            self._recent.pop(next(iter(self._recent)))
        self._recent[id(cased)] = (cased, found)  # the same text is searched several times
        return found

    def _longest_at(self, i: int, lows: list[str], caps: list[str]) -> tuple[int, list | None]:
        maybe_i = self.first_words.get((False, lows[i]), 0)
        maybe_s = self.first_words.get((True, caps[i]), 0)
        for n in range(min(max(maybe_i, maybe_s), len(lows) - i), 0, -1):
            hit = self.terms.get((False, " ".join(lows[i : i + n]))) if maybe_i else None
            if hit is None and maybe_s:
                hit = self.terms.get((True, "".join(caps[i : i + n])))
            if hit is not None:
                return n, hit
        if maybe_i >= 3 and i + 1 < len(lows) and _is_adjective(lows[i + 1], caps[i + 1]):
            return self._with_adjective(i, lows, maybe_i)
        return 0, None

    def _with_adjective(self, i: int, lows: list[str], longest: int) -> tuple[int, list | None]:
        """ "la Presidencia belga del Consejo", "el Ministerio cubano del Interior": a name of
        three words or more, with an adjective after its first word (Spanish word order)."""
        for n in range(min(longest, len(lows) - i - 1), 2, -1):
            hit = self.terms.get((False, " ".join([lows[i], *lows[i + 2 : i + n + 1]])))
            if hit is not None:
                return n + 1, hit
        return 0, None


def _is_adjective(low: str, cased: str) -> bool:
    """A lower-case word that is not a function word ("belga", "cubano"; not "y", "de")."""
    return cased.islower() and len(low) >= 4 and low.isalpha() and low not in STOP_WORDS


@lru_cache(maxsize=4)
def _tokenize(low: str, cased: str) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(cased)]
    return tokens, [low[s:e] for s, e in tokens], [cased[s:e] for s, e in tokens]
