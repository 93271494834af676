"""A person's title as written around their name, and what it says: the body the title
names or implies (through the vocabulary's offices and ministries) and the side.

"Secretary of State Antony J. Blinken" (title before), "Yuri A. Gala López, Director of
Bilateral Affairs ..." (title after), "la secretaria de Seguridad y Protección Ciudadana,
Rosa Icela Rodríguez" (Spanish apposition), "Canada's Minister of Justice and Attorney
General David Lametti" (a country qualifier)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .sides import other_party
from .tables import CONNECTORS, EU_DEMONYMS, RANKS, TITLE_HEADS, TITLE_MODIFIERS, TITLE_WORDS
from .terms import fold, norm_key
from .vocabulary import title_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry, Vocabulary

# Where a list item ends: the next person's title starts after it.
SEPARATOR = re.compile(
    r";|,\s*(?:and|y|e|while|mientras que|as well as|asi como|together with|junto con|"
    r"who|quien|quienes|which|que|accompanied|acompanad\w*|joined|flanked)\b|,\s*(?:por|by)\b|\.\s|\)|:"
    # ", led an Indian delegation that included ...": the person's verb, not a title
    r"|,\s*(?:led|headed|chaired|co-chaired|included|encabezo|presidio|lidero|integro)\b"
    # ", the assistant secretary ..., arrived in Havana on Wednesday": the apposition ends
    r"|,\s*(?:arrived|said|told|added|noted|stated|met|spoke|explained|stressed|welcomed|"
    r"announced|signed|visited|travel+ed|recalled|warned|urged|expressed|reiterated)\b"
)
_LEADING = re.compile(r"^(?:(?:and|y|e|by|por|the|la|el|los|las|a|al|with|con|,|was|were)\s+)+")
# "for the United States", "to Colombia": a country a title is about, not its holder's.
_OBJECT_BEFORE = re.compile(r"\b(?:for|to|para|ante|in|en|with|con)\s+(?:the\s+|los\s+)?$")
_OF_BEFORE = re.compile(r"\b(?:of|de|del)\s+(?:the\s+|los\s+)?$")


@dataclass
class Title:
    text: str
    start: int
    end: int
    before: tuple[int, int] | None  # the span of the part before the name
    after: tuple[int, int] | None  # the span of the part after it


def _allowed(word: str, vocab: Vocabulary) -> bool:
    key = norm_key(word)
    if not key:
        return False
    if key in CONNECTORS or key in TITLE_WORDS or key in TITLE_HEADS or key in RANKS:
        return True
    if key in TITLE_MODIFIERS or key in vocab.country_words:
        return True
    if key in vocab.ministry_words or key in vocab.office_words:
        return True
    return word[:1].isupper() or key.endswith("s") and key[:-1] in vocab.country_words


def _is_head(word: str) -> bool:
    return norm_key(word) in TITLE_HEADS


# "el ministro (e) de Justicia": the bracket that says a title is held ad interim is a word of
# it.
INTERIM = r"\((?:e|i|a\.\s?i\.)\)"


def title_before(doc: Document, vocab: Vocabulary, floor: int, name_start: int) -> tuple[int, int]:
    """The title words right before a name, walking back to `floor` or a word that is no
    title word ("met", "with", "hosted").

    A comma is crossed when the words after it hold no title word yet ("Commissioner for
    Migration, Home Affairs and Citizenship") or only a rank ("el secretario de la Defensa
    Nacional, general Luis Cresencio Sandoval"), never when it starts a list item (", and",
    ", y"). A word the tables do not know is kept when
    a title word comes right before it ("los ministros franceses de Justicia")."""
    tokens = [
        (floor + m.start(), m.group())
        for m in re.finditer(INTERIM + r"|[^\s,;:()]+|[,;:()]", doc.text[floor:name_start])
    ]
    start = name_start
    since_comma: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        pos, token = tokens[i]
        if token == ",":
            rank_only = bool(since_comma) and all(norm_key(w) in RANKS for w in since_comma)
            if _list_start(since_comma) or not rank_only and any(map(_is_head, since_comma)):
                break
            since_comma = []
            continue
        word = token.strip(".'’")
        interim = re.fullmatch(INTERIM, token)
        if token in ";:()" or not (interim or _allowed(word, vocab) or _head_before(tokens, i)):
            break
        since_comma.insert(0, word)
        start = pos
    lead = _LEADING.match(fold(doc.text[start:name_start]))
    return start + (lead.end() if lead else 0), name_start


def _list_start(words: list[str]) -> bool:
    """ ", and Abel", ", y por Yuri": the comma opened a new list item."""
    return bool(words) and fold(words[0]) in ("and", "y", "e", "por", "by", "while")


def _head_before(tokens: list, i: int) -> bool:
    """Is one of the two words before token `i` a title word?"""
    return any(_is_head(t) for _p, t in tokens[max(0, i - 2) : i])


def _starts_like_title(text: str) -> bool:
    """ "Director of ...", "a deputy assistant attorney general", "el director de ...", "del
    Ministerio del Interior": not a verb ("sostuvo hoy ...")."""
    words = text.split()
    articles = ("the", "a", "an", "el", "la", "los", "las", "un", "una", "of", "from", "de", "del")
    while words and fold(words[0]) in articles:
        words = words[1:]
    if not words:
        return False
    first = norm_key(words[0])
    return first in TITLE_HEADS or first in RANKS or first in TITLE_WORDS or words[0][:1].isupper()


