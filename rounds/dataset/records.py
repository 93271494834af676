"""Published records written in the import format (docs/import-format.md).

The one writer of that format: the dataset's JSON (which `import_rounds` reads back into an
empty instance) and the search exports' `?include=` both use these functions. Every query
starts from published rounds; requests opened at a draft round and statuses given at one are
left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from rounds.models import (
    Agreement,
    Communique,
    CooperationRequest,
    Country,
    Delegate,
    Delegation,
    Dialogue,
    Ministry,
    RequestUpdate,
    Round,
    RoundQuerySet,
    RoundStatus,
    Statement,
    ThreatTopic,
)

# The parts of a round besides its own fields, in the order the import format lists them.
PARTS = ("delegations", "communiques", "statements", "agreements", "requests")


def request_ref(request_id: int) -> str:
    return f"request-{request_id}"


def communique_ref(communique_id: int) -> str:
    return f"communique-{communique_id}"


def sourced(record) -> dict:
    return {"sources": record.sources, "uncertain": record.uncertain_note}


# -- prefetching ---------------------------------------------------------------------------------

_PREFETCHES = {
    "delegations": lambda: Prefetch(
        "delegations",
        queryset=Delegation.objects.select_related("country")
        .prefetch_related(
            "ministries",
            Prefetch(
                "delegates",
                queryset=Delegate.objects.select_related("person", "ministry").order_by(
                    "role", "person__name", "pk"
                ),
            ),
        )
        .order_by("country__code", "pk"),
    ),
    "communiques": lambda: Prefetch(
        "communiques",
        queryset=Communique.objects.select_related("issuer", "issuer_country").order_by("pk"),
    ),
    "statements": lambda: Prefetch(
        "statements", queryset=Statement.objects.select_related("country", "topic").order_by("pk")
    ),
    "agreements": lambda: Prefetch("agreements", queryset=Agreement.objects.order_by("pk")),
    "requests": lambda: [
        Prefetch(
            "opened_requests",
            queryset=CooperationRequest.objects.select_related("raised_by", "topic")
            .prefetch_related(
                Prefetch(
                    "updates",
                    queryset=RequestUpdate.objects.published(),
                    to_attr="published_updates",
                )
            )
            .order_by("pk"),
        ),
        Prefetch(
            "request_updates",
            queryset=RequestUpdate.objects.filter(
                request__opened_in__status=RoundStatus.PUBLISHED
            ).order_by("request_id", "pk"),
            to_attr="public_updates",
        ),
    ],
}


def with_parts(queryset: RoundQuerySet, parts: Iterable[str] = PARTS) -> RoundQuerySet:
    """Prefetch what `round_parts()` reads, a fixed number of queries per batch of rounds."""
    prefetches = []
    for part in parts:
        made = _PREFETCHES[part]()
        prefetches += made if isinstance(made, list) else [made]
    return queryset.prefetch_related(*prefetches)


# -- one round -----------------------------------------------------------------------------------


def round_fields(round_: Round) -> dict:
    """A round's own fields (dialogue, host and topics loaded)."""
    return {
        "id": round_.pk,
        "number": round_.number,
        "start_date": round_.start_date.isoformat(),
        "end_date": round_.end_date.isoformat(),
        "date_precision": round_.date_precision,
        "city": round_.city,
        "venue": round_.venue,
        "host": round_.host_country.code if round_.host_country else None,
        "status": RoundStatus.PUBLISHED,
        "summary": round_.summary,
        "topics": [topic.slug for topic in round_.topics.all()],
        **sourced(round_),
    }


def delegation_record(delegation: Delegation) -> dict:
    return {
        "id": delegation.pk,
        "country": delegation.country.code,
        "ministries": [ministry.name for ministry in delegation.ministries.all()],
        **sourced(delegation),
        "delegates": [
            {
                "id": delegate.pk,
                "name": delegate.person.name,
                "person_slug": delegate.person.slug,
                "role": delegate.role,
                "title": delegate.title,
                "ministry": delegate.ministry.name if delegate.ministry else None,
                **sourced(delegate),
            }
            for delegate in delegation.delegates.all()
        ],
    }


def communique_record(communique: Communique) -> dict:
    return {
        "ref": communique_ref(communique.pk),
        "issuer_country": communique.issuer_country.code if communique.issuer_country else None,
        "issuer": communique.issuer.name if communique.issuer else None,
        "publisher": communique.publisher,
        "title": communique.title,
        "date": communique.date.isoformat() if communique.date else None,
        "url": communique.url,
        "language": communique.language,
        "kind": communique.kind,
        "text": communique.text,
        **sourced(communique),
    }


def statement_record(statement: Statement) -> dict:
    return {
        "id": statement.pk,
        "side": statement.country.code,
        "kind": statement.kind,
        "text": statement.text,
        "topic": statement.topic.slug if statement.topic else None,
        "communique": communique_ref(statement.communique_id) if statement.communique_id else "",
        **sourced(statement),
    }


