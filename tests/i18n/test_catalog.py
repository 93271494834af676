"""The Spanish catalog is complete, and the Spanish pages show no English outside the records."""

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = Path("rounds/locale/es/LC_MESSAGES/django.po")


def run(*args: str, cwd: Path) -> str:
    return subprocess.run(args, cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def fresh_catalog(tmp_path_factory) -> Path:
    """`make messages` run in a copy of the sources: the shipped catalog merged with every
    string the code and templates mark today."""
    copy = tmp_path_factory.mktemp("messages")
    for name in ["rounds", "templates", "diplotrack"]:
        shutil.copytree(
            ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    for name in ["manage.py", "Makefile", "pyproject.toml"]:
        shutil.copy2(ROOT / name, copy / name)
    venv = Path(sys.executable).parent.parent
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_ENV_FILE": ""}
    subprocess.run(
        ["make", "-s", "messages", f"VENV={venv}", "-o", f"{venv}/.installed"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / CATALOG


def entries(po: str) -> set[str]:
    return set(re.findall(r'^msgid "(.+)"$', po, flags=re.MULTILINE))


def test_every_public_string_is_translated(fresh_catalog):
    untranslated = run("msgattrib", "--untranslated", "--no-obsolete", str(fresh_catalog), cwd=ROOT)
    fuzzy = run("msgattrib", "--only-fuzzy", "--no-obsolete", str(fresh_catalog), cwd=ROOT)
    assert entries(untranslated) == set(), "run `make messages` and translate these"
    assert entries(fuzzy) == set(), "check and unmark these fuzzy translations"


def test_the_shipped_catalog_is_up_to_date(fresh_catalog):
    current = run("msgattrib", "--no-obsolete", str(fresh_catalog), cwd=ROOT)
    shipped = run("msgattrib", "--no-obsolete", str(ROOT / CATALOG), cwd=ROOT)
    assert entries(current) == entries(shipped), "run `make messages`: the catalog is stale"


def test_the_catalog_compiles_with_its_formats_checked():
    run("msgfmt", "--check", "-o", os.devnull, str(ROOT / CATALOG), cwd=ROOT)


ENGLISH = {
    "the",
    "and",
    "of",
    "with",
    "round",
    "rounds",
    "topic",
    "topics",
    "request",
    "requests",
    "search",
    "page",
    "pages",
    "all",
    "recorded",
    "published",
    "show",
    "open",
    "closed",
    "next",
    "previous",
    "dialogue",
    "dialogues",
    "people",
    "summary",
    "sources",
    "date",
    "home",
    "latest",
    "none",
    "filters",
    "sort",
    "feed",
    "download",
    "compare",
    "country",
}
# The page's own words: headings, navigation, labels, buttons, captions, attributes people
# hear. Records' text (summaries, descriptions, titles of communiqués, row headers naming a
# record) is the record's own language and not looked at.
WATCHED = {
    "h1",
    "h2",
    "h3",
    "nav",
    "label",
    "legend",
    "button",
    "summary",
    "caption",
    "dt",
    "title",
    "figcaption",
}


class PageWords(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.words: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = attrs.get("lang") not in (None, "es") or attrs.get("scope") == "row"
        watched = tag in WATCHED and not foreign
        if tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self.stack.append((tag, foreign))
        for name in ("aria-label", "placeholder"):
            if attrs.get(name) and not foreign:
                self.words.append((f"{tag}@{name}", attrs[name]))
        if watched:
            self.words.append((tag, ""))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if any(foreign for _, foreign in self.stack) or "script" in tags:
            return
        inside = [tag for tag in tags if tag in WATCHED]
        if inside and data.strip():
            self.words.append((inside[-1], data))


def english_words(html: str) -> list[tuple[str, str]]:
    parser = PageWords()
    parser.feed(html)
    return [
        (where, word)
        for where, text in parser.words
        for word in re.findall(r"[A-Za-z]+", text)
        if word.lower() in ENGLISH
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("demo_data")
class TestSpanishPages:
    PATHS = [
        "/es/",
        "/es/dialogues/",
        "/es/dialogues/cuba-us-led/",
        "/es/dialogues/cuba-us-led/rounds/4/",
        "/es/dialogues/cuba-us-led/compare/",
        "/es/rounds/",
        "/es/rounds/?topic=drug-trafficking&date_from=2016-01-01",
        "/es/topics/",
        "/es/topics/drug-trafficking/",
        "/es/countries/cu/",
        "/es/requests/",
        "/es/people/",
        "/es/data/",
        "/es/no-such-page/",
    ]

    @pytest.mark.parametrize("path", PATHS)
    def test_no_english_in_the_page_words(self, client, path):
        response = client.get(path)
        assert response.status_code in (200, 404)
        assert english_words(response.content.decode()) == []