def title_after(
    doc: Document, vocab: Vocabulary, name_end: int, ceiling: int
) -> tuple[int, int] | None:
    """ ", Director of Bilateral Affairs ... at the Ministry of Foreign Affairs" or " of the
    Ministry of the Interior" after a name, up to the next list separator or `ceiling`."""
    rest = doc.text[name_end:ceiling]
    m = re.match(r"\s*,\s*", rest)
    if m is None:
        of = re.match(r"\s+(?:of|from|at|de|del)\s+(?:the\s+|la\s+|el\s+)?", rest)
        if of is None or not vocab.ministry_index.find(
            doc.low[name_end + of.end() : ceiling], doc.cased[name_end + of.end() : ceiling]
        ):
            return None
        m = of
    start = name_end + m.end()
    if SEPARATOR.match(doc.low, start - 2) or re.match(r"(?:y|and|e|por|by)\b", doc.low[start:]):
        return None  # "Renner, accompanied by ...", "Restrepo, y contó con ..."
    stop = SEPARATOR.search(doc.low, start, ceiling)
    while stop and (
        # an abbreviation's full stop ("director general for U.S. affairs"), no sentence's
        stop.group()[0] == "."
        and doc.text[stop.end() : stop.end() + 1].islower()
        # the bracket the title opened ("Joint Secretary (Counter Terrorism) in the ...")
        or stop.group() == ")"
        and doc.text.count("(", start, stop.start()) > doc.text.count(")", start, stop.start())
    ):
        stop = SEPARATOR.search(doc.low, stop.end(), ceiling)
    end = stop.start() if stop else ceiling
    text = doc.text[start:end].rstrip(" ,.")
    if not text or m.group().strip() == "," and not _starts_like_title(text):
        return None  # "Cossío, sostuvo hoy ...": a verb, not a title
    named = vocab.ministry_index.find(fold(text), fold(text, lower=False))
    if not (has_title_word(text, vocab) or named):
        return None
    return start, start + len(text)


def has_title_word(text: str, vocab: Vocabulary) -> bool:
    """Does the phrase name an office or hold a title word ("Secretary", "viceministro")?"""
    key = title_key(text)
    if vocab.office_index.find(key, key):
        return True
    return any(w in TITLE_HEADS or w in RANKS for w in key.split())


@dataclass
class Reading:
    """What a title says about its holder."""

    body: MinistryEntry | None = None
    body_span: tuple[int, int] | None = None  # within the title text, when the body is named
    side: str | None = None


def _named_bodies(doc: Document, vocab: Vocabulary, title: str) -> list[tuple]:
    """Bodies named in the title ("... at the Ministry of Foreign Affairs"), last first."""
    low, cased = fold(title), fold(title, lower=False)
    return [(s, e, p) for s, e, p in reversed(vocab.ministry_index.find(low, cased))]


# "directora ... del mismo consejo", "head of that Office": a body named earlier in the text.
_ANAPHOR = re.compile(
    r"\b(?:del mismo|de la misma|de ese|de esa|de este|de esta|de dicho|de dicha|"
    r"of the same|of that|of this|of the said)\s+(\w+)\s*$"
)


def _referred_bodies(doc: Document, vocab: Vocabulary, title: Title) -> list:
    """The bodies of the last earlier mention whose name has the noun the title refers back
    with ("del mismo consejo" → "Consejo de Seguridad Nacional")."""
    m = _ANAPHOR.search(fold(title.text))
    if not m:
        return []
    low, cased = doc.low[: title.start], doc.cased[: title.start]
    for s, e, bodies in reversed(vocab.ministry_index.find(low, cased)):
        if m.group(1) in low[s:e].split():
            return list(bodies)
    return []


def _office_bodies(vocab: Vocabulary, title: str, *, whole: bool = False) -> list:
    """The bodies of the offices the title names; `whole`: only an office that is the whole
    title ("subdirector general de Estados Unidos", an office of Cuba's foreign ministry)."""
    key = title_key(title)
    return [
        o.ministry
        for s, e, offices in vocab.office_index.find(key, key)
        if not whole or (s, e) == (0, len(key))
        for o in offices
    ]


