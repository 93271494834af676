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

import functools
import operator
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQueryField
from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.lookups import Contains
from django.db.models.sql import Query
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .text import STOP_WORDS, fold_char, folded_words

if TYPE_CHECKING:
    from .models import RoundQuerySet

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

# Text-search configurations created by migration 0002 (copies of the built-in ones with the
# unaccent dictionary in front of the stemmer).
CONFIG_ENGLISH = "diplotrack_english"
CONFIG_SPANISH = "diplotrack_spanish"
CONFIG_SIMPLE = "diplotrack_simple"
# Each search term becomes one tsquery per way the stored vector was built (migration 0002),
# ORed: English stems, Spanish stems (accents folded before, and after, stemming), plain words.
QUERY_VARIANTS = (
    f"{{function}}('{CONFIG_ENGLISH}'::regconfig, %s)",
    f"{{function}}('{CONFIG_SPANISH}'::regconfig, %s)",
    # rounds_unaccent (migration 0003) is IMMUTABLE, so the whole tsquery folds to a constant
    # when planned: PostgreSQL can then estimate the matches and use the GIN index.
    "rounds_unaccent({function}('spanish'::regconfig, %s)::text)::tsquery",
    f"{{function}}('{CONFIG_SIMPLE}'::regconfig, %s)",
)

# Private-use characters mark highlights inside ts_headline's raw output, which is escaped as a
# whole before they become <mark> tags. They are removed from the document text beforehand, so
# stored text cannot forge a highlight.
START_SEL = "\ue000"
STOP_SEL = "\ue001"

SNIPPET_WORDS = 40


