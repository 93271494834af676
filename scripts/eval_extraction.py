#!/usr/bin/env python
"""Evaluate the communiqué extractor against labelled examples.

    .venv/bin/python scripts/eval_extraction.py                 # every set, one table each
    .venv/bin/python scripts/eval_extraction.py --set test      # one set, with its misses
    .venv/bin/python scripts/eval_extraction.py DIR [DIR ...]   # any folders of labels

Runs `rounds.intake.extraction.extract` over every `*.txt` that has a `*.json` beside it and prints
per-field precision, recall and F1, the misses (expected vs got) and the extraction time.
Without `--use-db` it builds a throw-away SQLite database (migrate + load_demo + the corpus
vocabulary file), so it needs nothing but the repository. How each field is matched is
explained in docs/extraction.md.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMUNIQUES = ROOT / "tests" / "fixtures" / "communiques"
DEFAULT_VOCABULARY = COMMUNIQUES / "vocabulary.json"
# The labelled sets, in the order the report shows them; `test`, `test2` ... `test12` are never
# tuned on.
SETS = {
    "reference": COMMUNIQUES / "reference",
    "corpus": COMMUNIQUES / "corpus",
    "tuning": COMMUNIQUES / "tuning",
    "test": COMMUNIQUES / "test",
    "tuning2": COMMUNIQUES / "tuning2",
    "test2": COMMUNIQUES / "test2",
    "tuning3": COMMUNIQUES / "tuning3",
    "test3": COMMUNIQUES / "test3",
    "tuning4": COMMUNIQUES / "tuning4",
    "test4": COMMUNIQUES / "test4",
    "tuning5": COMMUNIQUES / "tuning5",
    "test5": COMMUNIQUES / "test5",
    "tuning6": COMMUNIQUES / "tuning6",
    "test6": COMMUNIQUES / "test6",
    "tuning7": COMMUNIQUES / "tuning7",
    "test7": COMMUNIQUES / "test7",
    "tuning8": COMMUNIQUES / "tuning8",
    "test8": COMMUNIQUES / "test8",
    "tuning9": COMMUNIQUES / "tuning9",
    "test9": COMMUNIQUES / "test9",
    "tuning10": COMMUNIQUES / "tuning10",
    "test10": COMMUNIQUES / "test10",
    "tuning11": COMMUNIQUES / "tuning11",
    "test11": COMMUNIQUES / "test11",
    "tuning12": COMMUNIQUES / "tuning12",
    "test12": COMMUNIQUES / "test12",
    "heldout": COMMUNIQUES / "heldout",
}
FIELDS = [
    "dialogue",
    "ordinal",
    "date_start",
    "date_end",
    "city",
    "country_hosting",
    "previous_round_date",
    "topics",
    "delegations",
    "heads",
    "pending_requests",
    "agreements",
    "statements",
    "issuer",
    "publication_date",
]
SCALARS = [*FIELDS[:7], "issuer", "publication_date"]
FUZZY_THRESHOLD = 0.5


# ---------------------------------------------------------------------------------------------
# Scoring (no Django needed beyond the vocabulary passed in)


def tokens(text: str) -> set[str]:
    """Content-word stems: lower case, no accents, stop words dropped, first 5 letters kept."""
    from rounds.text import STOP_WORDS, strip_accents

    words = re.findall(r"[a-z0-9]+", strip_accents(str(text)).replace("u.s.", "us"))
    return {w[:5] for w in words if w not in STOP_WORDS}


def similarity(a: str, b: str) -> float:
    """Dice coefficient over content-word stems."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 1.0 if ta == tb else 0.0
    return 2 * len(ta & tb) / (len(ta) + len(tb))


def _greedy(expected: list, got: list, same) -> tuple[int, list, list]:
    unmatched = list(got)
    missed = []
    tp = 0
    for item in expected:
        found = next((g for g in unmatched if same(item, g)), None)
        if found is None:
            missed.append(item)
        else:
            tp += 1
            unmatched.remove(found)
    return tp, missed, unmatched


