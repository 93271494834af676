"""Which dialogue the text reports: by name, or by the distinctive words of its names."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .tables import CAPITAL_TERMS
from .terms import fold

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import DialogueEntry, Vocabulary

# A dialogue named in capitals after an ordinal: "the first India-U.S. Designations Dialogue".
# (Spanish puts the distinguishing words after "Diálogo": not read.)
NAMED_DIALOGUE = re.compile(
    r"(?:[ \t]+[A-Z][\w.'-]*){1,6}?[ \t]+(?:Dialogue|Forum|Working Group)\b"
)


def country_mentions(vocab: Vocabulary, low: str, cased: str) -> list[tuple[int, int, str]]:
    """Each mention of a country, (start, end, code), in text order ("Washington" counts as
    the United States)."""
    return [(s, e, codes[0]) for s, e, codes in vocab.country_index.find(low, cased)]


_CAPITALS = frozenset(fold(term) for terms in CAPITAL_TERMS.values() for term in terms)
_AT_A_PLACE = re.compile(r"\b(?:in|en|at|from|desde)\s+$")


def speaking_mentions(low: str, mentions: list[tuple[int, int, str]]) -> list:
    """The mentions that may name a side: not a capital named as a place ("the U.S. Embassy
    in Havana", "In Beijing, the U.S. side requested ...")."""
    return [
        (s, e, code)
        for s, e, code in mentions
        if not (low[s:e] in _CAPITALS and _AT_A_PLACE.search(low, max(0, s - 8), s))
    ]


def mention_counts(mentions: list[tuple[int, int, str]]) -> Counter[str]:
    """How often each country is mentioned, in the order first mentioned."""
    return Counter(code for _s, _e, code in mentions)


# A dialogue named as one, capitalised ("el primer Diálogo de Alto Nivel", "the High-Level
# Dialogue"), not "continued dialogue" or "un diálogo permanente".
DIALOGUE_NAME = re.compile(r"\b(?:Dialogue|Dialogo)\b")


def find_dialogue(vocab: Vocabulary, low: str, cased: str, mentions=None):
    """Return (dialogue, span) for the dialogue the text reports, or None.

    Only a dialogue whose two parties the text mentions counts. `mentions` are the text's
    country mentions when the caller has them already.
    """
    if mentions is None:
        mentions = country_mentions(vocab, low, cased)
    counts = mention_counts(mentions)
    mentioned = counts.keys()
    hits = vocab.dialogue_index.find(low, cased)
    for start, end, payloads in hits:
        for dialogue in payloads:
            if all(p in mentioned for p in dialogue.parties):
                return dialogue, (start, end)
    for pattern, dialogue in vocab.dialogue_names_with_a_word_more:
        if all(p in mentioned for p in dialogue.parties) and (m := pattern.search(low)):
            return dialogue, m.span()
    words: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\w+", low):
        words.setdefault(m.group()[:7], (m.start(), m.end()))
    # By its words, a dialogue of the two countries the text names most comes first: a
    # Cuba–Mexico note that mentions the United States once is not a US–Mexico dialogue's.
    title_end = low.find("\n")
    best = _best_by_keywords(vocab, words, _most_named(counts), title_end) or _best_by_keywords(
        vocab, words, mentioned, title_end
    )
    if best is None:
        return _named_generically(vocab, cased, hits, counts)
    spans = [words[w] for w in best.stems if w in words]
    start = min(s for s, _ in spans)
    end = min(e for s, e in spans if s == start)
    return best, (start, end)


def _named_generically(vocab: Vocabulary, cased: str, hits, counts: dict[str, int]):
    """A name without both parties ("Diálogo de Alto Nivel") may still say which dialogue,
    unless the text names the two parties of other dialogues: then it is one of theirs;
    failing that, "el primer Diálogo de Alto Nivel entre ambos países" is the one dialogue of
    the two countries the text names most."""
    between = [d for d in vocab.dialogues if all(p in counts for p in d.parties)]
    for start, end, payloads in hits:
        for dialogue in payloads:
            if not between or dialogue in between:
                return dialogue, (start, end)
    most = _most_named(counts)
    theirs = [d for d in vocab.dialogues if all(p in most for p in d.parties)]
    word = DIALOGUE_NAME.search(cased)
    if len(theirs) == 1 and word:
        return theirs[0], word.span()
    return None


def _most_named(counts: dict[str, int]) -> set[str]:
    """The two countries named most (with any tied with the second)."""
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) < 2:
        return set(counts)
    return {code for code, n in counts.items() if n >= ranked[1]}


def _best_by_keywords(vocab: Vocabulary, words, mentioned, title_end: int):
    best: DialogueEntry | None = None
    best_score = 0.0
    for dialogue in vocab.dialogues:
        if not all(p in mentioned for p in dialogue.parties):
            continue
        score = 0.0
        for stem in dialogue.stems:
            if stem not in words:
                continue
            # A word shared by several dialogues ("ley") says less than a unique one.
            weight = 1 / vocab.stem_frequency[stem]
            score += weight * (1.5 if words[stem][0] < title_end else 1)
        if score > best_score:
            best, best_score = dialogue, score
    return best


def names_another_dialogue(vocab: Vocabulary, doc: Document, dialogue, end: int) -> bool:
    """Whether the words from `end` name a dialogue other than `dialogue` (the one the text
    reports): "the first India-U.S. Designations Dialogue" in a note on the Counterterrorism
    Joint Working Group. A name with no word of its own ("the 15th Joint Working Group") is
    the reported one."""
    m = NAMED_DIALOGUE.match(doc.cased, end)
    if m is None:
        return _round_of_another_dialogue(vocab, doc, dialogue, end)
    if vocab.names_the_dialogue(doc.low[m.start() : m.end()], dialogue):
        return False
    return bool(vocab.name_keywords(m.group()) - dialogue.keywords)


# "the fourth round of their law enforcement dialogue", "la cuarta ronda del diálogo ...".
_ROUND_OF = re.compile(
    r"\s+(?:(?:round|meeting|session|edition|ronda|reunion|sesion|edicion)\s+)?"
    r"(?:of|de|del)\s+(?:their|the|its|su|sus|la|el)?\s*"
)


def _round_of_another_dialogue(vocab: Vocabulary, doc: Document, dialogue, end: int) -> bool:
    """Whether the ordinal at `end` numbers a round of another dialogue between the same two
    countries, named right after it in any case ("the fourth round of their law enforcement
    dialogue" in a report on the migration talks). A name that is also this dialogue's, or
    that only dialogues of other countries have, says nothing."""
    of = _ROUND_OF.match(doc.low, end)
    if of is None:
        return False
    parties = set(dialogue.parties)
    return any(
        start == of.end()
        and dialogue not in payloads
        and any(set(other.parties) == parties for other in payloads)
        for start, _end, payloads in vocab.dialogue_index.find(doc.low, doc.cased)
    )
