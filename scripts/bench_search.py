"""Benchmark the search page on synthetic data (not a test; see docs/search.md for results).

    .venv/bin/python scripts/bench_search.py --sizes 1000 10000 100000

Creates (or reuses) a separate PostgreSQL database, by default `diplotrack_bench` on the local
server, migrates it and fills it with clearly synthetic rounds ("Synthetic benchmark dialogue
N", two communiqués each, one in English and one in Spanish). For each size it tops the data up
to N rounds, then measures the server time of the search page for a few typical queries with
Django's test client in-process (median and 95th percentile over --repeat requests) and prints
the EXPLAIN ANALYZE of the full-text query, which should show a Bitmap Index Scan on the GIN
index. It refuses any database whose name does not contain "bench", so it cannot touch the
development or production data.
"""

import argparse
import datetime
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://root@127.0.0.1:5432/diplotrack_bench"
SYNTHETIC = "Synthetic benchmark dialogue"
ROUNDS_PER_DIALOGUE = 999  # round numbers above 999 are refused (rounds_round_number_plausible)
BATCH = 2000

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
CITIES = ["Washington, D.C.", "Havana", "Beijing", "Mexico City", "Brussels", "Stockholm"]
_ENGLISH = (
    "the delegations discussed cooperation against drug trafficking human traffickers migrant "
    "smuggling cybercrime ransomware money laundering terrorism fugitives extradition border "
    "security maritime interdiction information sharing technical meetings agreed continue "
    "dialogue law enforcement officials reviewed progress requests pending cases judicial "
    "assistance training exchanges coast guard customs seizures networks investigations"
)
_SPANISH = (
    "las delegaciones abordaron la cooperación contra el tráfico ilícito de drogas la trata de "
    "personas el tráfico de migrantes la ciberdelincuencia el lavado de dinero el terrorismo "
    "los prófugos la extradición la seguridad fronteriza el intercambio de información las "
    "reuniones técnicas acordaron continuar el diálogo autoridades revisaron los avances "
    "solicitudes pendientes asistencia judicial guardacostas aduanas incautaciones redes"
)
EN_WORDS, ES_WORDS = _ENGLISH.split(), _SPANISH.split()

QUERIES = {
    "topic only": {"topic": "cybercrime"},
    "q only, common word": {"q": "trafficking"},
    "q only, rarer word": {"q": "extradition"},
    "q + topic + dates": {
        "q": "drugs",
        "topic": "drug-trafficking",
        "date_from": "2005-01-01",
        "date_to": "2015-12-31",
    },
    "relevance, phrase OR": {"q": '"human trafficking" OR smuggling', "sort": "relevance"},
    "q Spanish, no accent": {"q": "trafico"},
}


def configure(database_url: str) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to use database {name!r}: its name must contain 'bench'.")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplotrack.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_HTTPS", "0")
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")


def create_database(database_url: str, fresh: bool) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and fresh:
            conn.execute(f'DROP DATABASE "{name}"')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


# Filler pseudo-words ("bacedi", ...) make the domain words rarer, so queries are selective
# roughly as they are on real text, instead of matching every synthetic round.
_SYLLABLES = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo"]
FILLER = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES]


def synthetic_text(rng: random.Random, words: list[str], count: int) -> str:
    return (
        " ".join(
            rng.choice(words) if rng.random() < 0.02 else rng.choice(FILLER) for _ in range(count)
        ).capitalize()
        + "."
    )