def _head_same(e: dict, g: dict) -> bool:
    return (
        e.get("side") == g.get("side")
        and similarity(e.get("name", ""), g.get("name", "")) >= FUZZY_THRESHOLD
        and (
            not e.get("title")
            or similarity(e.get("title", ""), g.get("title", "")) >= FUZZY_THRESHOLD
        )
    )


def _request_same(e: dict, g: dict) -> bool:
    if e.get("raised_by") != g.get("raised_by"):
        return False
    if "status" in e and e["status"] != g.get("status"):
        return False
    return similarity(e.get("description", ""), g.get("description", "")) >= FUZZY_THRESHOLD


def _statement_same(e: dict, g: dict) -> bool:
    return (
        e.get("side") == g.get("side")
        and e.get("kind") == g.get("kind")
        and similarity(e.get("text", ""), g.get("text", "")) >= FUZZY_THRESHOLD
    )


def _issuer_key(value, vocab) -> str | None:
    """ "CU" or "CU/Ministry of Foreign Affairs"; a label without a body compares countries."""
    if not value:
        return None
    body = value.get("body")
    country = value.get("country")
    return f"{country}/{vocab.resolve_ministry(country, body)}" if body else country


def _scalar(name: str, e, g, vocab) -> tuple[int, int, int, list, list]:
    if name == "dialogue":
        e, g = vocab.resolve_dialogue(e), vocab.resolve_dialogue(g)
    elif name == "issuer":
        e = _issuer_key(e, vocab)
        g = _issuer_key(g, vocab) if e is None or "/" in e else (g or {}).get("country")
    tp = int(e is not None and e == g)
    fp = int(g is not None and g != e)
    fn = int(e is not None and g != e)
    return tp, fp, fn, [e] if fn else [], [g] if fp else []


def _sets(e: set, g: set) -> tuple[int, int, int, list, list]:
    return len(e & g), len(g - e), len(e - g), sorted(e - g), sorted(g - e)


def _bodies(delegations: dict | None, vocab) -> set:
    return {
        (side, vocab.resolve_ministry(side, name))
        for side, names in (delegations or {}).items()
        for name in names
    }


FUZZY = {
    "heads": _head_same,
    "pending_requests": _request_same,
    "statements": _statement_same,
    "agreements": lambda e, g: similarity(e, g) >= FUZZY_THRESHOLD,
}


def score_file(expected: dict, got: dict, vocab) -> dict[str, tuple[int, int, int, list, list]]:
    """Return {field: (tp, fp, fn, missed, extra)} for one communiqué; a field the label
    leaves out is not scored."""
    out = {}
    for name in SCALARS:
        if name in expected:
            out[name] = _scalar(name, expected[name], got.get(name), vocab)
    if "topics" in expected:
        e = {vocab.resolve_topic(t) for t in expected["topics"]}
        g = {vocab.resolve_topic(t) for t in got.get("topics", [])}
        out["topics"] = _sets(e, g)
    if "delegations" in expected:
        out["delegations"] = _sets(
            _bodies(expected["delegations"], vocab), _bodies(got.get("delegations"), vocab)
        )
    for name, same in FUZZY.items():
        if name in expected:
            tp, missed, extra = _greedy(expected[name], got.get(name) or [], same)
            out[name] = (tp, len(extra), len(missed), missed, extra)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pairs(dirs: list[Path]) -> list[tuple[Path, Path]]:
    found = []
    for directory in dirs:
        for txt in sorted(Path(directory).glob("*.txt")):
            label = txt.with_suffix(".json")
            if label.exists():
                found.append((txt, label))
    return found


