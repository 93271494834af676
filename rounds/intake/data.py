"""What the intake flow carries from the forms to the write: the communiqué and staff's choices."""

import datetime
from dataclasses import dataclass, field

from rounds.models import (
    CommuniqueKind,
    CooperationRequest,
    Country,
    Dialogue,
    Language,
    Ministry,
    ThreatTopic,
)
from rounds.text import shorten, split_lines

MAX_TEXT_BYTES = 1_000_000


@dataclass(frozen=True)
class CommuniqueData:
    """The communiqué itself, as pasted on the first screen."""

    text: str
    title: str = ""
    url: str = ""
    issuer: Ministry | None = None
    issuer_country: Country | None = None
    publisher: str = ""
    date: datetime.date | None = None
    language: str = Language.ENGLISH
    kind: str = CommuniqueKind.COMMUNIQUE

    @property
    def display_title(self) -> str:
        """Return the given title, else the text's first non-blank line (cut to 300 chars)."""
        return shorten(self.title.strip() or next(iter(split_lines(self.text)), ""), 300)


@dataclass(frozen=True)
class RequestChoice:
    """What to do with one extracted pending request."""

    index: int  # position in extraction.pending_requests
    status: str
    raised_by: str = ""  # side code, for a new request
    existing: CooperationRequest | None = None  # None: open a new request at this round


@dataclass
class IntakeData:
    """What staff confirmed on the preview screen (ids already checked against the database)."""

    communique: CommuniqueData
    dialogue: Dialogue
    number: int
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    city: str = ""
    host_country: Country | None = None
    topics: list[ThreatTopic] = field(default_factory=list)
    ministries: dict[str, list[Ministry]] = field(default_factory=dict)  # side code -> bodies
    new_ministries: dict[str, list[str]] = field(default_factory=dict)  # side code -> names
    heads: list[int] = field(default_factory=list)  # indices into extraction.heads
    requests: list[RequestChoice] = field(default_factory=list)
    agreements: list[int] = field(default_factory=list)  # indices into extraction.agreements
    statements: list[int] = field(default_factory=list)  # indices into extraction.statements