@dataclass(frozen=True)
class Term:
    """One word or quoted phrase of a search, possibly excluded with a leading minus."""

    text: str
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """A search as an AND of groups; each group is an OR of terms (OR binds tighter)."""

    groups: tuple[tuple[Term, ...], ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def positive_terms(self) -> list[Term]:
        return [term for group in self.groups for term in group if not term.negated]

    @property
    def has_positive_term(self) -> bool:
        return bool(self.positive_terms)


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Characters that carry no meaning in a search term; dropping them keeps the SQL fallback and
# PostgreSQL's parser in agreement.
_NOISE = re.compile(r"[\x00-\x1f\x7f<>()\[\]{}:;!|&*\\]+")


# Letters that PostgreSQL's unaccent turns into quote characters, which would break the
# tsquery text round trip of the Spanish variant (see migration 0004): dropped, ŉ becomes n.
_APOSTROPHE_LETTERS = str.maketrans({"ŉ": "n", **dict.fromkeys("ʹʺʻʼʽˈ")})


def normalize_query(raw: str) -> str:
    """Return the query with control characters and runs of whitespace collapsed."""
    return " ".join(_NOISE.sub(" ", (raw or "").translate(_APOSTROPHE_LETTERS)).split())


# STOP_WORDS (rounds.text) are dropped from searches: they are in nearly every text, so they
# would match (and highlight) everything. Single letters are dropped too. Inside a "quoted
# phrase" every word is kept.


def fold(text: str | None) -> str:
    """Fold text for the SQLite fallback's comparisons: " el trafico de drogas ".

    The folded words (see rounds.text.folded_words) joined by one space and padded with a space
    on both sides, so that `LIKE '% word%'` means "a word starting with `word`". Deterministic;
    NULL folds to "  ".
    """
    return " " + " ".join(folded_words(text)) + " "


def term_words(term: Term | str) -> list[str]:
    """The folded words of a term: "Tráfico-ilícito" gives ["trafico", "ilicito"]."""
    return folded_words(term.text if isinstance(term, Term) else term)


def is_short(word: str) -> bool:
    """Words of 1–2 characters only match whole words (a prefix would match far too much)."""
    return len(word) <= 2


def _searchable(text: str, phrase: bool) -> bool:
    words = term_words(text)
    if not words:
        return False  # punctuation only: nothing to look for
    if phrase or len(words) > 1:
        return True
    return len(words[0]) > 1 and words[0] not in STOP_WORDS


def parse_query(raw: str) -> ParsedQuery:
    """Parse web-search syntax: words, "phrases", OR between terms, -word to exclude.

    Like PostgreSQL's websearch_to_tsquery: terms are ANDed, `OR` (any case) joins the terms on
    either side, a leading `-` excludes a term, and a query of exclusions only matches nothing
    useful, so it is refused by the form instead (see RoundFilter). Terms without a letter or
    digit, single letters and STOP_WORDS are dropped, so a query can parse to nothing (the form
    refuses it too). At most MAX_TERMS terms are kept.
    """
    groups: list[list[Term]] = []
    pending_or = False
    count = 0
    for match in _TOKEN.finditer(normalize_query(raw)):
        minus, quoted, word = match.groups()
        if word is not None:
            if word.upper() == "OR":
                pending_or = bool(groups)
                continue
            negated = word.startswith("-")
            text = word.lstrip("-").strip("\"'.,-")
            phrase = False
        else:
            negated = bool(minus)
            text = " ".join(quoted.split())
            phrase = len(text.split()) > 1
        if not text or not _searchable(text, phrase):
            pending_or = False  # "drugs OR the cuba" is drugs AND cuba
            continue
        if count >= MAX_TERMS:
            break
        count += 1
        term = Term(text=text, phrase=phrase, negated=negated)
        if pending_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        pending_or = False
    return ParsedQuery(groups=tuple(tuple(group) for group in groups))


class TsQuery(Expression):
    """A parsed search as one PostgreSQL tsquery: groups ANDed (&&), terms ORed (||), !! to exclude.

    Each term is looked up in every variant of QUERY_VARIANTS and the results ORed, so a word
    matches its English stem, its Spanish stem or itself, accents folded. Terms are passed as
    parameters, never spliced into the SQL.
    """

    output_field = SearchQueryField()

    def __init__(self, parsed: ParsedQuery, *, positive_only: bool = False):
        super().__init__()
        self.parsed = parsed
        self.positive_only = positive_only

    def as_sql(self, compiler, connection):
        params: list[str] = []

        def term_sql(term: Term) -> str:
            function = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
            calls = []
            for variant in QUERY_VARIANTS:
                calls.append(variant.format(function=function))
                params.append(term.text)
            sql = "(" + " || ".join(calls) + ")"
            return f"!!{sql}" if term.negated else sql

        if self.positive_only:
            groups = [[term] for term in self.parsed.positive_terms]
            groups_sql = ["(" + term_sql(g[0]) + ")" for g in groups]
            return "(" + " || ".join(groups_sql) + ")", params
        groups_sql = [
            "(" + " || ".join(term_sql(term) for term in group) + ")"
            for group in self.parsed.groups
        ]
        return "(" + " && ".join(groups_sql) + ")", params


class Matches(Func):
    """`vector @@ query` as a boolean expression usable in filter()."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Rank(Func):
    """ts_rank with length normalization 1: a long communiqué does not outrank a summary."""

    function = "ts_rank"
    template = "%(function)s(%(expressions)s, 1)"
    output_field = FloatField()


class PostgresSearch:
    """Match the stored tsvector; rank with ts_rank; highlight with ts_headline."""

    vendor = "postgresql"
    ranks_by_relevance = True

    def filter(self, queryset: RoundQuerySet, parsed: ParsedQuery) -> RoundQuerySet:
        # Rank by the wanted terms only: ts_rank scores negations oddly (near zero).
        return queryset.filter(Matches(F("search_vector"), TsQuery(parsed))).annotate(
            rank=Rank(F("search_vector"), TsQuery(parsed, positive_only=True))
        )

    def snippets(self, round_ids: list[int], parsed: ParsedQuery) -> dict[int, SafeString]:
        """Return a highlighted excerpt per round id, in one query for the whole page."""
        if not round_ids or not parsed.has_positive_term:
            return {}
        from .models import Round

        query = Query(Round)
        expression = TsQuery(parsed, positive_only=True).resolve_expression(query)
        expr_sql, expr_params = query.get_compiler(connection=connection).compile(expression)
        options = (
            f'StartSel="{START_SEL}", StopSel="{STOP_SEL}", MaxFragments=2, MaxWords=25, '
            'MinWords=8, FragmentDelimiter=" … "'
        )
        statement = f"""
            WITH q AS (SELECT {expr_sql} AS query),
            docs AS (
                SELECT r.id, left(r.summary, 1000) AS summary,
                    translate(concat_ws(' … ', r.summary,
                        (SELECT string_agg(s.text, ' … ') FROM rounds_statement s
                          WHERE s.round_id = r.id),
                        (SELECT string_agg(a.text, ' … ') FROM rounds_agreement a
                          WHERE a.round_id = r.id),
                        (SELECT string_agg(concat_ws(': ', c.title, left(c.text, 20000)), ' … ')
                           FROM rounds_communique c
                          WHERE c.round_id = r.id AND c.language <> 'es')
                    ), %s, '') AS doc_en,
                    translate(coalesce((SELECT string_agg(concat_ws(': ', c.title,
                                                                    left(c.text, 20000)), ' … ')
                                          FROM rounds_communique c
                                         WHERE c.round_id = r.id AND c.language = 'es'), ''),
                              %s, '') AS doc_es
                FROM rounds_round r WHERE r.id = ANY(%s)
            )
            SELECT docs.id, docs.summary,
                ts_headline('{CONFIG_ENGLISH}', docs.doc_en, q.query, %s),
                ts_headline('{CONFIG_SPANISH}', docs.doc_es, q.query, %s)
            FROM docs, q
        """
        sentinels = START_SEL + STOP_SEL
        with connection.cursor() as cursor:
            cursor.execute(
                statement,
                [*expr_params, sentinels, sentinels, list(round_ids), options, options],
            )
            rows = cursor.fetchall()
        result = {}
        for round_id, summary, english, spanish in rows:
            if START_SEL in (english or ""):
                chosen = english
            elif START_SEL in (spanish or ""):
                chosen = spanish
            else:
                # Matched on a topic or dialogue name (or an alias): show the summary's start.
                chosen = Truncator(summary or "").words(SNIPPET_WORDS)
            result[round_id] = render_highlight(chosen)
        return result


FOLD_FUNCTION = "diplotrack_fold"


def register_fold(wrapper) -> None:
    """Make diplotrack_fold() available on a Django SQLite connection (once per raw connection)."""
    raw = wrapper.connection
    if raw is not None and getattr(wrapper, "_diplotrack_fold_on", None) is not raw:
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        wrapper._diplotrack_fold_on = raw


def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        register_fold(connection)


connection_created.connect(_on_connection_created, dispatch_uid="diplotrack_fold")


class Fold(Func):
    """fold() of a text column in SQL: the registered Python function on SQLite.

    On PostgreSQL (where SimpleSearch is only used by tests) the same shape is built from
    rounds_unaccent, lower and regexp_replace. Never NULL, so `NOT (...)` stays true or false.
    """

    function = FOLD_FUNCTION
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # A connection opened before this module was imported missed the signal.
        connection.ensure_connection()
        register_fold(connection)
        return self.as_sql(compiler, connection, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = (
            "(' ' || btrim(regexp_replace(lower(rounds_unaccent(coalesce(%(expressions)s::text, "
            "''))), '[^[:alnum:]]+', ' ', 'g')) || ' ')"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


def needle(term: Term) -> str:
    """What a folded column must contain for `term`: words from their start, short ones whole."""
    words = term_words(term)
    return " " + " ".join(words) + (" " if is_short(words[-1]) else "")


# Relevance weights of the fallback, like the PostgreSQL vector's (A 1.0, B 0.4, C 0.2, D 0.1).
WEIGHT_NAMES, WEIGHT_SUMMARY, WEIGHT_STATEMENTS, WEIGHT_BODIES = 1.0, 0.4, 0.2, 0.1


class SimpleSearch:
    """SQLite fallback: folded word-start matching over the same fields, weighted relevance."""

    vendor = "sqlite"
    ranks_by_relevance = True

    @staticmethod
    def _has(field: str, text: str) -> Contains:
        return Contains(Fold(F(field)), text)

    def _term_parts(self, term: Term) -> list[tuple[float, Q]]:
        """(weight, condition) per group of fields, as the PostgreSQL vector weighs them."""
        from .models import Agreement, Communique, Round, Statement

        text = needle(term)
        has = self._has
        # Exists keeps one row per round (no join duplicates), so counts and pages stay right.
        topics = Exists(
            Round.topics.through.objects.filter(
                Q(has("threattopic__name", text)) | Q(has("threattopic__aliases", text)),
                round_id=OuterRef("pk"),
            )
        )
        names = (
            Q(has("dialogue__name", text))
            | Q(has("dialogue__short_name", text))
            | Q(has("dialogue__aliases", text))
            | Q(topics)
        )
        own = (
            Q(has("summary", text))
            | Q(has("city", text))
            | Q(has("venue", text))
            | Q(has("host_country__name", text))
        )
        statements = (
            Q(Exists(Statement.objects.filter(has("text", text), round_id=OuterRef("pk"))))
            | Q(Exists(Agreement.objects.filter(has("text", text), round_id=OuterRef("pk"))))
            | Q(Exists(Communique.objects.filter(has("title", text), round_id=OuterRef("pk"))))
        )
        bodies = Q(Exists(Communique.objects.filter(has("text", text), round_id=OuterRef("pk"))))
        return [
            (WEIGHT_NAMES, names),
            (WEIGHT_SUMMARY, own),
            (WEIGHT_STATEMENTS, statements),
            (WEIGHT_BODIES, bodies),
        ]

    def _term_q(self, term: Term) -> Q:
        return functools.reduce(operator.or_, (q for _, q in self._term_parts(term)))

    def filter(self, queryset: RoundQuerySet, parsed: ParsedQuery) -> RoundQuerySet:
        condition = Q()
        for group in parsed.groups:
            alternatives = [~self._term_q(t) if t.negated else self._term_q(t) for t in group]
            condition &= functools.reduce(operator.or_, alternatives)
        # Relevance: per wanted term, the weights of the groups of fields it was found in.
        score = sum(
            (
                Case(When(q, then=Value(weight)), default=Value(0.0))
                for term in parsed.positive_terms
                for weight, q in self._term_parts(term)
            ),
            Value(0.0),
        )
        return queryset.filter(condition).annotate(
            rank=ExpressionWrapper(score, output_field=FloatField())
        )

    def snippets(self, round_ids: list[int], parsed: ParsedQuery) -> dict[int, SafeString]:
        """Return the first passage containing a search term, from the summary or a source."""
        if not round_ids or not parsed.has_positive_term:
            return {}
        from .models import Communique, Round

        texts: dict[int, list[str]] = {pk: [] for pk in round_ids}
        for pk, summary in Round.objects.filter(pk__in=round_ids).values_list("pk", "summary"):
            texts[pk].append(summary)
        for pk, title, text in Communique.objects.filter(round_id__in=round_ids).values_list(
            "round_id", "title", "text"
        ):
            texts[pk].append(f"{title}: {text}")
        terms = parsed.positive_terms
        return {pk: simple_snippet(parts, terms) for pk, parts in texts.items()}


def _term_pattern(term: Term | str) -> str:
    """A regex over folded text for a term: from a word start to the end of the word."""
    words = term_words(term)
    if not words:
        return ""
    body = r"\s+".join(re.escape(word) for word in words)
    return r"(?<!\S)" + body + (r"(?!\S)" if is_short(words[-1]) else r"\S*")


def find_matches(text: str, terms: list[Term | str]) -> list[tuple[int, int]]:
    """(start, end) in `text` of whole words matching the terms, as the fallback matches them.

    The text is folded one character at a time, remembering where each folded character came
    from, so the spans point at the original (accented, any case) words.
    """
    patterns = [p for p in (_term_pattern(term) for term in terms) if p]
    if not patterns or not text:
        return []
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    pattern = re.compile("|".join(patterns))
    return [
        (origin[m.start()], origin[m.end() - 1] + 1)
        for m in pattern.finditer("".join(folded))
        if m.end() > m.start()
    ]


def mark_matches(text: str, spans: list[tuple[int, int]]) -> str:
    """Wrap each span in the highlight sentinels."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(f"{START_SEL}{text[start:end]}{STOP_SEL}")
        last = end
    out.append(text[last:])
    return "".join(out)


def simple_snippet(texts: list[str], terms: list[Term | str]) -> SafeString:
    """Return an escaped window of about SNIPPET_WORDS words around the first match, marked.

    Matches are whole words found as the fallback finds them (folded, from a word start), so
    "trafico" marks "tráfico" and "traffic" marks the whole of "trafficking".
    """
    for text in texts:
        clean = (text or "").replace(START_SEL, "").replace(STOP_SEL, "")
        spans = find_matches(clean, terms)
        if not spans:
            continue
        first_start, first_end = spans[0]
        start = max(0, first_start - 120)
        end = min(len(clean), first_end + 160)
        # Cut at word boundaries, not in the middle of a word.
        if start:
            start = clean.find(" ", start, first_start) + 1 or start
        if end < len(clean):
            end = clean.rfind(" ", first_end, end) if " " in clean[first_end:end] else end
        window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end]
        window = [(s, e) for s, e in window if e > s]
        marked = mark_matches(clean[start:end], window)
        prefix = "… " if start else ""
        suffix = " …" if end < len(clean) else ""
        return render_highlight(prefix + marked + suffix)
    return mark_safe("")


def render_highlight(raw: str) -> SafeString:
    """Escape everything, then turn the highlight sentinels into <mark> tags."""
    escaped = str(escape(raw or ""))
    # Unbalanced sentinels (a fragment cut in the middle) are closed or dropped.
    out: list[str] = []
    open_ = False
    for char in escaped:
        if char == START_SEL and not open_:
            out.append("<mark>")
            open_ = True
        elif char == STOP_SEL and open_:
            out.append("</mark>")
            open_ = False
        elif char in (START_SEL, STOP_SEL):
            continue
        else:
            out.append(char)
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - built from escaped text and fixed tags only


def get_backend() -> PostgresSearch | SimpleSearch:
    """Return the backend for the default database."""
    return PostgresSearch() if connection.vendor == "postgresql" else SimpleSearch()
