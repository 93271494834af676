"""What the text does not give: plain-English notes for staff, one per gap."""

from __future__ import annotations

from rounds.text import shorten

from .result import Extraction


class Gap(str):
    """A note of what the text does not give, e.g. "No meeting date in the text.", with the
    `field` it concerns, so a form that got the value elsewhere can leave the note out."""

    field: str

    def __new__(cls, note: str, field: str) -> Gap:
        gap = super().__new__(cls, note)
        gap.field = field
        return gap


def missing(result: Extraction) -> list[Gap]:
    """Notes of what staff must still supply, e.g. "No meeting date in the text."."""
    checks = [
        ("dialogue", result.dialogue, "No known dialogue in the text; pick the dialogue."),
        ("ordinal", result.ordinal, "No round number in the text."),
        ("date_start", result.date_start, "No meeting date in the text."),
        ("city", result.city, "No meeting place in the text."),
        (
            "country_hosting",
            result.country_hosting or not result.city,
            "No host country in the text.",
        ),
        ("issuer", result.issuer, "No issuer named in the text."),
        ("publication_date", result.publication_date, "No publication date in the text."),
    ]
    notes = [Gap(note, name) for name, value, note in checks if not value]
    if not result.previous_round_date and not (result.ordinal and result.ordinal.value == 1):
        notes.append(Gap("No date for the previous round in the text.", "previous_round_date"))
    for match in result.pending_requests:
        if not match.value.get("raised_by"):
            description = shorten(match.value.get("description", ""), 60)
            notes.append(
                Gap(
                    f"The text does not say which side raised the request “{description}”.",
                    "pending_requests",
                )
            )
    for match in result.heads:
        if not match.value.get("side"):
            name = match.value["name"]
            notes.append(Gap(f"The text does not say which side {name} belongs to.", "heads"))
    for side, matches in result.delegations.items():
        notes += [
            Gap(f"“{m.value}” ({side}) is not a known body: pick one or create it.", "delegations")
            for m in matches
            if m.obj is None
        ]
    return notes