def top_up(target: int, rng: random.Random) -> None:
    """Add synthetic rounds (with topics and two communiqués each) until there are `target`."""
    from django.db import connection, transaction
    from django.utils import timezone

    from rounds.models import Communique, Country, Dialogue, Round, RoundStatus, ThreatTopic

    existing = Round.objects.filter(dialogue__name__startswith=SYNTHETIC).count()
    if existing >= target:
        return
    party_a = Country.objects.get_or_create(code="SYNA", defaults={"name": "Synthetic A"})[0]
    party_b = Country.objects.get_or_create(code="SYNB", defaults={"name": "Synthetic B"})[0]
    topics = [
        ThreatTopic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TOPICS
    ]
    now = timezone.now()
    dialogues: dict[int, Dialogue] = {}
    started = time.perf_counter()
    for start in range(existing, target, BATCH):
        stop = min(start + BATCH, target)
        with transaction.atomic():
            # Triggers off during the bulk insert, then one recomputation per round below.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
            rounds = []
            for index in range(start, stop):
                number = index % ROUNDS_PER_DIALOGUE + 1
                serial = index // ROUNDS_PER_DIALOGUE + 1
                if serial not in dialogues:
                    dialogues[serial] = Dialogue.objects.get_or_create(
                        slug=f"synthetic-bench-{serial}",
                        defaults={
                            "name": f"{SYNTHETIC} {serial}",
                            "party_a": party_a,
                            "party_b": party_b,
                        },
                    )[0]
                dialogue = dialogues[serial]
                day = datetime.date(1990, 1, 1) + datetime.timedelta(days=rng.randrange(13000))
                rounds.append(
                    Round(
                        dialogue=dialogue,
                        number=number,
                        start_date=day,
                        end_date=day,
                        city=rng.choice(CITIES),
                        host_country=rng.choice([party_a, party_b]),
                        summary=synthetic_text(rng, EN_WORDS, 40),
                        status=RoundStatus.PUBLISHED,
                        published_at=now,
                    )
                )
            rounds = Round.objects.bulk_create(rounds)
            Through = Round.topics.through
            Through.objects.bulk_create(
                Through(round_id=r.pk, threattopic_id=t.pk)
                for r in rounds
                for t in rng.sample(topics, 3)
            )
            Communique.objects.bulk_create(
                Communique(
                    round=r,
                    issuer_country=party,
                    title=f"Synthetic communiqué {r.pk} ({language})",
                    language=language,
                    text=synthetic_text(rng, words, 150),
                )
                for r in rounds
                for party, language, words in (
                    (party_a, "en", EN_WORDS),
                    (party_b, "es", ES_WORDS),
                )
            )
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
                cursor.execute(
                    "UPDATE rounds_round SET search_vector = NULL WHERE id = ANY(%s)",
                    [[r.pk for r in rounds]],
                )
        print(f"  {stop} rounds ({time.perf_counter() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(repeat: int) -> dict[str, tuple[float, float, int]]:
    from django.http import QueryDict
    from django.test import Client

    from rounds.search.filters import RoundFilter

    client = Client()
    results = {}
    for label, params in QUERIES.items():
        for _ in range(2):  # warm caches and connections
            client.get("/rounds/", params)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get("/rounds/", params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        count = RoundFilter(QueryDict(urlencode(params))).qs.count()
        p95 = statistics.quantiles(timings, n=20)[-1] if len(timings) >= 2 else timings[0]
        results[label] = (statistics.median(timings), p95, count)
    return results


def explain(q: str) -> str:
    """EXPLAIN ANALYZE the filter of a full-text search (what the count and facets run)."""
    from rounds.models import Round
    from rounds.search import search_rounds

    return search_rounds(Round.objects.published(), q).order_by().explain(analyze=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=20, help="requests per query and size")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    configure(args.database_url)
    create_database(args.database_url, args.fresh)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    for size in sorted(args.sizes):
        print(f"\n== N = {size} synthetic rounds")
        top_up(size, rng)
        results = measure(args.repeat)
        print(f"{'query':24} {'median ms':>10} {'p95 ms':>8} {'results':>8}")
        for label, (median, p95, count) in results.items():
            print(f"{label:24} {median:10.1f} {p95:8.1f} {count:8}")
        print("\nEXPLAIN ANALYZE, rarer word (q=extradition):")
        print(explain("extradition"))
        print("\nEXPLAIN ANALYZE, common word (q=trafficking):")
        print(explain("trafficking"))


if __name__ == "__main__":
    main()
