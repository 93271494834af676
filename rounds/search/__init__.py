"""Full-text search over rounds: one interface, two backends.

`parse_query()` reads the web-search syntax analysts know (words, "quoted phrases", `OR`,
`-exclusion`) into a small tree, independently of the database. A backend then turns that tree
into a filter, a relevance score and highlighted snippets:

- `PostgresSearch` (production) matches the stored, weighted `Round.search_vector` (kept current
  by database triggers, see migration 0002 and docs/search.md) with a `tsquery` built term by term
  in three text-search configurations: English stemming, Spanish stemming and plain words, all
  accent-insensitive. So "trafficking" finds "traffickers" and "trafico" finds "tráfico".
- `SimpleSearch` is the SQLite fallback for local runs and tests: the same fields, compared
  through `fold()` (accents, case and punctuation folded, by a deterministic SQL function
  registered on every SQLite connection), matching at the start of words ("traffic" finds
  "trafficking"), whole words for 1–2 letter terms, relevance weighted by field like the
  vector's weights. No stemming.

Single letters and a few very common words ("the", "of", "de", ...) are dropped from a search;
a query left with no word to search for is refused by the form (see RoundFilterForm).
"""

from __future__ import annotations

from django.db import connection

from rounds.models import RoundQuerySet

from .postgres import PostgresSearch
from .query import parse_query
from .sqlite import SimpleSearch


def get_backend() -> PostgresSearch | SimpleSearch:
    """Return the backend for the default database."""
    return PostgresSearch() if connection.vendor == "postgresql" else SimpleSearch()


def search_rounds(queryset: RoundQuerySet, q: str) -> RoundQuerySet:
    """Return the rounds matching a web-search query, annotated with `rank`."""
    parsed = parse_query(q)
    return get_backend().filter(queryset, parsed) if parsed else queryset
