"""The SQLite fallback: folded word-start matching over the same fields, weighted relevance."""

from __future__ import annotations

import functools
import operator
from contextlib import nullcontext

from django.db.models import (
    Case,
    Exists,
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
from django.utils.safestring import SafeString

from rounds.models import Agreement, Communique, Round, RoundQuerySet, Statement
from rounds.text import folded_words

from .explain import Reason, candidate_pieces, reasons
from .highlight import simple_snippet
from .query import ParsedQuery, Term, is_short, term_words


def fold(text: str | None) -> str:
    """Fold text for the SQLite fallback's comparisons: " el trafico de drogas ".

    The folded words (see rounds.text.folded_words) joined by one space and padded with a space
    on both sides, so that `LIKE '% word%'` means "a word starting with `word`". Deterministic;
    NULL folds to "  ".
    """
    return " " + " ".join(folded_words(text)) + " "


FOLD_FUNCTION = "diplotrack_fold"


def register_fold(wrapper) -> None:
    """Make diplotrack_fold() available on a Django SQLite connection (once per raw connection)."""
    raw = wrapper.connection
    if raw is not None and getattr(wrapper, "_diplotrack_fold_on", None) is not raw:
        raw.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
        wrapper._diplotrack_fold_on = raw


def register_fold_on_sqlite(sender, connection, **kwargs) -> None:
    """connection_created receiver (connected in RoundsConfig.ready)."""
    if connection.vendor == "sqlite":
        register_fold(connection)


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
    def counting_matches(using: str) -> nullcontext:
        """SQLite plans the fallback's LIKE filters one way only: nothing to change."""
        return nullcontext()

    @staticmethod
    def _has(field: str, text: str) -> Contains:
        return Contains(Fold(F(field)), text)

    def _term_parts(self, term: Term) -> list[tuple[float, Q]]:
        """(weight, condition) per group of fields, as the PostgreSQL vector weighs them."""

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

        texts: dict[int, list[str]] = {pk: [] for pk in round_ids}
        for pk, summary in Round.objects.filter(pk__in=round_ids).values_list("pk", "summary"):
            texts[pk].append(summary)
        for pk, title, text in Communique.objects.filter(round_id__in=round_ids).values_list(
            "round_id", "title", "text"
        ):
            texts[pk].append(f"{title}: {text}")
        terms = parsed.positive_terms
        return {pk: simple_snippet(parts, terms) for pk, parts in texts.items()}

    def explain(self, round_ids: list[int], parsed: ParsedQuery) -> dict[int, list[Reason]]:
        """Say why each round matched: the pieces of text where a wanted term is found, as
        this backend finds it (folded, from a word start), each with its snippet."""
        if not round_ids or not parsed.has_positive_term:
            return {}
        terms = parsed.positive_terms
        matches = []
        for piece in candidate_pieces(round_ids):
            snippet = simple_snippet([piece.text], terms)
            if snippet:
                matches.append((piece, snippet))
        return reasons(matches)
