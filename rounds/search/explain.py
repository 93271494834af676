"""Why a round matched a search: the field that matched, with a highlighted snippet or the alias.

Both backends answer `explain(round_ids, parsed)` the same way: `candidate_pieces()` reads
every searchable piece of text of a page of rounds (a fixed number of queries, whatever the
page), the backend decides which pieces match as its own search does (folded word starts on
SQLite, the stemmed tsquery on PostgreSQL) and highlights them, and `reasons()` turns the
matches into what the page says, strongest first: "topic alias: red notice → fugitives",
"in the summary: … <mark>extradition</mark> …".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import pgettext_lazy

from rounds.models import Agreement, Communique, Round, Statement
from rounds.text import split_lines

# What kind of text a piece is: its label on the page (in Spanish with its article, as the
# page words it "in the summary": "en el resumen"), and its rank (names first, like the
# weights of the search vector: A names, B the round's own fields, C statements, D bodies).
KINDS = {
    "topic": (pgettext_lazy("search reason", "topic"), 0),
    "topic_alias": (pgettext_lazy("search reason", "topic alias"), 0),
    "dialogue": (pgettext_lazy("search reason", "dialogue"), 1),
    "dialogue_alias": (pgettext_lazy("search reason", "dialogue alias"), 1),
    "summary": (pgettext_lazy("search reason", "summary"), 2),
    "place": (pgettext_lazy("search reason", "place"), 2),
    "statement": (pgettext_lazy("search reason", "statement"), 3),
    "agreement": (pgettext_lazy("search reason", "agreement"), 3),
    "communique_title": (pgettext_lazy("search reason", "communiqué title"), 3),
    "communique": (pgettext_lazy("search reason", "communiqué"), 4),
}
SHORT_KINDS = {"topic", "topic_alias", "dialogue", "dialogue_alias", "place", "listed_topic"}
MAX_REASONS = 3


@dataclass(frozen=True)
class Piece:
    """One searchable text of a round, with the text-search configuration it is indexed in."""

    round_id: int
    kind: str
    text: str
    config: str = "english"  # english, spanish or simple (see docs/search.md)
    target: str = ""  # for an alias: what it is an alias of; for a communiqué: its title
    url: str = ""


@dataclass(frozen=True)
class Reason:
    kind: str
    label: str
    text: str  # the matched short text (a topic, an alias, a city) or ""
    target: str
    snippet: SafeString
    url: str

    @property
    def is_short(self) -> bool:
        return self.kind in SHORT_KINDS


def _language_config(language: str) -> str:
    return {"en": "english", "es": "spanish"}.get(language, "simple")


def candidate_pieces(round_ids: list[int]) -> list[Piece]:
    """Every searchable text of the rounds, as the search vector is built (5 queries)."""
    pieces: list[Piece] = []
    rounds = Round.objects.filter(pk__in=round_ids).values_list(
        "pk",
        "summary",
        "city",
        "venue",
        "host_country__name",
        "dialogue__name",
        "dialogue__short_name",
        "dialogue__aliases",
    )
    for pk, summary, city, venue, host, name, short_name, aliases in rounds:
        pieces += [Piece(pk, "dialogue", text) for text in (name, short_name) if text]
        pieces += [
            Piece(pk, "dialogue_alias", alias, "simple", target=name)
            for alias in split_lines(aliases)
        ]
        pieces += [Piece(pk, "summary", summary)] if summary else []
        pieces += [Piece(pk, "place", text) for text in (city, venue, host) if text]
    topics = (
        Round.topics.through.objects.filter(round_id__in=round_ids)
        .order_by("round_id", "threattopic__name", "pk")
        .values_list("round_id", "threattopic__name", "threattopic__aliases")
    )
    for pk, name, aliases in topics:
        pieces.append(Piece(pk, "topic", name, target=name))
        pieces += [
            Piece(pk, "topic_alias", alias, "simple", target=name) for alias in split_lines(aliases)
        ]
    for model, kind in ((Statement, "statement"), (Agreement, "agreement")):
        for pk, text in model.objects.filter(round_id__in=round_ids).values_list(
            "round_id", "text"
        ):
            pieces.append(Piece(pk, kind, text))
    communiques = Communique.objects.filter(round_id__in=round_ids).values_list(
        "round_id", "pk", "title", "text", "language"
    )
    for pk, communique_id, title, text, language in communiques:
        url = reverse("rounds:communique-detail", args=[communique_id])
        config = _language_config(language)
        pieces.append(Piece(pk, "communique_title", title, config, target=title, url=url))
        if text:
            pieces.append(Piece(pk, "communique", text[:20000], config, target=title, url=url))
    return pieces


def reasons(matches: list[tuple[Piece, SafeString]]) -> dict[int, list[Reason]]:
    """Turn matched pieces into at most MAX_REASONS reasons per round, strongest first.

    Short matches (a topic, an alias, a place) are named; of the longer texts, the first of
    each kind gives its snippet. A communiqué title that matched makes its body redundant.
    """
    by_round: dict[int, list[Reason]] = {}
    seen: dict[int, set] = {}
    ordered = sorted(matches, key=lambda match: KINDS[match[0].kind][1])
    for piece, snippet in ordered:
        kind = "communique" if piece.kind == "communique_title" else piece.kind
        key = (kind, piece.text.lower()) if kind in SHORT_KINDS else (kind, piece.url)
        done = seen.setdefault(piece.round_id, set())
        if key in done:
            continue
        done.add(key)
        items = by_round.setdefault(piece.round_id, [])
        if len(items) < MAX_REASONS:
            items.append(
                Reason(
                    kind=piece.kind,
                    label=KINDS[piece.kind][0],
                    text=piece.text if piece.kind in SHORT_KINDS else "",
                    target=piece.target,
                    snippet=snippet,
                    url=piece.url,
                )
            )
    return by_round
