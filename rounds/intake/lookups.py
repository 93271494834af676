"""Read-only helpers of the preview: the recorded round, the next number, open requests, and
the kinds the extractor's words map to."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Max

from rounds.models import (
    AgreementKind,
    CooperationRequest,
    Dialogue,
    RequestStatus,
    Round,
    StatementKind,
)


def find_existing_round(
    *,
    dialogue: Dialogue,
    number: int | None = None,
    start_date: datetime.date | None = None,
) -> Round | None:
    """Return the stored round this communiqué reports: same number, else same start date."""
    rounds = Round.objects.for_dialogue(dialogue).select_related("dialogue")
    if number:
        found = rounds.filter(number=number).first()
        if found:
            return found
    if start_date:
        return rounds.filter(start_date=start_date).order_by("number").first()
    return None


def suggest_next_number(dialogue: Dialogue) -> int:
    """Return the number after the dialogue's highest recorded round (drafts included)."""
    highest = Round.objects.for_dialogue(dialogue).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


@dataclass(frozen=True)
class PreviousRoundHint:
    stated: str  # ISO date, possibly partial, as the text gives it
    stored: Round | None  # the round numbered one lower, if recorded

    @property
    def matches(self) -> bool | None:
        """Whether the stored previous round's date agrees with the text (None: not recorded)."""
        if self.stored is None:
            return None
        return self.stored.start_date.isoformat().startswith(self.stated)


def previous_round_hint(*, dialogue: Dialogue, number: int, stated: str) -> PreviousRoundHint:
    """Compare the previous-round date the text states with the stored round number - 1."""
    stored = (
        Round.objects.for_dialogue(dialogue).filter(number=number - 1).first()
        if number > 1
        else None
    )
    return PreviousRoundHint(stated=stated, stored=stored)


def open_requests_of(dialogue: Dialogue) -> models.QuerySet[CooperationRequest]:
    """Return the dialogue's open requests (any round, drafts included) for the update choice."""
    return (
        CooperationRequest.objects.open()
        .filter(opened_in__dialogue=dialogue)
        .select_related("raised_by", "opened_in")
        .order_by("opened_in__number", "pk")
    )


_STATEMENT_KINDS: dict[str, str] = {
    **{value: value for value in StatementKind.values},
    **{str(label).lower(): value for value, label in StatementKind.choices},
    **{value.replace("_", " "): value for value in StatementKind.values},
    "expressed concern": StatementKind.EXPRESSED_CONCERN,
    "concern": StatementKind.EXPRESSED_CONCERN,
    "said": StatementKind.STATED,
    "stressed": StatementKind.HIGHLIGHTED,
}


def statement_kind(label: str) -> str:
    """Map the extractor's kind ('urged', 'pointed out', ...) to a StatementKind value."""
    return _STATEMENT_KINDS.get((label or "").strip().lower(), StatementKind.STATED)


def agreement_kind(text: str) -> str:
    """Guess an AgreementKind from the agreement's wording."""
    lowered = text.lower()
    if "technical" in lowered or "técnic" in lowered:
        return AgreementKind.TECHNICAL_MEETINGS
    if any(word in lowered for word in ("memorandum", "mou", "arrangement", "memorando", "sign")):
        return AgreementKind.INSTRUMENT
    if any(word in lowered for word in ("continue", "continuar", "next round", "próxima")):
        return AgreementKind.CONTINUE
    return AgreementKind.OTHER


def request_status(value: dict, *, existing: bool) -> str:
    """Return the extracted status if it is a valid one, else a sensible default."""
    status = (value or {}).get("status") or ""
    if status in RequestStatus.values:
        return status
    return RequestStatus.PENDING if existing else RequestStatus.RAISED
