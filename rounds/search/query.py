"""Read the web-search syntax analysts know into a small tree, independently of the database."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rounds.text import STOP_WORDS, folded_words

MAX_QUERY_LENGTH = 200


MAX_TERMS = 12


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
