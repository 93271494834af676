"""Threat topics: names and aliases from the vocabulary, and coordinated phrases
("drug and human trafficking", "tráfico de drogas y de personas")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .result import Match
from .terms import norm_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import TopicEntry, Vocabulary

_HEADS = r"trafficking|smuggling|crime|crimes|fraud|laundering|exploitation|security|cooperation"
COORD_PRE = re.compile(
    rf"\b((?:[a-z]+\s*,\s*)*[a-z]+)\s+(?:and|or|as well as)\s+([a-z]+)\s+({_HEADS})\b"
)
COORD_POST = re.compile(
    r"\b(trafficking|smuggling|trafico|trata|contrabando|sale|sales|venta)\s+"
    r"(?:ilicito\s+|illicit\s+|illegal\s+|ilegal\s+)?(?:in|of|de)\s+"
    r"((?:synthetic\s+|illicit\s+|illegal\s+)?[a-z]+)"
    r"((?:\s*,\s*(?:in\s+|of\s+|de\s+)?[a-z]+)*)\s+(?:and|or|y|e|o)\s+(?:in\s+|of\s+|de\s+)?"
    r"([a-z]+)\b"
)
# "the southbound trafficking of arms", "el tráfico ilícito de armas": one head, one
# complement, tried as "arms trafficking".
HEAD_OF = re.compile(
    r"\b(trafficking|smuggling|trafico|contrabando|trata|sale|sales|venta|secuestro|hijacking)"
    r"\s+(?:ilicito\s+|illegal\s+|ilegal\s+)?(?:in|of|de)\s+"
    r"(?:the\s+|la\s+|los\s+|las\s+|a\s+|an\s+|un\s+|una\s+)?([a-z]+)\b"
)
# "human smuggling and trafficking groups": one complement, two heads.
COORD_HEADS = re.compile(rf"\b([a-z]+)\s+(?:{_HEADS})\s+(?:and|or)\s+({_HEADS})\b")
# "the networks that smuggle firearms", "who traffic drugs": the verb and its object.
VERB_OBJECT = re.compile(
    r"\b(?:smuggl(?:e|es|ed|ing)|traffic(?:s|ked)?)\s+(?:in\s+)?(?:the\s+)?([a-z]+)\b"
)
# "cooperation between their law enforcement and judicial authorities", "la cooperación
# entre las autoridades judiciales": cooperation named by who cooperates ("judicial
# cooperation").
COOPERATION_BETWEEN = re.compile(
    r"\b(?:cooperation|cooperacion|colaboracion)\s+(?:between|among|entre)\s+"
    r"(?:their\s+|the\s+|both\s+|sus\s+|las\s+|los\s+|ambas\s+)?"
    r"(?:(?P<en>[a-z]+(?:\s+[a-z]+)?(?:\s+(?:and|or)\s+[a-z]+)*)\s+(?:authorities|agencies|bodies)"
    r"|(?:autoridades|instituciones|organos)\s+(?P<es>[a-z]+(?:\s+(?:y|e|o)\s+[a-z]+)*))\b"
)
# Topics told by what is done, to whom: "the networks that move migrants" (a network, group or
# smuggler moves them: not "will move migrants rescued at sea"), "las organizaciones
# que lavan dinero", "el retorno de los emigrantes irregulares", "intercepted at sea".
TOLD_BY_THE_ACT = [
    (
        re.compile(
            r"\b(?:networks|groups|organi[sz]ations|gangs|smugglers|redes|grupos|organizaciones|"
            r"bandas|traficantes)\s+(?:\w+\s+){0,3}?(?:move|moving|mueven|trasladan|transportan)"
            r"\s+(?:\w+\s+)?(?:migrants|migrantes)\b"
        ),
        "migrant smuggling",
    ),
    (
        re.compile(r"\b(?:launder\w*|lavan|lava|lavar|blanquean)\s+(?:money|dinero|activos)\b"),
        "money laundering",
    ),
    (
        re.compile(
            r"\b(?:return|returns|retorno|devolucion|repatriation|repatriacion)\s+(?:of|de)\s+"
            r"(?:the\s+|los\s+|las\s+|sus\s+|its\s+|their\s+)?(?:\w+\s+)?"
            r"(?:nationals|migrants|emigrants|nacionales|migrantes|emigrantes)\b"
        ),
        "removal of nationals",
    ),
    (
        re.compile(r"\b(?:intercepted|interceptad[oa]s?)\s+(?:at sea|en el mar|en alta mar)\b"),
        "maritime security and interdiction",
    ),
]
# Selling or smuggling goods is trafficking them ("the sale of firearms over the internet",
# "smuggling of firearms", "venta de armas").
_AS_TRAFFICKING = frozenset({"smuggling", "sale", "sales", "venta", "contrabando"})
CONSEQUENCE = re.compile(
    r"\b(?:affecting|that affect(?:ed)?|which affect(?:ed)?|hamper\w*|(?<!to )disrupt(?:s|ed)?|"
    r"impair\w*|entorpec\w*|afectan|afectaron|que afectan|perjudic\w*)\b"
)

_Hit = tuple[int, "TopicEntry", tuple[int, int]]


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _as_trafficking(head: str, word: str) -> tuple[str, ...]:
    if head not in _AS_TRAFFICKING:
        return ()
    return (f"{word} trafficking", f"{_singular(word)} trafficking", f"trafico de {word}")


def _hit(vocab: Vocabulary, m: re.Match, phrases) -> _Hit | None:
    """The topic the first known phrase names, found at the match `m`."""
    for phrase in phrases:
        topic = vocab.topic_by_key.get(norm_key(phrase))
        if topic:
            return (m.start(), topic, (m.start(), m.end()))
    return None


def _coordinated_before(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    """ "drug and human trafficking": each word with the shared head noun."""
    for m in COORD_PRE.finditer(doc.low):
        words = [w.strip() for w in m.group(1).split(",")] + [m.group(2)]
        head = m.group(3)
        for word in words:
            if hit := _hit(vocab, m, (f"{word} {head}", f"{_singular(word)} {head}")):
                yield hit


def _coordinated_after(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    """ "trafficking in drugs and in persons": the head noun with each complement."""
    for m in COORD_POST.finditer(doc.low):
        head = m.group(1)
        words = [m.group(2)]
        words += [re.sub(r"^(?:in|of|de)\s+", "", w.strip()) for w in m.group(3).split(",") if w]
        words.append(m.group(4))
        for word in words:
            phrases = (
                f"{head} in {word}",
                f"{head} of {word}",
                f"{head} de {word}",
                f"{_singular(word)} {head}",
                f"{word} {head}",
                *_as_trafficking(head, word),
            )
            if hit := _hit(vocab, m, phrases):
                yield hit


def _head_of(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    for m in HEAD_OF.finditer(doc.low):
        head, word = m.group(1), m.group(2)
        phrases = (
            f"{word} {head}",
            f"{_singular(word)} {head}",
            f"{head} de {word}",
            f"{head} de {word}s",  # "secuestro de una aeronave": "secuestro de aeronaves"
            *_as_trafficking(head, word),
        )
        if hit := _hit(vocab, m, phrases):
            yield hit


def _shared_complement(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    """ "human smuggling and trafficking", "smuggle firearms": a topic spelt around a verb
    or a second head noun."""
    for m in COORD_HEADS.finditer(doc.low):
        word, head = m.group(1), m.group(2)
        if hit := _hit(vocab, m, (f"{word} {head}", f"{_singular(word)} {head}")):
            yield hit
    for m in VERB_OBJECT.finditer(doc.low):
        word = m.group(1)
        singular = _singular(word)
        phrases = (
            f"{word} trafficking",
            f"{singular} trafficking",
            f"{word} smuggling",
            f"{singular} smuggling",
        )
        if hit := _hit(vocab, m, phrases):
            yield hit


def _told_by_the_act(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    for pattern, name in TOLD_BY_THE_ACT:
        for m in pattern.finditer(doc.low):
            if hit := _hit(vocab, m, (name,)):
                yield hit


def _cooperation_between(doc: Document, vocab: Vocabulary) -> Iterator[_Hit]:
    for m in COOPERATION_BETWEEN.finditer(doc.low):
        words = re.split(r"\s+(?:and|or|y|e|o)\s+", m.group("en") or m.group("es"))
        for word in words:
            # "autoridades judiciales": "cooperación judicial"
            singular = re.sub(r"(?<=[lnr])es$|s$", "", word) if m.group("es") else word
            if hit := _hit(vocab, m, (f"{word} cooperation", f"cooperacion {singular}")):
                yield hit


def extract_topics(doc: Document, vocab: Vocabulary) -> list[Match]:
    """The topics the text names as discussed, each once, in order of first mention."""
    # A body's or a dialogue's own name ("Ministry of Public Security", "Framework for ...
    # Safe Communities") does not say the topic was discussed.
    blocked = [(s, e) for s, e, _ in vocab.ministry_index.find(doc.low, doc.cased)]
    blocked += [(s, e) for s, e, _ in vocab.dialogue_index.find(doc.low, doc.cased)]
    blocked += doc.head_segments  # "Minister of Public Safety" is a title, not a topic
    # ... also when no name follows ("under the leadership of ... Canada's Minister of Public
    # Safety"): an office's title.
    blocked += [(s, e) for s, e, _ in vocab.office_index.find(doc.low, doc.low)]
    hits: list[_Hit] = [
        (start, payloads[0], (start, end))
        for start, end, payloads in vocab.topic_index.find(doc.low, doc.cased)
    ]
    hits += _coordinated_before(doc, vocab)
    hits += _coordinated_after(doc, vocab)
    hits += _head_of(doc, vocab)
    hits += _shared_complement(doc, vocab)
    hits += _cooperation_between(doc, vocab)
    hits += _told_by_the_act(doc, vocab)
    found: dict[str, Match] = {}
    for _pos, topic, span in sorted(hits, key=lambda h: h[0]):
        if topic.name in found or any(s <= span[0] and span[1] <= e for s, e in blocked):
            continue
        sentence_start, _end = doc.sentence_of(span[0])
        if CONSEQUENCE.search(doc.low[max(sentence_start, span[0] - 120) : span[0]]):
            continue  # "measures affecting ... consular services": a consequence, not a topic
        found[topic.name] = Match(topic.name, span, topic.obj)
    return list(found.values())
