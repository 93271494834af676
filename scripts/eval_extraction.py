#!/usr/bin/env python
"""Evaluate the communiqué extractor against labelled examples.

    .venv/bin/python scripts/eval_extraction.py tests/fixtures/communiques/reference

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
DEFAULT_VOCABULARY = ROOT / "tests" / "fixtures" / "communiques" / "vocabulary.json"
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
]
SCALARS = FIELDS[:7]
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


def score_file(expected: dict, got: dict, vocab) -> dict[str, tuple[int, int, int, list, list]]:
    """Return {field: (tp, fp, fn, missed, extra)} for one communiqué."""
    out = {}
    for name in SCALARS:
        if name not in expected:
            continue
        e, g = expected[name], got.get(name)
        if name == "dialogue":
            e, g = vocab.resolve_dialogue(e), vocab.resolve_dialogue(g)
        tp = int(e is not None and e == g)
        fp = int(g is not None and g != e)
        fn = int(e is not None and g != e)
        out[name] = (tp, fp, fn, [e] if fn else [], [g] if fp else [])
    if "topics" in expected:
        e = {vocab.resolve_topic(t) for t in expected["topics"]}
        g = {vocab.resolve_topic(t) for t in got.get("topics", [])}
        out["topics"] = (len(e & g), len(g - e), len(e - g), sorted(e - g), sorted(g - e))
    if "delegations" in expected:
        e = {
            (side, vocab.resolve_ministry(side, n))
            for side, names in expected["delegations"].items()
            for n in names
        }
        g = {
            (side, vocab.resolve_ministry(side, n))
            for side, names in (got.get("delegations") or {}).items()
            for n in names
        }
        out["delegations"] = (len(e & g), len(g - e), len(e - g), sorted(e - g), sorted(g - e))
    fuzzy = {
        "heads": _head_same,
        "pending_requests": _request_same,
        "statements": _statement_same,
        "agreements": lambda e, g: similarity(e, g) >= FUZZY_THRESHOLD,
    }
    for name, same in fuzzy.items():
        if name not in expected:
            continue
        e, g = expected[name], got.get(name) or []
        tp, missed, extra = _greedy(e, g, same)
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


def add_vocabulary(data: dict) -> None:
    """Add the aliases and records of a vocabulary file to the database (idempotent)."""
    from django.utils.text import slugify

    from rounds.models import Country, Dialogue, Ministry, ThreatTopic
    from rounds.text import split_lines

    def merge(obj, aliases: list[str]) -> None:
        current = split_lines(obj.aliases)
        new = [a for a in aliases if a.casefold() not in {c.casefold() for c in current}]
        if new:
            obj.aliases = "\n".join(current + new)
            obj.save()

    for record in data.get("countries", []):
        country, _ = Country.objects.get_or_create(
            code=record["code"], defaults={"name": record["name"]}
        )
        merge(country, record.get("aliases", []))
    for record in data.get("topics", []):
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
            topic = ThreatTopic.objects.create(
                name=record["name"], slug=slugify(record["name"])[:100]
            )
        merge(topic, record.get("aliases", []))
    for record in data.get("ministries", []):
        country = Country.objects.get(code=record["country"])
        ministry = Ministry.objects.filter(country=country, name=record["name"]).first()
        if ministry is None:
            ministry = Ministry.objects.create(
                country=country,
                name=record["name"],
                acronym=record.get("acronym", ""),
                kind=record.get("kind", "other"),
            )
        merge(ministry, record.get("aliases", []))
    for record in data.get("dialogues", []):
        dialogue = Dialogue.objects.filter(slug=record["slug"]).first()
        if dialogue is None:
            dialogue = Dialogue.objects.create(
                slug=record["slug"],
                name=record["name"],
                short_name=record.get("short_name", ""),
                party_a=Country.objects.get(code=record["parties"][0]),
                party_b=Country.objects.get(code=record["parties"][1]),
            )
        merge(dialogue, record.get("aliases", []))


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path, help="folders of *.txt with *.json labels")
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
    report = evaluate(args.dirs, vocab)

    print(f"{report['files']} labelled communiqués in {', '.join(map(str, args.dirs))}\n")
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
    if not args.quiet and report["misses"]:
        print("\nMisses (expected → got):")
        for file, name, missed, extra in report["misses"]:
            print(f"  {file} · {name}")
            for item in missed:
                print(f"      missing: {json.dumps(item, ensure_ascii=False)}")
            for item in extra:
                print(f"      extra:   {json.dumps(item, ensure_ascii=False)}")
    worst = min(f for _p, _r, f in report["scores"].values())
    return 0 if worst >= 0.9 and not report["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
