"""Heads and members of the delegations: every named official in a sentence about the
delegations, with the title written around the name, the body that title names or implies
(Attorney General → Department of Justice) and the side."""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .cues import WILL_HAPPEN
from .names import NameFinder
from .result import Match
from .sides import countries_in, other_party, side_for
from .tables import NON_MEMBER_TITLES, TITLE_HEADS
from .terms import fold, norm_key
from .titles import (
    Title,
    has_title_word,
    is_addressed,
    qualifier,
    read_title,
    title_after,
    title_before,
)

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry, Vocabulary

HEAD_TRIGGER = re.compile(
    r"(?:headed|led|chaired|co-chaired|presided over)\s+by\b|"
    r"(?:headed|led|co-chaired|chaired)\s+the\s+[\w.\s\-]{0,40}?(?:delegation|side|talks|meeting)|"
    r"heading\s+the\s+[\w.\s\-]{0,40}?(?:delegation|side)\s+(?:were|was)|"
    r"(?:encabezad[ao]s?|presidid[ao]s?|liderad[ao]s?|dirigid[ao]s?)\s+por|"
    r"(?:encabezaron|presidieron|lideraron)\b|"
    r"jef[ea]s?\s+de\s+(?:la\s+)?delegacion|"
    r"heads?\s+of\s+(?:the\s+)?(?:[\w.\-]+\s+){0,2}delegations?"
)
# A sentence that lists who took part.
PARTICIPATION = re.compile(
    r"\b(?:represent\w*|led|lead|headed|heading|co-?chair\w*|chair\w*|presid\w*|hosted|host|"
    r"hosts|joined|accompan\w*|included|includ\w*|comprised|composed|consisted|made up|"
    r"participat\w*|took part|taking part|attended|met|meet|sat|delegations?|side|opened|welcom\w*|"
    r"encabez\w*|copresid\w*|lider\w*|dirig\w*|integr\w*|particip\w*|asist\w*|acompa\w*|"
    r"anfitrion\w*|delegacion\w*|sostuv\w*|reuni\w*|estuvo|fueron|inaugur\w*)\b"
)
# A clause that says someone did not take part.
ABSENT = re.compile(
    r"\b(?:stayed|did not attend|could not attend|unable to attend|were unable|was unable|"
    r"absent|(?:called off|cancell?ed|postponed) (?:their|his|her) (?:trip|visit|travel)|"
    r"did not travel|no asisti\w*|no pud\w*|se ausent\w*|cancelaron su viaje|"
    r"cancelo su viaje|no viaj\w*)\b"
)
# A participation still to come ("encabezará mañana la delegación ... a la primera reunión
# sobre ...", "will lead the delegation to the talks on ..."): another meeting's head.
FUTURE_PARTICIPATION = re.compile(
    r"(?:encabezar|presidir|copresidir|liderar|dirigir|participar|asistir|integrar|"
    r"representar)(?:á|án)\b",
    re.IGNORECASE,
)
# "the U.S. officials called on President ...": a head of state the delegation visited.
VISITED = re.compile(
    r"\b(?:called on|courtesy call on|received by|were received|recibid[oa]s? por|visited|"
    r"visitaron|se reunieron con|met with)\b"
)
HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "shri", "smt", "sr", "sra", "srta", "don", "dona"})
# A title that is only a portfolio shares the head of the one before ("... de Justicia,
# Éric Dupond-Moretti, y del Interior, Gérald Darmanin").
ELLIPSIS = re.compile(r"^(?:de la|del|de|of the|of|for the|for)\s+")
_CONNECTOR_END = re.compile(r"\b(?:of|at|to|with|from|in|for|del|de la|de|en)\s+(?:the\s+)?$")
_CONNECTOR_CUT = re.compile(
    r"\s*(?:,\s*)?(?:\b(?:of|at|to|with|from|in|for|del|de la|de|en))?\s*(?:the\s+)?$"
)


