"""The dataset's CSV tables: every column described once, for the CSV, datapackage.json and
the codebook alike. Rows are read from the import-format record (records.public_record), so
the CSVs and the JSON can never disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

ROUND_KEY = "the round's id (rounds.id)"


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, integer, date, ...
    description: str
    required: bool = False


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[dict], Iterator[dict]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)

    @property
    def path(self) -> str:
        return f"{self.name}.csv"


def C(name: str, type_: str, description: str, required: bool = False) -> Column:  # noqa: N802
    return Column(name, type_, description, required)


def _rounds(record: dict) -> Iterator[tuple[dict, dict]]:
    for dialogue in record["dialogues"]:
        for round_ in dialogue["rounds"]:
            yield dialogue, round_


def _lines(urls: list[str]) -> str:
    return " ".join(urls)


# -- row readers -------------------------------------------------------------------------------


def dialogue_rows(record):
    for d in record["dialogues"]:
        yield {
            "slug": d["slug"],
            "name": d["name"],
            "short_name": d["short_name"],
            "party_a": d["parties"][0],
            "party_b": d["parties"][1],
            "description": d["description"],
            "uncertain": d["uncertain"],
        }


def country_rows(record):
    for c in record["countries"]:
        yield {"code": c["code"], "name": c["name"], "aliases": " | ".join(c["aliases"])}


def topic_rows(record):
    for t in record["topics"]:
        yield {
            "slug": t["slug"],
            "name": t["name"],
            "parent": t["parent"] or "",
            "iccs_code": t["iccs_code"],
            "description": t["description"],
        }


def ministry_rows(record):
    slugs = {(m["country"], m["name"]): m["slug"] for m in record["ministries"]}
    for m in record["ministries"]:
        yield {
            "slug": m["slug"],
            "country": m["country"],
            "name": m["name"],
            "acronym": m["acronym"],
            "kind": m["kind"],
            "parent": slugs.get((m["country"], m["parent"]), "") if m["parent"] else "",
        }


def person_rows(record):
    seen = set()
    for _dialogue, round_ in _rounds(record):
        for delegation in round_["delegations"]:
            for delegate in delegation["delegates"]:
                if delegate["person_slug"] not in seen:
                    seen.add(delegate["person_slug"])
                    yield {
                        "slug": delegate["person_slug"],
                        "name": delegate["name"],
                        "country": delegation["country"],
                    }


def round_rows(record):
    for dialogue, r in _rounds(record):
        yield {
            "id": r["id"],
            "dialogue": dialogue["slug"],
            "number": r["number"],
            "start_date": r["start_date"],
            "end_date": r["end_date"],
            "date_precision": r["date_precision"],
            "city": r["city"],
            "venue": r["venue"],
            "host": r["host"] or "",
            "summary": r["summary"],
            "uncertain": r["uncertain"],
        }


def round_topic_rows(record):
    for _dialogue, r in _rounds(record):
        for topic in r["topics"]:
            yield {"round_id": r["id"], "topic": topic}


def delegation_rows(record):
    for _dialogue, r in _rounds(record):
        for d in r["delegations"]:
            yield {
                "id": d["id"],
                "round_id": r["id"],
                "country": d["country"],
                "ministries": " | ".join(d["ministries"]),
                "uncertain": d["uncertain"],
            }


def delegate_rows(record):
    for _dialogue, r in _rounds(record):
        for d in r["delegations"]:
            for p in d["delegates"]:
                yield {
                    "id": p["id"],
                    "delegation_id": d["id"],
                    "round_id": r["id"],
                    "person": p["person_slug"],
                    "name": p["name"],
                    "role": p["role"],
                    "title": p["title"],
                    "ministry": p["ministry"] or "",
                    "uncertain": p["uncertain"],
                }


def _communique_id(ref: str) -> str:
    return ref.removeprefix("communique-") if ref else ""


def statement_rows(record):
    for _dialogue, r in _rounds(record):
        for s in r["statements"]:
            yield {
                "id": s["id"],
                "round_id": r["id"],
                "side": s["side"],
                "kind": s["kind"],
                "text": s["text"],
                "topic": s["topic"] or "",
                "communique_id": _communique_id(s["communique"]),
                "uncertain": s["uncertain"],
            }


def agreement_rows(record):
    for _dialogue, r in _rounds(record):
        for a in r["agreements"]:
            yield {
                "id": a["id"],
                "round_id": r["id"],
                "kind": a["kind"],
                "text": a["text"],
                "communique_id": _communique_id(a["communique"]),
                "uncertain": a["uncertain"],
            }


def request_rows(record):
    for dialogue, r in _rounds(record):
        for q in r["requests"]:
            yield {
                "id": q["ref"].removeprefix("request-"),
                "opened_in": r["id"],
                "dialogue": dialogue["slug"],
                "raised_by": q["raised_by"],
                "topic": q["topic"] or "",
                "description": q["description"],
                "uncertain": q["uncertain"],
            }


def request_update_rows(record):
    for _dialogue, r in _rounds(record):
        for q in r["requests"]:
            yield {
                "id": q["update_id"] or "",
                "request_id": q["ref"].removeprefix("request-"),
                "round_id": r["id"],
                "status": q["status"],
                "note": q["note"],
            }
        for u in r["request_updates"]:
            yield {
                "id": u["id"],
                "request_id": u["request"].removeprefix("request-"),
                "round_id": r["id"],
                "status": u["status"],
                "note": u["note"],
            }


def communique_rows(record):
    for _dialogue, r in _rounds(record):
        for c in r["communiques"]:
            yield {
                "id": _communique_id(c["ref"]),
                "round_id": r["id"],
                "title": c["title"],
                "kind": c["kind"],
                "language": c["language"],
                "date": c["date"] or "",
                "url": c["url"],
                "issuer_country": c["issuer_country"] or "",
                "issuer": c["issuer"] or "",
                "publisher": c["publisher"],
                "text": c["text"],
            }


def source_rows(record):
    """Every source URL of every record, one per row."""
    for d in record["dialogues"]:
        for url in d["sources"]:
            yield {"table": "dialogues", "key": d["slug"], "url": url}
    for _dialogue, r in _rounds(record):
        parts = [("rounds", r["id"], r)]
        parts += [("delegations", d["id"], d) for d in r["delegations"]]
        parts += [("delegates", p["id"], p) for d in r["delegations"] for p in d["delegates"]]
        parts += [("statements", s["id"], s) for s in r["statements"]]
        parts += [("agreements", a["id"], a) for a in r["agreements"]]
        parts += [("requests", q["ref"].removeprefix("request-"), q) for q in r["requests"]]
        parts += [("request_updates", u["id"], u) for u in r["request_updates"]]
        parts += [("communiques", _communique_id(c["ref"]), c) for c in r["communiques"]]
        for table, key, item in parts:
            for url in item["sources"]:
                yield {"table": table, "key": key, "url": url}


UNCERTAIN = C("uncertain", "string", "Why the fact is uncertain; empty when well sourced.")
ROUND_ID = C("round_id", "integer", ROUND_KEY, True)

TABLES: tuple[Table, ...] = (
    Table(
        "dialogues",
        "Dialogues",
        "Bilateral mechanisms with at least one published round.",
        (
            C("slug", "string", "Stable key, e.g. cuba-us-led.", True),
            C("name", "string", "Full name.", True),
            C("short_name", "string", "Name for narrow places."),
            C("party_a", "string", "First party (countries.code).", True),
            C("party_b", "string", "Second party (countries.code).", True),
            C("description", "string", "What the dialogue is."),
            UNCERTAIN,
        ),
        dialogue_rows,
        ("slug",),
        (("party_a", "countries", "code"), ("party_b", "countries", "code")),
    ),
    Table(
        "countries",
        "Countries",
        "Parties to the dialogues.",
        (
            C("code", "string", "ISO 3166-1 alpha-2 code, or a bloc code such as EU.", True),
            C("name", "string", "English name.", True),
            C("aliases", "string", "Other names, separated by ' | '."),
        ),
        country_rows,
        ("code",),
    ),
    Table(
        "topics",
        "Threat topics",
        "The vocabulary of threat topics.",
        (
            C("slug", "string", "Stable key, e.g. drug-trafficking.", True),
            C("name", "string", "Name.", True),
            C("parent", "string", "A broader topic (topics.slug)."),
            C("iccs_code", "string", "UNODC International Classification of Crime code."),
            C("description", "string", "What the topic covers."),
        ),
        topic_rows,
        ("slug",),
    ),
    Table(
        "ministries",
        "Ministries and agencies",
        "Bodies of the parties: those that took part in or reported on a published round, "
        "and the other bodies of the parties.",
        (
            C("slug", "string", "Stable key, e.g. cu-minint.", True),
            C("country", "string", "countries.code", True),
            C("name", "string", "Official English name.", True),
            C("acronym", "string", "e.g. MININT, DHS."),
            C("kind", "string", "interior, foreign_affairs, justice, prosecution, ...", True),
            C("parent", "string", "The body it belongs to (ministries.slug)."),
        ),
        ministry_rows,
        ("slug",),
        (("country", "countries", "code"),),
    ),
    Table(
        "people",
        "People",
        "Everyone seen in a delegation of a published round.",
        (
            C("slug", "string", "Stable key, the address of their page /people/<slug>/.", True),
            C("name", "string", "Full name as usually written.", True),
            C("country", "string", "The side they sat with (countries.code)."),
        ),
        person_rows,
        ("slug",),
    ),
    Table(
        "rounds",
        "Rounds",
        "Published rounds: one meeting of a dialogue each.",
        (
            C("id", "integer", "Stable id of the round on this site.", True),
            C("dialogue", "string", "dialogues.slug", True),
            C("number", "integer", "Ordinal within the dialogue.", True),
            C("start_date", "date", "First day (the first of the month or year if partial).", True),
            C("end_date", "date", "Last day.", True),
            C(
                "date_precision",
                "string",
                "day, month or year: how much of the date is known.",
                True,
            ),
            C("city", "string", "Host city."),
            C("venue", "string", "Venue."),
            C("host", "string", "Host country (countries.code), empty when unknown."),
            C("summary", "string", "A few sentences in our own words."),
            UNCERTAIN,
        ),
        round_rows,
        ("id",),
        (("dialogue", "dialogues", "slug"),),
    ),
    Table(
        "round_topics",
        "Topics per round",
        "The threat topics each round listed.",
        (ROUND_ID, C("topic", "string", "topics.slug", True)),
        round_topic_rows,
        ("round_id", "topic"),
        (("round_id", "rounds", "id"), ("topic", "topics", "slug")),
    ),
    Table(
        "delegations",
        "Delegations",
        "One side at one round.",
        (
            C("id", "integer", "Stable id of the delegation.", True),
            ROUND_ID,
            C("country", "string", "countries.code", True),
            C("ministries", "string", "Bodies that sent representatives, separated by ' | '."),
            UNCERTAIN,
        ),
        delegation_rows,
        ("id",),
        (("round_id", "rounds", "id"),),
    ),
    Table(
        "delegates",
        "Delegates",
        "Who sat in each delegation, with the title held at that round.",
        (
            C("id", "integer", "Stable id of the seat.", True),
            C("delegation_id", "integer", "delegations.id", True),
            ROUND_ID,
            C("person", "string", "people.slug", True),
            C("name", "string", "The person's name."),
            C("role", "string", "head, co_chair or member.", True),
            C("title", "string", "Title as of this round."),
            C("ministry", "string", "The body they represented (ministries.name)."),
            UNCERTAIN,
        ),
        delegate_rows,
        ("id",),
        (("delegation_id", "delegations", "id"), ("person", "people", "slug")),
    ),
    Table(
        "statements",
        "Statements",
        "What one side stated or urged at a round, in our own words.",
        (
            C("id", "integer", "Stable id.", True),
            ROUND_ID,
            C("side", "string", "countries.code", True),
            C("kind", "string", "stated, urged, reiterated, pointed_out, ...", True),
            C("text", "string", "The statement.", True),
            C("topic", "string", "topics.slug"),
            C("communique_id", "integer", "The communiqué reporting it (communiques.id)."),
            UNCERTAIN,
        ),
        statement_rows,
        ("id",),
        (("round_id", "rounds", "id"),),
    ),
    Table(
        "agreements",
        "Agreements",
        "What a round agreed.",
        (
            C("id", "integer", "Stable id.", True),
            ROUND_ID,
            C("kind", "string", "continue, technical, instrument or other.", True),
            C("text", "string", "The agreement.", True),
            C("communique_id", "integer", "The communiqué reporting it (communiques.id)."),
            UNCERTAIN,
        ),
        agreement_rows,
        ("id",),
        (("round_id", "rounds", "id"),),
    ),
    Table(
        "requests",
        "Cooperation requests",
        "Requests one side made of the other, opened at a published round.",
        (
            C("id", "integer", "Stable id; the address of its page /requests/<id>/.", True),
            C("opened_in", "integer", "The round it was first raised at (rounds.id).", True),
            C("dialogue", "string", "dialogues.slug", True),
            C("raised_by", "string", "The side that asked (countries.code).", True),
            C("topic", "string", "topics.slug"),
            C("description", "string", "What was asked.", True),
            UNCERTAIN,
        ),
        request_rows,
        ("id",),
        (("opened_in", "rounds", "id"),),
    ),
    Table(
        "request_updates",
        "Request updates",
        "A request's status at each published round that discussed it; the latest is current.",
        (
            C("id", "integer", "Stable id.", True),
            C("request_id", "integer", "requests.id", True),
            ROUND_ID,
            C(
                "status",
                "string",
                "raised, pending, clarified, fulfilled, declined, withdrawn.",
                True,
            ),
            C("note", "string", "What was said about it at this round."),
        ),
        request_update_rows,
        ("id",),
        (("request_id", "requests", "id"), ("round_id", "rounds", "id")),
    ),
    Table(
        "communiques",
        "Communiqués",
        "Source documents about the rounds.",
        (
            C("id", "integer", "Stable id.", True),
            ROUND_ID,
            C("title", "string", "Title.", True),
            C("kind", "string", "communique, media_note, joint_statement or news_report.", True),
            C("language", "string", "en, es, fr, zh or other.", True),
            C("date", "date", "Publication date."),
            C("url", "string", "Where it was published."),
            C("issuer_country", "string", "The side that issued it (countries.code)."),
            C("issuer", "string", "The issuing body (ministries.name)."),
            C("publisher", "string", "Where it was published, e.g. Cuban Radio."),
            C("text", "string", "The full text."),
        ),
        communique_rows,
        ("id",),
        (("round_id", "rounds", "id"),),
    ),
    Table(
        "sources",
        "Sources",
        "The source URLs of every record that states a fact.",
        (
            C("table", "string", "The table of the record: rounds, delegations, ...", True),
            C("key", "string", "The record's id (or slug, for dialogues) in that table.", True),
            C("url", "string", "A source URL.", True),
        ),
        source_rows,
    ),
)