def evaluate(dirs: list[Path], vocab) -> dict:
    """Run the extractor over the labelled pairs in `dirs`; return totals, misses and timings."""
    from rounds.intake.extraction import ExtractionError, extract

    found = pairs(dirs)
    if found:  # warm up (regex compilation, caches) so timings show steady-state extraction
        with contextlib.suppress(ExtractionError):
            extract(found[0][0].read_text(encoding="utf-8"), vocabulary=vocab)
    totals = {name: [0, 0, 0] for name in FIELDS}
    misses: list[tuple[str, str, list, list]] = []
    timings: list[float] = []
    errors: list[tuple[str, str]] = []
    for txt, label in found:
        expected = json.loads(label.read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8")
        started = time.perf_counter()
        try:
            got = extract(text, vocabulary=vocab).to_json()
        except ExtractionError as exc:
            errors.append((txt.name, str(exc)))
            got = {}
        timings.append(time.perf_counter() - started)
        for name, (tp, fp, fn, missed, extra) in score_file(expected, got, vocab).items():
            totals[name][0] += tp
            totals[name][1] += fp
            totals[name][2] += fn
            if missed or extra:
                misses.append((txt.name, name, missed, extra))
    scores = {name: prf(*totals[name]) for name in FIELDS}
    return {
        "files": len(timings),
        "totals": totals,
        "scores": scores,
        "misses": misses,
        "timings": timings,
        "errors": errors,
    }


# ---------------------------------------------------------------------------------------------
# Vocabulary supplement: what staff would add in the admin


def _merge(obj, aliases: list[str]) -> None:
    """Add the aliases `obj` does not have yet (case-insensitive), keeping its own."""
    from rounds.text import split_lines

    current = split_lines(obj.aliases)
    known = {c.casefold() for c in current}
    new = [a for a in aliases if a.casefold() not in known]
    if new:
        obj.aliases = "\n".join(current + new)
        obj.save()


def _topic(record: dict):
    from django.utils.text import slugify

    from rounds.models import ThreatTopic

    topic = ThreatTopic.objects.filter(name__iexact=record["name"]).first()
    if topic is None:
        wanted = record["name"].casefold()
        topic = next(
            (
                t
                for t in ThreatTopic.objects.all()
                if wanted in {a.casefold() for a in t.alias_list}
            ),
            None,
        )
    if topic is None:
        topic = ThreatTopic.objects.create(name=record["name"], slug=slugify(record["name"])[:100])
    return topic


def _ministry(record: dict):
    from django.db.models import Q

    from rounds.models import Country, Ministry, Office

    country = Country.objects.get(code=record["country"])
    ministry = Ministry.objects.filter(country=country, name=record["name"]).first()
    if ministry is None:
        parent = record.get("parent")
        ministry = Ministry.objects.create(
            country=country,
            name=record["name"],
            name_es=record.get("name_es", ""),
            acronym=record.get("acronym", ""),
            kind=record.get("kind", "other"),
            # A sub-office names its parent by acronym or name, as in data/demo.json.
            parent=Ministry.objects.filter(country=country)
            .filter(Q(acronym=parent) | Q(name=parent))
            .get()
            if parent
            else None,
        )
    _merge(ministry, record.get("aliases", []))
    for office in record.get("offices", []):
        entry, _ = Office.objects.get_or_create(ministry=ministry, title=office["title"])
        _merge(entry, office.get("aliases", []))


def _dialogue(record: dict):
    from rounds.models import Country, Dialogue

    dialogue = Dialogue.objects.filter(slug=record["slug"]).first()
    if dialogue is None:
        dialogue = Dialogue.objects.create(
            slug=record["slug"],
            name=record["name"],
            short_name=record.get("short_name", ""),
            party_a=Country.objects.get(code=record["parties"][0]),
            party_b=Country.objects.get(code=record["parties"][1]),
        )
    return dialogue


def add_vocabulary(data: dict) -> None:
    """Add the aliases, records and offices of a vocabulary file to the database, as staff
    would in the admin (idempotent)."""
    from rounds.models import Country

    for record in data.get("countries", []):
        country, _ = Country.objects.get_or_create(
            code=record["code"], defaults={"name": record["name"]}
        )
        _merge(country, record.get("aliases", []))
    for record in data.get("topics", []):
        _merge(_topic(record), record.get("aliases", []))
    for record in data.get("ministries", []):
        _ministry(record)
    for record in data.get("dialogues", []):
        _merge(_dialogue(record), record.get("aliases", []))


def _setup_django(use_db: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplotrack.settings")
    # A standalone run needs no secrets: nothing is served.
    os.environ.setdefault("DJANGO_SECRET_KEY", "eval-extraction-throwaway-key-" + "x" * 30)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    if not use_db:
        folder = tempfile.mkdtemp(prefix="eval-extraction-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/vocabulary.sqlite3"
    import django

    django.setup()
    if not use_db:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_demo", verbosity=0, stdout=io.StringIO())


def _print_table(report: dict) -> None:
    print(f"{'field':22} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for name in FIELDS:
        p, r, f = report["scores"][name]
        tp, fp, fn = report["totals"][name]
        flag = "" if f >= 0.9 else "   < 0.9"
        print(f"{name:22} {p:6.2f} {r:6.2f} {f:6.2f}  {tp:3d} {fp:3d} {fn:3d}{flag}")
    timings = sorted(report["timings"])
    if timings:
        print(
            f"\ntime per communiqué: median {timings[len(timings) // 2] * 1000:.1f} ms, "
            f"max {timings[-1] * 1000:.1f} ms"
        )
    for name, message in report["errors"]:
        print(f"ERROR {name}: {message}")


def _print_misses(report: dict) -> None:
    if not report["misses"]:
        return
    print("\nMisses (expected → got):")
    for file, name, missed, extra in report["misses"]:
        print(f"  {file} · {name}")
        for item in missed:
            print(f"      missing: {json.dumps(item, ensure_ascii=False)}")
        for item in extra:
            print(f"      extra:   {json.dumps(item, ensure_ascii=False)}")


def _print_summary(reports: dict[str, dict]) -> None:
    """One line per field, one column per set: the F1 scores side by side."""
    names = list(reports)
    print("F1 per field and set (files):")
    print(f"{'field':22} " + " ".join(f"{n:>10}" for n in names))
    print(f"{'':22} " + " ".join(f"{'(' + str(r['files']) + ')':>10}" for r in reports.values()))
    for field in FIELDS:
        print(f"{field:22} " + " ".join(f"{r['scores'][field][2]:10.2f}" for r in reports.values()))
    medians = []
    for r in reports.values():
        t = sorted(r["timings"])
        medians.append(f"{t[len(t) // 2] * 1000:8.1f}ms" if t else f"{'-':>10}")
    print(f"{'median time':22} " + " ".join(medians))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of *.txt with *.json labels")
    parser.add_argument("--set", choices=list(SETS), action="append", help="a labelled set")
    parser.add_argument(
        "--use-db", action="store_true", help="use the configured database as it is"
    )
    parser.add_argument(
        "--vocabulary",
        type=Path,
        default=DEFAULT_VOCABULARY,
        help="aliases to add first (default: the corpus vocabulary file; 'none' to skip)",
    )
    parser.add_argument("--quiet", action="store_true", help="print the scores only")
    args = parser.parse_args(argv)

    _setup_django(args.use_db)
    from rounds.intake.extraction import Vocabulary

    if not args.use_db and str(args.vocabulary) != "none":
        add_vocabulary(json.loads(args.vocabulary.read_text(encoding="utf-8")))
    vocab = Vocabulary.from_database()
    if args.dirs:
        chosen = {", ".join(map(str, args.dirs)): list(args.dirs)}
    else:
        chosen = {name: [SETS[name]] for name in args.set or SETS}
    reports = {name: evaluate(dirs, vocab) for name, dirs in chosen.items()}
    for name, report in reports.items():
        print(f"{report['files']} labelled communiqués in {name}\n")
        _print_table(report)
        if not args.quiet and (args.dirs or args.set):
            _print_misses(report)
        print()
    if len(reports) > 1:
        _print_summary(reports)
    worst = min(f for r in reports.values() for _p, _r, f in r["scores"].values())
    return 0 if worst >= 0.9 and not any(r["errors"] for r in reports.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