def _official_title(title: str, ministry: MinistryEntry, ms: int, me: int) -> str:
    """Replace a body named in the title by its top-level body's name, at the end."""
    root = ministry.root
    if ministry is root and ms >= 0 and _CONNECTOR_END.search(title[:ms]):
        cut = _CONNECTOR_CUT.sub("", title[:ms])
        title = (cut + title[me:]).strip(" ,")
    if root.name not in title:
        title = f"{title}, {root.name}" if title else root.name
    return title


ARTICLES = frozenset({"the", "el", "la", "los", "las"})
COUNTRY_LINKS = frozenset({"of", "de", "del"})


def _without_countries(words: list[str], vocab: Vocabulary) -> list[str]:
    """The words of a title without articles, countries and the words that link them: "the
    president of the united states" → "president", "presidente de mexico" → "presidente"."""
    kept: list[str] = []
    for word in words:
        if word in vocab.country_words:
            while kept and kept[-1] in COUNTRY_LINKS:
                kept.pop()
        elif word not in ARTICLES:
            kept.append(word)
    return kept


def _is_head_word(text: str) -> bool:
    """Does `text` open with a title's head ("presidente de Guatemala")?"""
    first = text.split(maxsplit=1)
    return bool(first) and norm_key(first[0]) in TITLE_HEADS


def _is_non_member(title: str, vocab: Vocabulary) -> bool:
    """ "President Obama", "los presidentes": a head of state, not a delegation member; also
    the second of two ("President Trump and President Xi Jinping")."""
    words = _without_countries(norm_key(title).split(), vocab)
    last = " ".join(words)
    for i, word in enumerate(words):
        if word in ("and", "y") and " ".join(words[:i]).split(" ")[0] in NON_MEMBER_TITLES:
            last = " ".join(words[i + 1 :])
    if last in NON_MEMBER_TITLES:
        return True
    # "the U.S. officials called on President ...": a head of state the delegation visited
    return bool(VISITED.search(" ".join(words))) and (
        words[-1] in NON_MEMBER_TITLES or " ".join(words[-2:]) in NON_MEMBER_TITLES
    )


