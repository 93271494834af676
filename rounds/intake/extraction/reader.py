"""`extract()`: run the stages over a communiqué and collect what it states."""

from __future__ import annotations

from .agreements import extract_agreements
from .bodies import extract_delegations
from .dialogues import (
    country_mentions,
    find_dialogue,
    mention_counts,
    names_another_dialogue,
    speaking_mentions,
)
from .document import Document, check_text
from .issuer import find_issuer
from .missing import missing
from .ordinals import candidates as ordinal_candidates
from .ordinals import extract_ordinal
from .places import dateline_city, extract_city
from .requests import extract_requests
from .result import READ_CHARS, Extraction, ExtractionError, Match
from .statements import extract_statements
from .timeline import extract_dates
from .topics import extract_topics
from .vocabulary import Vocabulary


def extract(text: str, *, vocabulary: Vocabulary | None = None) -> Extraction:
    """Return what the communiqué states; raise ExtractionError for unusable input."""
    text = check_text(text)
    vocab = vocabulary or Vocabulary.current()
    doc = Document(text[:READ_CHARS])
    result = Extraction(text=text, language=doc.language)
    if len(text) > READ_CHARS:
        result.problems.append(
            f"The text is long ({len(text):,} characters); only the first {READ_CHARS:,} were "
            "read. Paste only the communiqué."
        )
    # Every mention of a country, capitals included ("Washington sent officials"), tells the
    # dialogue and its parties; a capital named as the place ("in Havana"), which the city
    # rules read, names no side.
    doc.all_countries = country_mentions(vocab, doc.low, doc.cased)
    doc.countries = speaking_mentions(doc.low, doc.all_countries)
    doc.parties = _parties(doc, vocab, result)
    doc.dateline_city = dateline_city(doc, vocab)
    result.issuer = find_issuer(doc, vocab)
    result.publication_date = _publication_date(doc)
    extract_ordinal(doc, result)
    extract_dates(doc, result)
    extract_city(doc, vocab, result)
    issuer_country = result.issuer.value["country"] if result.issuer else None
    extract_delegations(doc, vocab, result, doc.parties, issuer_country)
    result.topics = extract_topics(doc, vocab)
    extract_requests(doc, result, doc.parties)
    result.agreements = extract_agreements(doc)
    result.statements = extract_statements(
        doc, vocab, doc.parties, result.heads, result.pending_requests
    )
    _refuse_unrelated(doc, result)
    result.missing = missing(result)
    return result


def _publication_date(doc: Document) -> Match | None:
    date = doc.reference_date
    if date is None or doc.dateline is None or doc.dateline.date is None:
        return None
    return Match(date.isoformat(), (doc.dateline.date.start, doc.dateline.date.end))


def _parties(doc: Document, vocab: Vocabulary, result: Extraction) -> tuple[str, ...]:
    """The dialogue's two parties, or else the two countries the text names most (a capital
    named as the place counts: "talks in Havana")."""
    found = find_dialogue(vocab, doc.low, doc.cased, doc.all_countries)
    if found:
        dialogue, span = found
        result.dialogue = Match(dialogue.name, span, dialogue.obj)
        doc.other_dialogue_ordinals = {
            start
            for start, end, _value in ordinal_candidates(doc)
            if names_another_dialogue(vocab, doc, dialogue, end)
        }
        return dialogue.parties
    return tuple(code for code, _n in mention_counts(doc.all_countries).most_common(2))


def _refuse_unrelated(doc: Document, result: Extraction) -> None:
    signals = sum(
        bool(x)
        for x in (
            result.dialogue,
            result.topics,
            any(result.delegations.values()),
            result.ordinal,
            len({c for _s, _e, c in doc.all_countries}) >= 2,
        )
    )
    if signals < 2:
        raise ExtractionError(
            "This text does not look like a communiqué about a bilateral dialogue: no dialogue, "
            "ministry, threat topic or round was recognised. Check that you pasted the right text."
        )
