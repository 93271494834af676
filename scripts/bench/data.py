"""Build the clearly synthetic benchmark database: N rounds with every kind of record.

Rows go in with COPY (psycopg 3) with triggers off, ids chosen here; then one UPDATE per table
with a search vector lets the migrations' own triggers compute the vectors (one home for the
search rule), and ANALYZE. Columns the generator does not set get the model field's default,
so a new field with a default needs no change here.
"""

from __future__ import annotations

import datetime
import enum
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

GENERATOR_VERSION = 1
BIG_DIALOGUE_ROUNDS = 600  # the dialogue page must hold its own at 500+ rounds
ROUNDS_PER_DIALOGUE = 40  # the others; numbers stay <= 999 (rounds_round_number_plausible)
COUNTRIES = 40
MINISTRY_KINDS = ["interior", "foreign_affairs", "justice", "police"]
PEOPLE_PER_COUNTRY = 30
REQUEST_EVERY = 4  # one cooperation request opened every 4th round, with up to 3 updates
DRAFT_EVERY = 97  # a few drafts: they must never show
TOPICS = [
    ("terrorism", "terrorism"),
    ("cybercrime", "cybercrime"),
    ("drug-trafficking", "drug trafficking"),
    ("human-trafficking", "human trafficking"),
    ("migrant-smuggling", "migrant smuggling"),
    ("money-laundering", "money laundering"),
    ("fugitives", "fugitives"),
    ("arms-trafficking", "arms trafficking"),
    ("ransomware", "ransomware"),
    ("border-security", "border security"),
    ("maritime-security", "maritime security"),
    ("judicial-cooperation", "judicial cooperation"),
]
RARE_WORD = "extradition"  # in about 1 text in 200
COMMON_WORD = "trafficking"  # in most texts
_EN_TEXT = (
    "the delegations discussed cooperation against drug trafficking human trafficking migrant "
    "smuggling cybercrime ransomware money laundering terrorism fugitives border security "
    "maritime interdiction information sharing technical meetings agreed continue dialogue law "
    "enforcement officials reviewed progress requests pending cases judicial assistance training "
    "exchanges coast guard customs seizures networks investigations"
)
_ES_TEXT = (
    "las delegaciones abordaron la cooperación contra el tráfico ilícito de drogas la trata de "
    "personas el tráfico de migrantes la ciberdelincuencia el lavado de dinero el terrorismo los "
    "prófugos la seguridad fronteriza el intercambio de información las reuniones técnicas "
    "acordaron continuar el diálogo autoridades revisaron los avances solicitudes pendientes "
    "asistencia judicial guardacostas aduanas incautaciones redes"
)
_EN, _ES = _EN_TEXT.split(), _ES_TEXT.split()
# Pseudo-words ("bacedi", ...) dilute the domain words so queries are selective as on real text.
_SYL = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo"]
_FILLER = [a + b + c for a in _SYL for b in _SYL for c in _SYL]
POOL = 3000  # distinct texts per language and length; rows pick from them


def synthetic_text(rng: random.Random, words: list[str], count: int, rare: str = "") -> str:
    chosen = [
        rng.choice(words) if rng.random() < 0.1 else rng.choice(_FILLER) for _ in range(count)
    ]
    if rare and rng.random() < 0.005:
        chosen.insert(rng.randrange(len(chosen) + 1), rare)
    return "Synthetic text: " + " ".join(chosen) + "."


@dataclass
class Texts:
    rng: random.Random
    pools: dict[str, list[str]] = field(default_factory=dict)

    def pick(self, kind: str) -> str:
        if kind not in self.pools:
            words, count = {"summary": (_EN, 40), "en": (_EN, 150), "es": (_ES, 150)}.get(
                kind, (_EN, 15)
            )
            rare = RARE_WORD if kind != "es" else "extradición"
            self.pools[kind] = [synthetic_text(self.rng, words, count, rare) for _ in range(POOL)]
        return self.rng.choice(self.pools[kind])


def database_stamp(rounds: int, seed: int) -> str:
    return f"diplotrack synthetic benchmark: rounds={rounds} seed={seed} v={GENERATOR_VERSION}"


def admin_url(database_url: str) -> str:
    return urlsplit(database_url)._replace(path="/postgres").geturl()