class _Sentence:
    """The people of one sentence, their titles and sides."""

    def __init__(self, doc: Document, vocab: Vocabulary, finder: NameFinder, span):
        self.doc, self.vocab = doc, vocab
        self.start, self.end = span
        self.names = finder.runs(doc, self.start, self.end)
        self.before = []
        floor = self.start
        for ns, ne in self.names:
            self.before.append(title_before(doc, vocab, floor, ns))
            floor = ne
        self.after = []
        for i, (_ns, ne) in enumerate(self.names):
            ceiling = self.before[i + 1][0] if i + 1 < len(self.names) else self.end
            after = title_after(doc, vocab, ne, max(ne, ceiling))
            self.after.append(None if after and self._venue_after(i, ne, after) else after)

    def _venue_after(self, i: int, ne: int, after: tuple[int, int]) -> bool:
        """ "... with Minister of Public Security Guo Shengkun at the Department of Justice":
        a person titled before the name is not titled again by a place after "at"."""
        if not VENUE_LINK.fullmatch(self.doc.low[ne : after[0]]):
            return False
        bs, be = self.before[i]
        return has_title_word(self.doc.text[bs:be], self.vocab)

    @cached_property
    def titles(self) -> list[Title]:
        """Every name's title, in order, read once per sentence."""
        return [self.title(i) for i in range(len(self.names))]

    def title(self, i: int) -> Title:
        doc = self.doc
        bs, be = self.before[i]
        before = doc.text[bs:be].strip(" ,")
        words = before.split()
        while words and norm_key(words[-1]) in HONORIFICS:
            words.pop()  # "Assistant to the President for Homeland Security Dr. Liz ..."
        before = " ".join(words)  # "Mr. Mahaveer Singhvi, Joint Secretary ...": none before
        link = ELLIPSIS.match(fold(before))
        if link and not _is_head_word(before[link.end() :]):
            if i:  # "..., y del Interior, Gérald Darmanin": the head of the title before
                before = f"{self._head_phrase(i - 1)} {before}".strip()
        elif link:  # "(por instrucciones) de la presidenta de México": no link opens a title
            before = before[link.end() :]
        after = doc.text[slice(*self.after[i])].strip(" ,") if self.after[i] else ""
        text = ", ".join(t for t in (before, after) if t)
        end = self.after[i][1] if self.after[i] else be
        return Title(text, bs, end, (bs, be) if before else None, self.after[i])

    def _head_phrase(self, i: int) -> str:
        """ "los ministros franceses de Justicia" → "ministros franceses", for the next
        item "y del Interior, Gérald Darmanin"."""
        bs, be = self.before[i]
        words = []
        for word in self.doc.text[bs:be].split():
            if fold(word) in ("de", "del", "of", "for", "para") and words:
                break
            words.append(word)
        return " ".join(words) if any(norm_key(w) in TITLE_HEADS for w in words) else ""

    def qualifiers(self) -> set[str]:
        """Countries named inside this sentence's titles ("Canada's", "U.S.")."""
        found = set()
        for i in range(len(self.names)):
            title = self.title(i)
            if not has_title_word(title.text, self.vocab):
                continue  # not a person ("the Canada-U.S. Cross-Border Crime Forum")
            code = qualifier(self.doc, title.start, title.end)
            if code:
                found.add(code)
        return found

    def context_side(self, pos: int, issuer_country: str | None) -> str | None:
        """The side the sentence gives before `pos` ("Mexico was represented by ...")."""
        parties = self.doc.parties
        # The country an earlier person's office deals with ("directora sénior para China
        # del Consejo de Seguridad Nacional") is not the side of the ones after.
        before = [
            c
            for cs, ce, c in countries_in(self.doc, self.start, pos)
            if c in parties
            and not any(
                t.text and t.start <= cs < t.end <= pos and is_addressed(self.doc, t.start, cs, ce)
                for t in self.titles
            )
        ]
        before += self._leading_bodies(pos)
        return before[-1] if before else None

    def remaining_side(self) -> str | None:
        """The one side no title of the sentence names ("Canada's Minister ..." → the other
        party), for a person nothing else places."""
        parties = self.doc.parties
        others = [p for p in parties if p not in self.qualifiers()]
        if len(parties) == 2 and len(others) == 1:
            return others[0]
        return None

    def _leading_bodies(self, pos: int) -> list[str]:
        """ "For the Czech Presidency of the Council, Interior Minister ...", "Por la
        Presidencia belga del Consejo asistieron ...": the party of a body that leads a list."""
        doc, found = self.doc, []
        low, cased = doc.low[self.start : pos], doc.cased[self.start : pos]
        for bs, _be, payloads in self.vocab.ministry_index.find(low, cased):
            countries = {m.country for m in payloads if m.country in doc.parties}
            if len(countries) == 1 and LIST_LEAD.search(low[max(0, bs - 20) : bs]):
                found.append(countries.pop())
        return found

    def side_after(self, i: int, sides: list[str | None]) -> str | None:
        """For a person whose title names no side: the side of the person listed before,
        or the other one after "with" ("... co-chaired the dialogue with Guo Shengkun")."""
        for j in range(i - 1, -1, -1):
            if sides[j]:
                between = self.doc.low[self.names[j][1] : self.names[i][0]]
                if WITH.search(between):
                    return other_party(self.doc.parties, sides[j])
                return sides[j]
        return None


LIST_LEAD = re.compile(r"\b(?:for|por|on behalf of|en nombre de)\s+(?:the\s+|la\s+|el\s+)?$")
VENUE_LINK = re.compile(r"\s+at\s+(?:the\s+)?")
WITH = re.compile(
    r"(?<!together )(?<!along )(?<!junto )\b(?:with|con)\b"
    r"|\b(?:counterparts?|homolog\w*|met|se reuni\w*)\b"
)


