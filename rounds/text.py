"""Text helpers shared by search, intake and the extractor: folding, stop words, shortening.

Two foldings, because two jobs need them:

- `folded_words()` compares words the way search does: case folded, accents and every other
  combining mark dropped (NFKD, so "ﬁ" is "fi"), punctuation a word break. One character may
  become zero or several, so positions move.
- `strip_accents()` keeps one character for one character, so that a span found in the
  stripped text is the same span in the original (the extractor highlights what it read).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from django.utils.text import Truncator

# Function words left out wherever words are compared: search terms, duplicate detection,
# dialogue keywords, language detection. Single letters are dropped separately where needed.
_ENGLISH = """a also an and are as at be been being both but by for from had has have in into is
it its of on onto or so such than that the their there these this those to was were which who
whom whose with"""
_SPANISH = "al como con de del el en entre la las los para por que se su sus un una y"
STOP_WORDS_EN = frozenset(_ENGLISH.split())
STOP_WORDS_ES = frozenset(_SPANISH.split())
STOP_WORDS = STOP_WORDS_EN | STOP_WORDS_ES


def split_lines(text: str | None) -> list[str]:
    """Return the non-blank, stripped lines of a multi-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def shorten(text: str | None, length: int) -> str:
    """Return `text` on one line, cut to at most `length` characters with an ellipsis."""
    return Truncator(" ".join((text or "").split())).chars(length)


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """Fold one character for comparison: zero, one or more lower-case letters or digits, or
    spaces for anything else."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))


def fold_chars(text: str) -> str:
    return "".join(fold_char(char) for char in text)


def folded_words(text: str | None) -> list[str]:
    """The folded words of a text: "Tráfico-ilícito" gives ["trafico", "ilicito"]."""
    return fold_chars(text or "").split()


# Punctuation the extractor reads as its ASCII form (same length, so spans stay valid).
_PUNCT = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-", "‑": "-"}


@lru_cache(maxsize=4096)
def _strip_char(char: str) -> str:
    if char in _PUNCT:
        return _PUNCT[char]
    base = unicodedata.normalize("NFD", char)[:1]
    return base if base and len(base) == 1 else char


_STRIP_TABLE = {
    code: _strip_char(chr(code))
    for code in [*range(0x80, 0x250), *(ord(c) for c in _PUNCT)]
    if _strip_char(chr(code)) != chr(code)
}


def strip_accents(text: str, *, lower: bool = True) -> str:
    """Strip accents (and lower-case) character by character, keeping the length."""
    if text.isascii():
        return text.lower() if lower else text
    quick = text.translate(_STRIP_TABLE)
    if lower:
        quick = quick.lower()
    if len(quick) == len(text) and (quick.isascii() or not lower):
        return quick
    out = []
    for char in text:
        stripped = _strip_char(char)
        if lower:
            low = stripped.lower()
            stripped = low if len(low) == 1 else stripped
        out.append(stripped)
    return "".join(out)