# The body a title word heads: a "ministro" heads a "ministerio", a "secretary" a department.
_HEADED = {
    "minister": ("ministry of", "ministerio de"),
    "ministro": ("ministerio de", "ministry of"),
    "ministra": ("ministerio de", "ministry of"),
    "secretary": ("department of", "secretariat of", "ministry of"),
    "secretario": ("secretaria de", "departamento de"),
    "secretaria": ("secretaria de", "departamento de"),
    "commissioner": ("commission for",),
    "comisario": ("comision de",),
    "comisaria": ("comision de",),
}
_PORTFOLIO = re.compile(
    r"\b(?P<head>" + "|".join(_HEADED) + r")\b(?:\s+\w+){0,2}?\s+(?:of|de|for)\s+"
    r"(?:the\s+|la\s+|el\s+)?(?P<portfolio>.+)$"
)


def _core_bodies(vocab: Vocabulary, title: str) -> list:
    """ "Secretary of Homeland Security", "ministro checo de Justicia": the body whose name
    the title's head word and portfolio spell ("Department of Homeland Security")."""
    m = _PORTFOLIO.search(title_key(title))
    if not m:
        return []
    words = m.group("portfolio").split()
    for n in range(len(words), 0, -1):
        portfolio = " ".join(words[:n])
        for prefix in _HEADED[m.group("head")]:
            name = f"{prefix} {portfolio}"
            found = vocab.ministry_index.find(name, name)
            if found and found[0][0] == 0:
                return list(found[0][2])
    return []


def qualifier(doc: Document, start: int, end: int) -> str | None:
    """A country the title says its holder serves ("U.S. Attorney General", "Canada's",
    "mexicano", "fiscal general de Estados Unidos" at its end); a country the title is about
    ("Ambassador to Colombia", "Director ... for the United States") means the other party,
    and "Dirección General de Estados Unidos del MINREX" in mid-title names a portfolio."""
    for cs, ce, code in reversed([c for c in doc.countries if start <= c[0] < end]):
        if is_addressed(doc, start, cs, ce):
            return other_party(doc.parties, code) or None
        if _OF_BEFORE.search(doc.low[max(start, cs - 12) : cs]) and doc.text[ce:end].strip(" ,.)"):
            continue  # "de Estados Unidos del Ministerio ...": part of a body's name
        return code
    return None


# A country that names a body of its own: "in the US State Department's Bureau of ...".
_BODY_AFTER = re.compile(
    r"\s+(?:[A-Z][\w.-]*\s+){0,2}?(?:Department|Ministry|Bureau|Secretariat|Agency|Office|"
    r"Embassy|Commission|Council|Service)\b"
)


def is_addressed(doc: Document, start: int, country_start: int, country_end: int) -> bool:
    """Is the country at `country_start`, in a title from `start`, the one the office deals
    with ("Ambassador to Colombia", "directora sénior para China")? Not a possessive's
    ("adviser to Cuba's National Defense and Security Commission"), nor one that names a
    body of its own ("Senior Bureau Official in the US State Department's Bureau ...")."""
    if doc.text.startswith(("'s", "’s"), country_end) or _BODY_AFTER.match(doc.text, country_end):
        return False
    return bool(_OBJECT_BEFORE.search(doc.low[max(start, country_start - 12) : country_start]))


def read_title(doc: Document, vocab: Vocabulary, title: Title, context_side: str | None):
    """The body and side of a title's holder; `context_side` is the side the sentence gives
    (the delegation being listed), used when the title alone does not decide."""
    parties = doc.parties
    # A title that is an office staff recorded says whose it is, whatever country it names.
    chosen = _choose(_office_bodies(vocab, title.text, whole=True), parties, context_side)
    if chosen:
        return Reading(chosen, None, chosen.country)
    qualified = qualifier(doc, title.start, title.end)
    if qualified is None and "EU" in parties and EU_DEMONYMS & set(norm_key(title.text).split()):
        qualified = "EU"  # "el ministro del Interior austriaco": the Council presidency's
    side_hint = qualified or context_side
    for s, e, bodies in _named_bodies(doc, vocab, title.text):
        chosen = _choose(bodies, parties, side_hint, strict=qualified is not None)
        if chosen:
            return Reading(chosen, (s, e), chosen.country)
    candidates = (
        _referred_bodies(doc, vocab, title)
        or _office_bodies(vocab, title.text)
        or _core_bodies(vocab, title.text)
    )
    chosen = _choose(candidates, parties, side_hint, strict=qualified is not None)
    if chosen:
        return Reading(chosen, None, chosen.country)
    return Reading(None, None, side_hint)


def _choose(bodies: list, parties: tuple[str, ...], side: str | None, *, strict: bool = False):
    """The body of `side` among `bodies` (of the parties); with no `side`, the only one.

    `strict`: the side comes from the title itself ("Canada's"), so a body of the other side
    is refused; otherwise a body whose side is the only possible one wins over the hint."""
    usable = [b for b in bodies if not parties or b.country in parties]
    for body in usable:
        if body.country == side:
            return body
    countries = {b.country for b in usable}
    if len(countries) == 1 and not (strict and side):
        return usable[0]
    return None