RELATIVE_AFTER = re.compile(r",\s*(?:who|quien|quienes|que)\b")


def _absent(doc: Document, sentence: _Sentence, ns: int, ne: int) -> bool:
    """ "Lynch and Johnson stayed in Washington, and ...": the clause says they did not attend."""
    clause_start = max(sentence.start, doc.text.rfind(";", sentence.start, ns) + 1)
    comma = doc.text.find(",", ne, sentence.end)
    if comma >= 0 and RELATIVE_AFTER.match(doc.low, comma):
        # "Lynch and Johnson, who co-chaired the first round, called off their trip"
        closing = doc.text.find(",", comma + 1, sentence.end)
        comma = doc.text.find(",", closing + 1, sentence.end) if closing >= 0 else closing
    clause_end = comma if comma >= 0 else sentence.end
    return bool(ABSENT.search(doc.low[clause_start:clause_end]))


def _to_come(doc: Document, sentence: _Sentence, ne: int) -> bool:
    """Is the first participation verb after the name still to come?"""
    verb = PARTICIPATION.search(doc.low, ne, sentence.end)
    if verb is None:
        return False
    will = WILL_HAPPEN.search(doc.low, max(ne, verb.start() - 12), verb.start())
    return bool(will or FUTURE_PARTICIPATION.match(doc.text, verb.start()))


def _person(sentence: _Sentence, i: int, triggered: bool, issuer_country, sides: list):
    """The person at name `i` of the sentence as (Match, root body, Title), or None."""
    doc, vocab = sentence.doc, sentence.vocab
    ns, ne = sentence.names[i]
    title = sentence.title(i)
    if not (triggered or (title.text and has_title_word(title.text, vocab))):
        return None
    if title.text and _is_non_member(title.text, vocab) or _absent(doc, sentence, ns, ne):
        return None
    if _to_come(doc, sentence, ne):
        return None
    context = (
        sentence.context_side(title.start or ns, issuer_country)
        or sentence.side_after(i, sides)
        or sentence.remaining_side()
        or (issuer_country if issuer_country in doc.parties else None)
    )
    reading = read_title(doc, vocab, title, context)
    text = title.text
    root = reading.body.root if reading.body else None
    if reading.body is not None:
        ms, me = reading.body_span or (-1, -1)
        text = _official_title(text, reading.body, ms, me)
    side = reading.side
    if side is None and doc.parties:
        side = side_for(doc, ns, doc.parties)
    value = {"name": doc.text[ns:ne], "title": text, "side": side}
    return Match(value, (ns, ne)), root, title


def extract_heads(
    doc: Document, vocab: Vocabulary, parties, issuer_country=None
) -> list[tuple[Match, Any]]:
    """Return (person, top-level body or None) for each named delegation member."""
    finder = NameFinder(vocab)
    heads: list[tuple[Match, Any]] = []
    seen: set[str] = set()
    doc.head_segments = []
    for span in doc.sentences:
        if doc.in_heading(span[0]) or not PARTICIPATION.search(doc.low[span[0] : span[1]]):
            continue
        sentence = _Sentence(doc, vocab, finder, span)
        triggered = bool(HEAD_TRIGGER.search(doc.low[span[0] : span[1]]))
        sides: list[str | None] = [None] * len(sentence.names)
        for i in range(len(sentence.names)):
            found = _person(sentence, i, triggered, issuer_country, sides)
            if found is None:
                continue
            match, root, title = found
            sides[i] = match.value["side"]
            key = fold(match.value["name"])
            if key in seen:
                continue
            seen.add(key)
            # Bodies named in the title belong to this person; the person adds their root body.
            doc.head_segments += [s for s in (title.before, title.after) if s]
            heads.append((match, root))
    return heads
