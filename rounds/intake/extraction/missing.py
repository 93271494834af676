"""What the text does not give: plain-English notes for staff, one per gap."""

from __future__ import annotations

from .result import Extraction


def _shorten(text: str, length: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def missing(result: Extraction) -> list[str]:
    """Notes of what staff must still supply, e.g. "No meeting date in the text."."""
    notes = []
    checks = [
        (result.dialogue, "No known dialogue in the text; pick the dialogue."),
        (result.ordinal, "No round number in the text."),
        (result.date_start, "No meeting date in the text."),
        (result.city, "No meeting place in the text."),
        (result.country_hosting or not result.city, "No host country in the text."),
        (result.issuer, "No issuer named in the text."),
        (result.publication_date, "No publication date in the text."),
    ]
    notes += [note for value, note in checks if not value]
    if not result.previous_round_date and not (result.ordinal and result.ordinal.value == 1):
        notes.append("No date for the previous round in the text.")
    for match in result.pending_requests:
        if not match.value.get("raised_by"):
            description = _shorten(match.value.get("description", ""))
            notes.append(f"The text does not say which side raised the request “{description}”.")
    for match in result.heads:
        if not match.value.get("side"):
            notes.append(f"The text does not say which side {match.value['name']} belongs to.")
    for side, matches in result.delegations.items():
        notes += [
            f"“{m.value}” ({side}) is not a known body: pick one or create it."
            for m in matches
            if m.obj is None
        ]
    return notes
