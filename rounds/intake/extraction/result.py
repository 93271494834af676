"""What the reader returns: values with the span of text they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models

MAX_BYTES = 1_000_000
# A communiqué is a few pages; in a longer paste (a whole web page) only the start is read,
# which keeps the worst case well under a second.
READ_CHARS = 50_000


class ExtractionError(ValueError):
    """The text cannot be read as a communiqué; the message says why."""


@dataclass(frozen=True)
class Match:
    """A value the text gives, the `[start, end)` span it was read from and its record."""

    value: Any
    span: tuple[int, int] | None
    obj: models.Model | None = None


def _span(match: Match | None) -> list[int] | None:
    return list(match.span) if match and match.span else None


@dataclass
class Extraction:
    text: str
    language: str
    dialogue: Match | None = None
    ordinal: Match | None = None
    date_start: Match | None = None
    date_end: Match | None = None
    city: Match | None = None
    country_hosting: Match | None = None
    previous_round_date: Match | None = None
    topics: list[Match] = field(default_factory=list)
    delegations: dict[str, list[Match]] = field(default_factory=dict)
    heads: list[Match] = field(default_factory=list)
    pending_requests: list[Match] = field(default_factory=list)
    agreements: list[Match] = field(default_factory=list)
    statements: list[Match] = field(default_factory=list)
    # The communiqué record: who issued it ({"country", "body"}) and when (ISO date).
    issuer: Match | None = None
    publication_date: Match | None = None
    # Problems with reading the text itself (e.g. only the start of a long paste was read);
    # what the text does not give is in `missing`.
    problems: list[str] = field(default_factory=list)
    # Plain-English notes of what staff must still supply ("No meeting date in the text.").
    missing: list[str] = field(default_factory=list)

    SCALARS = (
        "dialogue",
        "ordinal",
        "date_start",
        "date_end",
        "city",
        "country_hosting",
        "previous_round_date",
    )
    LISTS = ("topics", "heads", "pending_requests", "agreements", "statements")

    def to_json(self) -> dict:
        """Return the extraction in the format of the reference examples, plus spans."""
        data: dict[str, Any] = {}
        spans: dict[str, Any] = {}
        for name in self.SCALARS:
            match = getattr(self, name)
            data[name] = match.value if match else None
            spans[name] = _span(match)
        data["topics"] = [m.value for m in self.topics]
        spans["topics"] = [_span(m) for m in self.topics]
        data["delegations"] = {
            side: [m.value for m in matches] for side, matches in self.delegations.items()
        }
        spans["delegations"] = {
            side: [_span(m) for m in matches] for side, matches in self.delegations.items()
        }
        for name in ("heads", "pending_requests", "agreements", "statements"):
            matches = getattr(self, name)
            data[name] = [m.value for m in matches]
            spans[name] = [_span(m) for m in matches]
        for name in ("issuer", "publication_date"):
            match = getattr(self, name)
            data[name] = match.value if match else None
            spans[name] = _span(match)
        data["language"] = self.language
        data["unrecognized"] = self.unrecognized()
        data["problems"] = list(self.problems)
        data["missing"] = list(self.missing)
        data["spans"] = spans
        return data

    def unrecognized(self) -> dict[str, list[str]]:
        """The bodies per side that the text names and the vocabulary does not know."""
        out: dict[str, list[str]] = {}
        for side, matches in self.delegations.items():
            unknown = [m.value for m in matches if m.obj is None]
            if unknown:
                out[side] = unknown
        return out