def agreement_record(agreement: Agreement) -> dict:
    return {
        "id": agreement.pk,
        "kind": agreement.kind,
        "text": agreement.text,
        "communique": communique_ref(agreement.communique_id) if agreement.communique_id else "",
        **sourced(agreement),
    }


def request_record(request: CooperationRequest) -> dict:
    """A request opened at this round, with the status this round gave it."""
    opening = next(
        (u for u in request.published_updates if u.round_id == request.opened_in_id), None
    )
    return {
        "ref": request_ref(request.pk),
        "update_id": opening.pk if opening else None,
        "raised_by": request.raised_by.code,
        "topic": request.topic.slug if request.topic else None,
        "description": request.description,
        "status": opening.status if opening else "raised",
        "note": opening.note if opening else "",
        **sourced(request),
    }


def update_record(update: RequestUpdate) -> dict:
    return {
        "id": update.pk,
        "request": request_ref(update.request_id),
        "status": update.status,
        "note": update.note,
        **sourced(update),
    }


def round_parts(round_: Round, parts: Iterable[str] = PARTS) -> dict:
    """The round's records in the import format, for the `parts` asked (prefetched)."""
    parts = set(parts)
    record: dict = {}
    if "delegations" in parts:
        record["delegations"] = [delegation_record(d) for d in round_.delegations.all()]
    if "communiques" in parts:
        record["communiques"] = [communique_record(c) for c in round_.communiques.all()]
    if "statements" in parts:
        record["statements"] = [statement_record(s) for s in round_.statements.all()]
    if "agreements" in parts:
        record["agreements"] = [agreement_record(a) for a in round_.agreements.all()]
    if "requests" in parts:
        record["requests"] = [request_record(r) for r in round_.opened_requests.all()]
        record["request_updates"] = [
            update_record(u)
            for u in round_.public_updates
            if u.request_id not in {r.pk for r in round_.opened_requests.all()}
        ]
    return record


# -- the whole public record ---------------------------------------------------------------------


def published_rounds() -> RoundQuerySet:
    return with_parts(
        Round.objects.published()
        .defer("search_vector")
        .select_related("dialogue", "host_country")
        .prefetch_related("topics")
        .order_by("dialogue__slug", "number")
    )


def _by_depth(records: QuerySet, parent_attr: str = "parent_id") -> list:
    """Order a tree's records so that each comes after its parent (the importer needs it)."""
    rows = list(records)
    by_pk = {row.pk: row for row in rows}
    position = {row.pk: index for index, row in enumerate(rows)}

    def depth(row, seen=()) -> int:
        parent = by_pk.get(getattr(row, parent_attr))
        return 0 if parent is None or parent.pk in seen else 1 + depth(parent, (*seen, row.pk))

    return sorted(rows, key=lambda row: (depth(row), position[row.pk]))


def public_record(
    countries: QuerySet[Country], ministries: QuerySet[Ministry], topics: QuerySet[ThreatTopic]
) -> dict:
    """The whole public record as one import file: every list in the format's order."""
    rounds_by_dialogue: dict[int, list[dict]] = {}
    for round_ in published_rounds().iterator(chunk_size=500):
        rounds_by_dialogue.setdefault(round_.dialogue_id, []).append(
            {**round_fields(round_), **round_parts(round_)}
        )
    dialogues = Dialogue.objects.public().select_related("party_a", "party_b").order_by("slug")
    return {
        "format": "diplotrack-rounds/1",
        "countries": [
            {"code": c.code, "name": c.name, "name_es": c.name_es, "aliases": c.alias_list}
            for c in countries.order_by("code")
        ],
        "topics": [
            {
                "slug": t.slug,
                "name": t.name,
                "name_es": t.name_es,
                "iccs_code": t.iccs_code,
                "parent": t.parent.slug if t.parent_id else None,
                "description": t.description,
                "aliases": t.alias_list,
            }
            for t in _by_depth(topics.select_related("parent").order_by("slug"))
        ],
        "ministries": [
            {
                "country": m.country.code,
                "name": m.name,
                "name_es": m.name_es,
                "slug": m.slug,
                "acronym": m.acronym,
                "kind": m.kind,
                "parent": m.parent.name if m.parent_id else None,
                "aliases": m.alias_list,
            }
            for m in _by_depth(
                ministries.select_related("country", "parent").order_by("country__code", "slug")
            )
        ],
        "dialogues": [
            {
                "slug": d.slug,
                "name": d.name,
                "name_es": d.name_es,
                "short_name": d.short_name,
                "parties": [d.party_a.code, d.party_b.code],
                "description": d.description,
                "aliases": d.alias_list,
                **sourced(d),
                "rounds": rounds_by_dialogue.get(d.pk, []),
            }
            for d in dialogues
        ],
    }
