"""The production backend: PostgreSQL full text over the stored, weighted `Round.search_vector`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQueryField
from django.db import connection, connections, transaction
from django.db.models import (
    BooleanField,
    Expression,
    F,
    FloatField,
    Func,
)
from django.db.models.sql import Query
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from rounds.models import Round, RoundQuerySet

from .explain import Reason, candidate_pieces, reasons
from .highlight import SNIPPET_WORDS, START_SEL, STOP_SEL, render_highlight
from .query import ParsedQuery, Term

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

    @staticmethod
    @contextmanager
    def counting_matches(using: str) -> Iterator[None]:
        """Around queries that count every match of a search (the facets): plan them through
        the GIN index. PostgreSQL costs `@@` as cheap, so for a common word it prefers a
        sequential scan that decompresses every round's vector (TOAST, about 10 µs a round);
        a bitmap of the index finds the same rows without reading one (1.5 s -> 0.07 s for
        85,000 matches of 100,000 rounds, docs/performance.md).

        The setting is LOCAL to the transaction, and put back at the end of the block when
        that transaction goes on (a request inside ATOMIC_REQUESTS, a test): no other query
        is planned this way. After an error the enclosing transaction is rolled back, and the
        setting with it."""
        connection = connections[using]
        nested = connection.in_atomic_block
        with transaction.atomic(using=using, savepoint=False), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            yield
            if nested:
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")

    def filter(self, queryset: RoundQuerySet, parsed: ParsedQuery) -> RoundQuerySet:
        # Rank by the wanted terms only: ts_rank scores negations oddly (near zero).
        return queryset.filter(Matches(F("search_vector"), TsQuery(parsed))).annotate(
            rank=Rank(F("search_vector"), TsQuery(parsed, positive_only=True))
        )

    def snippets(self, round_ids: list[int], parsed: ParsedQuery) -> dict[int, SafeString]:
        """Return a highlighted excerpt per round id, in one query for the whole page."""
        if not round_ids or not parsed.has_positive_term:
            return {}

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
                        (SELECT string_agg(s.text, ' … ' ORDER BY s.id) FROM rounds_statement s
                          WHERE s.round_id = r.id),
                        (SELECT string_agg(a.text, ' … ' ORDER BY a.id) FROM rounds_agreement a
                          WHERE a.round_id = r.id),
                        (SELECT string_agg(concat_ws(': ', c.title, left(c.text, 20000)), ' … '
                                      ORDER BY c.id)
                           FROM rounds_communique c
                          WHERE c.round_id = r.id AND c.language <> 'es')
                    ), %s, '') AS doc_en,
                    translate(coalesce((SELECT string_agg(concat_ws(': ', c.title,
                                                                    left(c.text, 20000)), ' … '
                                                     ORDER BY c.id)
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

    def explain(self, round_ids: list[int], parsed: ParsedQuery) -> dict[int, list[Reason]]:
        """Say why each round matched: each piece of its text is tested against the same
        tsquery in the configuration the vector indexes it with, and highlighted (one query
        besides reading the pieces)."""
        if not round_ids or not parsed.has_positive_term:
            return {}
        pieces = candidate_pieces(round_ids)
        if not pieces:
            return {}
        query = Query(Round)
        expression = TsQuery(parsed, positive_only=True).resolve_expression(query)
        expr_sql, expr_params = query.get_compiler(connection=connection).compile(expression)
        options = (
            # One passage around the best match, with context (fragments can be bare words).
            f'StartSel="{START_SEL}", StopSel="{STOP_SEL}", MaxFragments=0, MaxWords=30, '
            "MinWords=12"
        )
        statement = f"""
            WITH q AS (SELECT {expr_sql} AS query)
            SELECT t.i, ts_headline(
                CASE t.cfg WHEN 'spanish' THEN '{CONFIG_SPANISH}'::regconfig
                           WHEN 'simple' THEN '{CONFIG_SIMPLE}'::regconfig
                           ELSE '{CONFIG_ENGLISH}'::regconfig END,
                t.txt, q.query, %s)
            FROM q, unnest(%s::int[], %s::text[], %s::text[]) AS t(i, cfg, txt)
            WHERE (CASE t.cfg WHEN 'spanish' THEN rounds_spanish_tsvector(t.txt)
                              WHEN 'simple' THEN to_tsvector('{CONFIG_SIMPLE}', t.txt)
                              ELSE to_tsvector('{CONFIG_ENGLISH}', t.txt) END) @@ q.query
            ORDER BY t.i
        """
        sentinels = str.maketrans("", "", START_SEL + STOP_SEL)
        with connection.cursor() as cursor:
            cursor.execute(
                statement,
                [
                    *expr_params,
                    options,
                    list(range(len(pieces))),
                    [piece.config for piece in pieces],
                    [piece.text.translate(sentinels) for piece in pieces],
                ],
            )
            rows = cursor.fetchall()
        return reasons([(pieces[i], render_highlight(headline)) for i, headline in rows])