def current_stamp(database_url: str, name: str) -> str | None:
    """The stamp of an existing benchmark database (None when it does not exist)."""
    import psycopg

    with psycopg.connect(admin_url(database_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
            "WHERE datname = %s",
            [name],
        ).fetchone()
    return None if row is None else row[0]


def recreate_database(database_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(database_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def stamp_database(name: str, stamp: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [stamp])


def _plain(value):
    return value.value if isinstance(value, enum.Enum) else value


class Copier:
    """COPY rows (dicts by attname) into a model's table; unset columns get the field default."""

    def __init__(self, cursor, now: datetime.datetime) -> None:
        self.cursor, self.now, self.counts = cursor, now, {}

    def columns(self, model) -> list[tuple[str, object]]:
        from django.db import models

        columns = []
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = self.now
            elif f.has_default():
                default = _plain(f.get_default())
            elif f.null:
                default = None
            elif isinstance(f, models.CharField | models.TextField):
                default = ""
            else:
                default = KeyError  # must be given
            columns.append((f.attname, f.column, default))
        return columns

    def copy(self, model, rows: Iterable[dict]) -> None:
        columns = self.columns(model)
        table = model._meta.db_table
        names = ", ".join(f'"{column}"' for _, column, _ in columns)
        count = 0
        with self.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                values = []
                for attname, _, default in columns:
                    value = row.get(attname, default)
                    if value is KeyError:
                        raise KeyError(
                            f"{table}.{attname} has no default: the generator must set it"
                        )
                    values.append(value)
                copy.write_row(values)
                count += 1
        self.counts[table] = count


@dataclass
class Plan:
    """Where the rounds go: one big dialogue, then dialogues of ROUNDS_PER_DIALOGUE."""

    rounds: int

    def dialogue_sizes(self) -> list[int]:
        big = min(BIG_DIALOGUE_ROUNDS, self.rounds)
        sizes, left = [big], self.rounds - big
        while left > 0:
            sizes.append(min(ROUNDS_PER_DIALOGUE, left))
            left -= sizes[-1]
        return sizes


def _code(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "SY" + letters[index // 26] + letters[index % 26]


class Generator:
    def __init__(self, rounds: int, seed: int) -> None:
        self.plan = Plan(rounds)
        self.rng = random.Random(seed)
        self.texts = Texts(random.Random(seed + 1))
        self.now = datetime.datetime.now(datetime.UTC)
        self.ids: dict[str, int] = {}

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    # Reference records --------------------------------------------------------------------
    def countries(self) -> Iterator[dict]:
        for i in range(COUNTRIES):
            yield {"id": i + 1, "code": _code(i), "name": f"Synthetic Country {_code(i)}"}

    def ministry_id(self, country: int, kind: int) -> int:
        return (country - 1) * len(MINISTRY_KINDS) + kind + 1

    def ministries(self) -> Iterator[dict]:
        for c in range(1, COUNTRIES + 1):
            for k, kind in enumerate(MINISTRY_KINDS):
                label = kind.replace("_", " ")
                yield {
                    "id": self.ministry_id(c, k),
                    "country_id": c,
                    "name": f"Synthetic {label} ministry of {_code(c - 1)}",
                    "slug": f"synthetic-{_code(c - 1).lower()}-{kind.replace('_', '-')}",
                    "kind": kind,
                }

    def person_id(self, country: int, index: int) -> int:
        return (country - 1) * PEOPLE_PER_COUNTRY + index + 1

    def people(self) -> Iterator[dict]:
        for c in range(1, COUNTRIES + 1):
            for i in range(PEOPLE_PER_COUNTRY):
                code = _code(c - 1)
                yield {
                    "id": self.person_id(c, i),
                    "name": f"Synthetic Person {code} {i + 1}",
                    "slug": f"synthetic-person-{code.lower()}-{i + 1}",
                    "country_id": c,
                }

    def topics(self) -> Iterator[dict]:
        for i, (slug, name) in enumerate(TOPICS):
            yield {"id": i + 1, "slug": slug, "name": name}

    def parties(self, dialogue: int) -> tuple[int, int]:
        a = (dialogue - 1) % COUNTRIES + 1
        b = (a + (dialogue - 1) // COUNTRIES) % COUNTRIES + 1
        return a, (b if b != a else a % COUNTRIES + 1)

    def dialogues(self) -> Iterator[dict]:
        for d, _ in enumerate(self.plan.dialogue_sizes(), start=1):
            a, b = self.parties(d)
            yield {
                "id": d,
                "name": f"Synthetic benchmark dialogue {d}",
                "slug": f"synthetic-bench-{d}",
                "short_name": f"SBD {d}",
                "party_a_id": a,
                "party_b_id": b,
                "description": "Synthetic data for the load benchmark (scripts/bench_pages.py).",
            }

    # Rounds and their records -------------------------------------------------------------
    def rounds(self) -> Iterator[dict]:
        """Rounds in numbering order, each with its records attached under private keys."""
        for d, size in enumerate(self.plan.dialogue_sizes(), start=1):
            a, b = self.parties(d)
            spacing = 20 if d == 1 else 180
            first = datetime.date(1990, 1, 1) + datetime.timedelta(days=self.rng.randrange(3000))
            for number in range(1, size + 1):
                round_id = self.next_id("round")
                day = first + datetime.timedelta(days=(number - 1) * spacing)
                draft = round_id % DRAFT_EVERY == 0
                yield {
                    "id": round_id,
                    "dialogue_id": d,
                    "number": number,
                    "start_date": day,
                    "end_date": day + datetime.timedelta(days=1),
                    "date_precision": "day",
                    "city": f"Synthetic City {_code((a if number % 2 else b) - 1)}",
                    "host_country_id": a if number % 2 else b,
                    "summary": self.texts.pick("summary"),
                    "status": "draft" if draft else "published",
                    "published_at": None if draft else self.now,
                    "_parties": (a, b),
                    "_size": size,
                }


def _round_records(gen: Generator, r: dict, out: dict[str, list]) -> None:  # noqa: C901
    """Append one round's topics, delegations, communiqués, statements, agreement, request."""
    rng, (a, b), rid = gen.rng, r["_parties"], r["id"]
    for topic in rng.sample(range(1, len(TOPICS) + 1), 3):
        out["topics"].append({"id": gen.next_id("rt"), "round_id": rid, "threattopic_id": topic})
    communiques = {}
    for side, language in ((a, "en"), (b, "es")):
        delegation = gen.next_id("delegation")
        out["delegations"].append({"id": delegation, "round_id": rid, "country_id": side})
        kinds = rng.sample(range(len(MINISTRY_KINDS)), 2)
        for kind in kinds:
            out["delegation_ministries"].append(
                {
                    "id": gen.next_id("dm"),
                    "delegation_id": delegation,
                    "ministry_id": gen.ministry_id(side, kind),
                }
            )
        for seat, person in enumerate(rng.sample(range(PEOPLE_PER_COUNTRY), 2)):
            out["delegates"].append(
                {
                    "id": gen.next_id("delegate"),
                    "delegation_id": delegation,
                    "person_id": gen.person_id(side, person),
                    "role": "head" if seat == 0 else "member",
                    "title": "Synthetic title",
                    "ministry_id": gen.ministry_id(side, kinds[seat]),
                }
            )
        communique = gen.next_id("communique")
        communiques[side] = communique
        out["communiques"].append(
            {
                "id": communique,
                "round_id": rid,
                "issuer_country_id": side,
                "issuer_id": gen.ministry_id(side, 1),
                "title": f"Synthetic communiqué {rid} ({language})",
                "date": r["end_date"],
                "language": language,
                "kind": "communique",
                "text": gen.texts.pick(language),
            }
        )
        out["statements"].append(
            {
                "id": gen.next_id("statement"),
                "round_id": rid,
                "country_id": side,
                "kind": "stated",
                "text": gen.texts.pick("short"),
                "topic_id": rng.randrange(1, len(TOPICS) + 1),
                "communique_id": communique,
            }
        )
    out["agreements"].append(
        {
            "id": gen.next_id("agreement"),
            "round_id": rid,
            "kind": "continue",
            "text": gen.texts.pick("short"),
            "communique_id": communiques[a],
        }
    )
    if rid % REQUEST_EVERY == 0:
        request = gen.next_id("request")
        out["requests"].append(
            {
                "id": request,
                "opened_in_id": rid,
                "raised_by_id": a if request % 2 else b,
                "topic_id": rng.randrange(1, len(TOPICS) + 1),
                "description": gen.texts.pick("short"),
            }
        )
        # Updates at this round and the next ones of the same dialogue (ids are consecutive).
        later = min(2, r["_size"] - r["number"])
        for step, status in enumerate(["raised", "pending", "fulfilled"][: later + 1]):
            out["updates"].append(
                {
                    "id": gen.next_id("update"),
                    "request_id": request,
                    "round_id": rid + step,
                    "status": status,
                    "note": "Synthetic note.",
                }
            )


def build(rounds: int, seed: int, log=print) -> dict[str, int]:
    """Fill the (migrated, empty) benchmark database; return the row count per table."""
    from django.db import connection, transaction

    from rounds import models as m
    from rounds.models import derived

    started = time.perf_counter()
    gen = Generator(rounds, seed)
    with transaction.atomic(), connection.cursor() as django_cursor:
        cursor = django_cursor.cursor  # the psycopg 3 cursor, for COPY
        cursor.execute("SET LOCAL session_replication_role = replica")  # no triggers, no FK checks
        copier = Copier(cursor, gen.now)
        copier.copy(m.Country, gen.countries())
        copier.copy(m.Ministry, gen.ministries())
        copier.copy(m.Person, gen.people())
        copier.copy(m.ThreatTopic, gen.topics())
        copier.copy(m.Dialogue, gen.dialogues())
        keys = [
            "topics",
            "delegations",
            "delegation_ministries",
            "delegates",
            "communiques",
            "statements",
            "agreements",
            "requests",
            "updates",
        ]
        out: dict[str, list] = {key: [] for key in keys}

        def round_rows() -> Iterator[dict]:
            for r in gen.rounds():
                _round_records(gen, r, out)
                yield r

        copier.copy(m.Round, round_rows())
        log(f"  rounds copied ({time.perf_counter() - started:.0f} s)")
        targets = {
            "topics": m.Round.topics.through,
            "delegations": m.Delegation,
            "delegation_ministries": m.Delegation.ministries.through,
            "delegates": m.Delegate,
            "communiques": m.Communique,
            "statements": m.Statement,
            "agreements": m.Agreement,
            "requests": m.CooperationRequest,
            "updates": m.RequestUpdate,
        }
        for key in keys:
            copier.copy(targets[key], out.pop(key))
        log(f"  records copied ({time.perf_counter() - started:.0f} s)")
        for table in copier.counts:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'coalesce(max(id), 1)) FROM "{table}"'
            )
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        update_search_vectors(cursor, log, started)
        # COPY sent no signals: store the derived figures (request statuses, round counts).
        derived.refresh_all()
        log(f"  derived figures stored ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # the UPDATEs left a dead copy of every vector row
    log(f"  vacuumed and analysed ({time.perf_counter() - started:.0f} s)")
    return copier.counts


def update_search_vectors(cursor, log, started: float) -> None:
    """Let the triggers compute every tsvector: other tables first, then rounds still NULL.

    The GIN indexes of those tables are dropped first and rebuilt after (one bulk build is many
    times faster than 100k index insertions); their definitions come from the catalogue.
    """
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE data_type = 'tsvector' AND is_generated = 'NEVER' "
        "AND table_schema = current_schema() AND table_name LIKE 'rounds%' "
        "AND table_name NOT LIKE '%historical%' ORDER BY table_name = 'rounds_round', table_name"
    )
    columns = cursor.fetchall()
    tables = sorted({table for table, _ in columns})
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = ANY(%s) AND indexdef ILIKE '%%USING gin%%'",
        [tables],
    )
    indexes = cursor.fetchall()
    for index, _ in indexes:
        cursor.execute(f'DROP INDEX "{index}"')
    for table, column in columns:
        where = f' WHERE "{column}" IS NULL' if table == "rounds_round" else ""
        cursor.execute(f'UPDATE "{table}" SET "{column}" = NULL{where}')
        cursor.execute(f'SELECT count(*) FROM "{table}" WHERE "{column}" IS NULL')
        missing = cursor.fetchone()[0]
        note = f", {missing} still NULL: its trigger did not run" if missing else ""
        log(f"  {table}.{column} ({time.perf_counter() - started:.0f} s{note})")
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run the deferred checks before the index
    cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _, definition in indexes:
        cursor.execute(definition)
    log(f"  {len(indexes)} GIN index(es) rebuilt ({time.perf_counter() - started:.0f} s)")


def prepare(database_url: str, name: str, rounds: int, seed: int, *, rebuild: bool = False) -> None:
    """Set Django up on the benchmark database, (re)building it when asked or when it does not fit.

    The database's COMMENT stamps what it holds, so a rerun reuses it. Django's settings come
    from the environment, which the caller sets first.
    """
    import django
    from django.core.management import call_command

    stamp = database_stamp(rounds, seed)
    fresh = rebuild or current_stamp(database_url, name) != stamp
    if fresh:
        print(f"Building {name}: {rounds} synthetic rounds")
        recreate_database(database_url, name)
    django.setup()
    call_command("migrate", verbosity=0)
    if fresh:
        started = time.perf_counter()
        counts = build(rounds, seed)
        stamp_database(name, stamp)
        built = ", ".join(f"{t.removeprefix('rounds_')} {n}" for t, n in counts.items())
        print(f"Built in {time.perf_counter() - started:.0f} s: {built}")
    call_command("collectstatic", interactive=False, verbosity=0)
