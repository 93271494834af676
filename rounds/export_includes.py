"""`?include=` for the search exports: a round's delegations, statements, agreements, requests,
communiqués and sources next to its own columns, still streamed chunk by chunk.

The nested records are the import format's (rounds.dataset.records), so an export with
everything included reads like the dataset's JSON. In CSV each included part is one column of
readable text, so a row stays one round.
"""

from __future__ import annotations

from django.http import HttpRequest

from .dataset import records
from .models import RoundQuerySet

INCLUDES = ("delegations", "statements", "agreements", "requests", "communiques", "sources")
MAX_INCLUDE_LENGTH = 200


class BadInclude(ValueError):
    pass


def parse_includes(request: HttpRequest) -> list[str]:
    """Read `include=a,b` (or repeated `include=`) into known parts, in INCLUDES order."""
    raw = ",".join(request.GET.getlist("include"))
    if len(raw) > MAX_INCLUDE_LENGTH:
        raise BadInclude("include: too long; name at most the six parts.")
    asked = {part.strip().lower() for part in raw.split(",") if part.strip()}
    unknown = sorted(asked - set(INCLUDES))
    if unknown:
        names = ", ".join(repr(name.replace("\x00", "")) for name in unknown)
        raise BadInclude(f"include: unknown part {names}; choose from {', '.join(INCLUDES)}.")
    return [part for part in INCLUDES if part in asked]


def with_includes(queryset: RoundQuerySet, includes: list[str]) -> RoundQuerySet:
    return records.with_parts(queryset, [part for part in includes if part in records.PARTS])


def included_record(round_, includes: list[str]) -> dict:
    """The included parts of one round, as JSON-ready lists (and sources)."""
    extra = records.round_parts(round_, [part for part in includes if part in records.PARTS])
    if "sources" in includes:
        extra.update(sources=round_.sources, uncertain=round_.uncertain_note)
    return extra


def csv_columns(includes: list[str]) -> list[str]:
    columns = []
    for part in includes:
        columns += ["requests", "request_updates"] if part == "requests" else [part]
        if part == "sources":
            columns.append("uncertain")
    return columns


def _delegation_text(d: dict) -> str:
    people = ", ".join(
        f"{p['name']} ({p['role']}{', ' + p['title'] if p['title'] else ''})"
        for p in d["delegates"]
    )
    ministries = ", ".join(d["ministries"])
    return f"{d['country']}: {ministries}" + (f" — {people}" if people else "")


_CSV_TEXT = {
    "delegations": lambda items: "; ".join(_delegation_text(d) for d in items),
    "statements": lambda items: " | ".join(f"{s['side']} {s['kind']}: {s['text']}" for s in items),
    "agreements": lambda items: " | ".join(a["text"] for a in items),
    "requests": lambda items: " | ".join(
        f"{r['ref']} by {r['raised_by']} [{r['status']}]: {r['description']}" for r in items
    ),
    "request_updates": lambda items: " | ".join(
        f"{u['request']} [{u['status']}]{': ' + u['note'] if u['note'] else ''}" for u in items
    ),
    "communiques": lambda items: " | ".join(
        c["title"] + (f" <{c['url']}>" if c["url"] else "") for c in items
    ),
    "sources": " ".join,
    "uncertain": lambda note: note,
}


def csv_cells(extra: dict) -> dict[str, str]:
    """The included parts of one round flattened to one text cell each."""
    return {key: _CSV_TEXT[key](value) for key, value in extra.items()}
