"""The first stage: check the input, and hold the text in the forms the rules read
(original, folded, folded keeping case), split into sentences, with its dateline."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Any

from rounds.text import STOP_WORDS_EN, STOP_WORDS_ES

from .dateline import find_body_dateline, find_dateline, heading_end, infer_year
from .result import MAX_BYTES, ExtractionError
from .terms import fold

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")


def check_text(text: Any) -> str:
    """Return the text as a string, or raise ExtractionError saying why it is unusable."""
    text = _decoded(text)
    if not text.strip():
        raise ExtractionError("The text is empty; paste the communiqué's text.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ExtractionError(
            "The text is larger than 1 MB; a communiqué is a few pages. Paste only its text."
        )
    if "\x00" in text:
        raise ExtractionError("The text contains NUL bytes: it looks binary, not a communiqué.")
    sample = text[:20000]
    if _unprintable(sample) > max(3, len(sample) * 0.02):
        raise ExtractionError("The text is mostly unprintable characters: it looks binary.")
    if len(_LETTER.findall(sample)) < len(sample.strip()) * 0.5:
        raise ExtractionError("The text has too few letters to be a communiqué.")
    return text


def _decoded(text: Any) -> str:
    if isinstance(text, bytes):
        if b"\x00" in text:
            raise ExtractionError("This looks like a binary file, not a text communiqué.")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ExtractionError("The text is not valid UTF-8; paste it as plain text.") from None
    if not isinstance(text, str):
        raise ExtractionError("Give the communiqué as text.")
    return text


def _unprintable(sample: str) -> int:
    bad = len(_CONTROL.findall(sample))
    if not sample.isascii():
        categories = ("Cc", "Co", "Cs", "Cn")
        bad += sum(1 for c in sample if ord(c) > 127 and unicodedata.category(c) in categories)
    return bad


def detect_language(low: str) -> str:
    """ "en", "es" or "other", from the function words of each language."""
    words = re.findall(r"[a-z]+", low[:20000])
    en = sum(1 for w in words if w in STOP_WORDS_EN)
    es = sum(1 for w in words if w in STOP_WORDS_ES)
    if en + es < 3:
        return "other"
    return "es" if es > en else "en"


_ABBREV = re.compile(
    r"(?:\b[A-Z]|U\.S|D\.C|Mr|Mrs|Ms|Dr|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Gen|Lt|Col|Sr|Sra|"
    r"Jr|St|No|EE\.UU|Amb|Gov)\.$"
)
_SENTENCE_BREAK = re.compile(r"\n\s*\n|\n|(?<=[.!?])[\"”’']?\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line; a full stop after an abbreviation is no end."""
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        gap = m.group()
        if (
            not gap.strip()
            and "\n" not in gap
            and _ABBREV.search(text[max(0, m.start() - 6) : m.start()])
        ):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


class Document:
    """The text in the three forms the rules read, its sentences, heading and dateline."""

    def __init__(self, text: str):
        self.text = text
        self.low = fold(text)
        self.cased = fold(text, lower=False)
        self.sentences = split_sentences(text)
        self.starts = [start for start, _end in self.sentences]
        # Country mentions (start, end, code): every one, places included ("talks in
        # Havana"), and those that may name a side (set by the reader).
        self.all_countries: list[tuple[int, int, str]] = []
        self.countries: list[tuple[int, int, str]] = []
        self.parties: tuple[str, ...] = ()
        self.head_segments: list[tuple[int, int]] = []
        self.ordinal_candidates: list[tuple[int, int, int | None]] | None = None  # ordinals.py
        # Where an ordinal numbers another dialogue ("the first India-U.S. Designations
        # Dialogue"): its start, set by the reader.
        self.other_dialogue_ordinals: set[int] = set()
        self.language = detect_language(self.low)
        first_line_end = text.find("\n")
        self.title_end = first_line_end if first_line_end > 0 else 0
        self.heading_end = heading_end(text)
        self.dateline = find_dateline(self)
        if self.dateline is not None and self.dateline.date and self.dateline.year is None:
            self.dateline.year = infer_year(self, self.dateline)
        self.reference_date = self.dateline.publication_date() if self.dateline else None
        # Under a heading line with a date, the first paragraph may open with its own
        # place-and-date lead: no date or place in it is the meeting's either.
        under_heading = self.dateline is not None and self.dateline.start < self.heading_end
        self.body_dateline = find_body_dateline(self) if under_heading else None
        self.dateline_city: tuple[str, tuple[str, ...]] | None = None  # set by the reader

    @property
    def month_first(self) -> bool:
        """An English text: a numeric date after a U.S. place is month first (dates.py)."""
        return self.language == "en"

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos` (or 200 characters either side)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (max(0, pos - 200), min(len(self.text), pos + 200))

    def in_lead(self, pos: int) -> bool:
        """Is `pos` in the body's first sentence, the one a report opens with what happened?"""
        lead = next((s for s, _e in self.sentences if s >= self.heading_end), None)
        return lead is not None and self.sentence_of(pos)[0] == lead

    def in_dateline(self, pos: int) -> bool:
        """Is `pos` in the place-and-date line ("Havana, 15 September 2017")?"""
        return any(
            line is not None and line.start <= pos < line.end
            for line in (self.dateline, self.body_dateline)
        )

    def in_heading(self, pos: int) -> bool:
        """Is `pos` in the title, byline and dateline lines above the body?"""
        return pos < self.heading_end
