"""Read a communiqué (English or Spanish) and propose the round it reports.

Rule based and deterministic: no network, no model. Names come from the database (dialogues,
countries, ministries and threat topics with their acronyms and aliases), so staff improve the
extraction by adding an alias in the admin. Only cities and ordinals live in code. Every value
carries the span of text it came from. See docs/extraction.md.
"""

from __future__ import annotations

import bisect
import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.db import models

from rounds.text import STOP_WORDS_EN, STOP_WORDS_ES, strip_accents

MAX_BYTES = 1_000_000
# A communiqué is a few pages; in a longer paste (a whole web page) only the start is read,
# which keeps the worst case well under a second.
READ_CHARS = 50_000


class ExtractionError(ValueError):
    """The text cannot be read as a communiqué; the message says why."""


@dataclass(frozen=True)
class Match:
    value: Any
    span: tuple[int, int] | None
    obj: models.Model | None = None


@dataclass
class Extraction:
    text: str
    language: str
    dialogue: Match | None = None
    ordinal: Match | None = None
    date_start: Match | None = None
    date_end: Match | None = None
    city: Match | None = None
    country_hosting: Match | None = None
    previous_round_date: Match | None = None
    topics: list[Match] = field(default_factory=list)
    delegations: dict[str, list[Match]] = field(default_factory=dict)
    heads: list[Match] = field(default_factory=list)
    pending_requests: list[Match] = field(default_factory=list)
    agreements: list[Match] = field(default_factory=list)
    statements: list[Match] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    SCALARS = (
        "dialogue",
        "ordinal",
        "date_start",
        "date_end",
        "city",
        "country_hosting",
        "previous_round_date",
    )
    LISTS = ("topics", "heads", "pending_requests", "agreements", "statements")

    def to_json(self) -> dict:
        """Return the extraction in the format of the reference examples, plus spans."""
        data: dict[str, Any] = {}
        spans: dict[str, Any] = {}
        for name in self.SCALARS:
            match = getattr(self, name)
            data[name] = match.value if match else None
            spans[name] = list(match.span) if match and match.span else None
        data["topics"] = [m.value for m in self.topics]
        spans["topics"] = [list(m.span) if m.span else None for m in self.topics]
        data["delegations"] = {
            side: [m.value for m in matches] for side, matches in self.delegations.items()
        }
        spans["delegations"] = {
            side: [list(m.span) if m.span else None for m in matches]
            for side, matches in self.delegations.items()
        }
        for name in ("heads", "pending_requests", "agreements", "statements"):
            matches = getattr(self, name)
            data[name] = [m.value for m in matches]
            spans[name] = [list(m.span) if m.span else None for m in matches]
        data["language"] = self.language
        data["unrecognized"] = {
            side: [m.value for m in matches if m.obj is None]
            for side, matches in self.delegations.items()
            if any(m.obj is None for m in matches)
        }
        data["problems"] = list(self.problems)
        data["spans"] = spans
        return data


# ---------------------------------------------------------------------------------------------
# Text normalisation: one character in, one character out (rounds.text.strip_accents), so
# spans stay valid.

fold = strip_accents


def norm_key(text: str) -> str:
    """A lookup key: folded, lower-case, punctuation dropped, spaces collapsed."""
    text = fold(text).replace("'s ", " ").replace("-", " ")
    text = re.sub(r"[^\w\s]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _is_case_sensitive(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return 0 < len(letters) <= 4 and all(c.isupper() for c in letters)


_WORD = re.compile(r"\w+")


class TermIndex:
    """Find any of many terms in a text, longest first, accent- and (mostly) case-insensitive.

    Terms and text are compared word by word (punctuation and spacing ignored), so
    "Attorney-General's Office" matches "Attorney General's Office" and "U.S." matches "U.S".
    Short all-capital terms ("US", "ICE") match only in capitals.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        self.terms: dict[tuple[bool, str], list[Any]] = {}
        self.first_words: dict[tuple[bool, str], int] = {}  # -> longest term starting so
        self.longest = 1
        self._recent: dict[int, tuple[str, list]] = {}
        for term, payload in entries:
            words = _WORD.findall(fold((term or "").strip(), lower=False))
            if not words or len("".join(words)) < 2:
                continue
            sensitive = _is_case_sensitive(term)
            key = "".join(words) if sensitive else " ".join(w.lower() for w in words)
            first = words[0] if sensitive else words[0].lower()
            bucket = self.terms.setdefault((sensitive, key), [])
            if payload not in bucket:
                bucket.append(payload)
            self.first_words[(sensitive, first)] = max(
                len(words), self.first_words.get((sensitive, first), 0)
            )
            self.longest = max(self.longest, len(words))

    def find(self, low: str, cased: str) -> list[tuple[int, int, list[Any]]]:
        cached = self._recent.get(id(cased))
        if cached is not None and cached[0] is cased:
            return cached[1]
        tokens, lows, caps = _tokenize(low, cased)
        found, i = [], 0
        while i < len(tokens):
            hit = None
            maybe_i = self.first_words.get((False, lows[i]), 0)
            maybe_s = self.first_words.get((True, caps[i]), 0)
            if maybe_i or maybe_s:
                for n in range(min(max(maybe_i, maybe_s), len(tokens) - i), 0, -1):
                    if maybe_i:
                        hit = self.terms.get((False, " ".join(lows[i : i + n])))
                    if hit is None and maybe_s:
                        hit = self.terms.get((True, "".join(caps[i : i + n])))
                    if hit is not None:
                        found.append((tokens[i][0], tokens[i + n - 1][1], hit))
                        i += n
                        break
            if hit is None:
                i += 1
        if len(self._recent) >= 8:
            self._recent.pop(next(iter(self._recent)))
        self._recent[id(cased)] = (cased, found)  # the same text is searched several times
        return found


@lru_cache(maxsize=4)
def _tokenize(low: str, cased: str) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(cased)]
    return tokens, [low[s:e] for s, e in tokens], [cased[s:e] for s, e in tokens]


# ---------------------------------------------------------------------------------------------
# Built-in tables: cities (with indirect names) and ordinals.

CITIES: list[tuple[str, tuple[str, ...], list[str]]] = [
    (
        "Washington, D.C.",
        ("US",),
        [
            "Washington, D.C.",
            "Washington DC",
            "Washington",
            "the U.S. capital",
            "the US capital",
            "the American capital",
            "the capital of the United States",
            "la capital estadounidense",
            "la capital norteamericana",
            "la capital de Estados Unidos",
            "la capital de los Estados Unidos",
        ],
    ),
    (
        "Havana",
        ("CU",),
        [
            "Havana",
            "La Habana",
            "the Cuban capital",
            "the capital of Cuba",
            "la capital cubana",
            "la capital de Cuba",
        ],
    ),
    (
        "Beijing",
        ("CN",),
        ["Beijing", "Peking", "Pekín", "the Chinese capital", "la capital china"],
    ),
    (
        "Mexico City",
        ("MX",),
        [
            "Mexico City",
            "Ciudad de México",
            "CDMX",
            "the Mexican capital",
            "la capital mexicana",
            "la capital de México",
        ],
    ),
    (
        "Bogotá",
        ("CO",),
        ["Bogotá", "the Colombian capital", "la capital colombiana", "la capital de Colombia"],
    ),
    ("Brussels", ("EU", "BE"), ["Brussels", "Bruselas", "the Belgian capital"]),
    ("Stockholm", ("EU", "SE"), ["Stockholm", "Estocolmo"]),
    ("Madrid", ("EU", "ES"), ["Madrid", "the Spanish capital", "la capital española"]),
    ("Lisbon", ("EU", "PT"), ["Lisbon", "Lisboa"]),
    ("Vienna", ("EU", "AT"), ["Vienna", "Viena"]),
    ("Miami", ("US",), ["Miami"]),
    ("New York", ("US",), ["New York", "Nueva York"]),
    ("San Francisco", ("US",), ["San Francisco"]),
    ("Shanghai", ("CN",), ["Shanghai", "Shanghái"]),
    ("Monterrey", ("MX",), ["Monterrey"]),
    ("Cartagena", ("CO",), ["Cartagena", "Cartagena de Indias"]),
    ("Medellín", ("CO",), ["Medellín"]),
    ("Ottawa", ("CA",), ["Ottawa"]),
    ("Panama City", ("PA",), ["Panama City", "Ciudad de Panamá"]),
]

EXTRA_COUNTRY_TERMS: dict[str, list[str]] = {
    "US": ["United States", "U.S.", "Washington"],
    "CO": ["Colombia", "Colombian", "colombiano", "colombiana", "colombianos"],
    "CU": ["Cuba", "cubanas"],
    "CN": ["China", "china", "chinos"],
    "MX": ["Mexico", "mexicanos", "mexicanas"],
}

_EN_ORD = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
]
_ES_ORD = [
    "primer",
    "segund",
    "tercer",
    "cuart",
    "quint",
    "sext",
    "septim",
    "octav",
    "noven",
    "decim",
    "undecim",
    "duodecim",
]
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(_EN_ORD)}
ORDINAL_WORDS["inaugural"] = 1
for _i, _stem in enumerate(_ES_ORD):
    for _end in ("a", "o", "", "as", "os"):
        ORDINAL_WORDS.setdefault(_stem + _end, _i + 1)
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
ROUND_WORDS = (
    r"round|rounds|meeting|session|edition|dialogue|talks|ministerial|consultations|plenary|"
    r"ronda|reunion|sesion|edicion|dialogo|encuentro|cita|conversaciones|consultas|ministerial"
)

MONTHS = {
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    },
    **{
        m: i + 1
        for i, m in enumerate(
            [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ]
        )
    },
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "setiembre": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = r"(?:\s*(?:-|to|and|through|al|a|y)\s*(\d{1,2})(?:st|nd|rd|th)?)?"
DATE_PATTERNS = [
    # January 18-19, 2023 / September 15, 2017 / September 15
    re.compile(rf"\b({_MONTH})\s+{_DAY}{_RANGE}(?:,?\s+(\d{{4}}))?(?!\d)"),
    # 18-19 January 2023 / 15 September 2017 / 18 y 19 de enero de 2023 / 5 de junio
    re.compile(
        rf"\b{_DAY}{_RANGE}\s+(?:de\s+|of\s+)?({_MONTH})(?:,?\s+(?:de\s+|del\s+)?(\d{{4}}))?"
    ),
    # October 2022 / octubre de 2022
    re.compile(rf"\b({_MONTH})\s+(?:de\s+|del\s+|of\s+)?(\d{{4}})\b"),
    # 2022
    re.compile(r"\b((?:19|20)\d{2})\b"),
]

MEETING_WORDS = re.compile(
    r"\b(?:met|meet|meets|held|hold|holds|took place|takes place|convened|convenes|gathered|"
    r"hosted|meeting|round|session|talks|dialogue|ministerial|"
    r"celebr\w*|acogio|tuvo lugar|tiene lugar|sesiono|se reunieron|reunion|ronda|encuentro|"
    r"efectu\w*|realiz\w*|cita|dialogo|conversaciones)\b"
)
PREVIOUS_MARKERS = re.compile(
    r"(?:continuation of|follow(?:ed|s|ing)? up on|follow(?:ed|s|ing)? (?:on )?(?:from )?|"
    r"previous|preceding|prior|last (?:met|round|meeting|session|held|one)|"
    r"since the (?:last |previous )?(?:meeting|round|session|one|talks|dialogue)|"
    r"seguimiento a|continuidad|continuacion|anterior|previa|precedente|sucedio a|sucede a|"
    r"succeeded|after the one|despues de la|"
    r"desde (?:la|el) (?:ultim|anterior|reunion|ronda|encuentro)|"
    r"la ultima|el ultimo|tras la)"
)
SPEECH_BEFORE = re.compile(
    r"(?:stated|said|admitted|declared|announced|wrote|admitio|declaro|dijo|afirmo|anuncio)"
    r"\s+(?:on\s+|el\s+)?$"
)

GENERIC_DIALOGUE_WORDS = {
    "dialogue",
    "dialogo",
    "talks",
    "round",
    "rounds",
    "meeting",
    "reunion",
    "bilateral",
    "high",
    "level",
    "alto",
    "nivel",
    "sobre",
    "on",
    "related",
    "issues",
    "joint",
    "conjunto",
    "entre",
    "autoridades",
    "organos",
    "united",
    "states",
    "unidos",
    "estados",
}


# ---------------------------------------------------------------------------------------------
# Vocabulary


@dataclass
class _Dialogue:
    obj: Any
    name: str
    parties: tuple[str, str]
    terms: list[str]
    keywords: set[str]
    stems: set[str] = field(default_factory=set)


@dataclass
class _Ministry:
    obj: Any
    name: str
    country: str
    parent: _Ministry | None = None
    acronym: str = ""

    @property
    def root(self) -> _Ministry:
        node, seen = self, set()
        while node.parent is not None and id(node) not in seen:
            seen.add(id(node))
            node = node.parent
        return node


@dataclass
class _Topic:
    obj: Any
    name: str


_BODY_PREFIX = re.compile(
    r"^(?:the\s+)?(?:ministry|ministries|department|departments|secretariat|secretary|ministerio|"
    r"ministerios|departamento|secretaria)\s+(?:of|for|de|del|de la|de los)\s+(?:the\s+)?(.+)$"
)
_BODY_SUFFIX = re.compile(r"^(?:the\s+)?(.+?)\s+(?:ministry|department|secretariat)$")


def _core(term: str) -> str | None:
    key = norm_key(term)
    m = _BODY_PREFIX.match(key) or _BODY_SUFFIX.match(key)
    return m.group(1).strip() if m else None


class Vocabulary:
    """The names the extractor recognises, read once from the database."""

    def __init__(
        self,
        *,
        dialogues: list[_Dialogue],
        countries: dict[str, tuple[Any, list[str]]],
        ministries: list[tuple[_Ministry, list[str]]],
        topics: list[tuple[_Topic, list[str]]],
    ):
        self.dialogues = dialogues
        self.countries = countries
        country_entries = []
        for code, (_obj, terms) in countries.items():
            country_entries += [(t, code) for t in terms]
        self.country_index = TermIndex(country_entries)
        self.ministries = [m for m, _ in ministries]
        entries, self.cores = [], {}
        for ministry, terms in ministries:
            for term in terms:
                # Single words ("State", "Marina") are too ambiguous in running text; they are
                # used only inside coordinated lists ("the Justice and State Departments").
                single = " " not in term.strip()
                if (
                    not single
                    or _is_case_sensitive(term)
                    or term.isupper()
                    or term == ministry.acronym
                ):
                    entries.append((term, ministry))
                core = norm_key(term) if single and not _is_case_sensitive(term) else _core(term)
                if core:
                    self.cores.setdefault(core, [])
                    if ministry not in self.cores[core]:
                        self.cores[core].append(ministry)
        self.ministry_index = TermIndex(entries)
        self.ministry_words = {
            w for _m, terms in ministries for t in terms for w in norm_key(t).split() if len(w) > 3
        }
        self.topics = [t for t, _ in topics]
        self.topic_index = TermIndex((term, topic) for topic, terms in topics for term in terms)
        self.topic_by_key = {}
        for topic, terms in topics:
            for term in terms:
                self.topic_by_key.setdefault(norm_key(term), topic)
        self.city_index = TermIndex(
            (term, (canonical, hosts)) for canonical, hosts, terms in CITIES for term in terms
        )
        self.dialogue_index = TermIndex((t, d) for d in dialogues for t in d.terms)
        self.country_words = {
            w for _obj, terms in countries.values() for t in terms for w in norm_key(t).split()
        }
        for dialogue in dialogues:
            words = set()
            for term in dialogue.terms:
                # Acronyms ("LED") would match ordinary words ("led by"); names carry the meaning.
                words |= {norm_key(w) for w in re.split(r"[\s\-–]+", term) if not w.isupper()}
            dialogue.keywords = {
                w
                for w in words
                if len(w) > 2
                and w not in STOP_WORDS_EN | STOP_WORDS_ES | GENERIC_DIALOGUE_WORDS
                and w not in self.country_words
            }
            dialogue.stems = {w[:7] for w in dialogue.keywords}
        self.stem_frequency: dict[str, int] = {}
        for dialogue in dialogues:
            for stem in dialogue.stems:
                self.stem_frequency[stem] = self.stem_frequency.get(stem, 0) + 1

    @classmethod
    def from_database(cls) -> Vocabulary:
        from rounds.models import Country, Dialogue, Ministry, ThreatTopic

        countries: dict[str, tuple[Any, list[str]]] = {}
        for country in Country.objects.all():
            terms = [country.name, *country.alias_list]
            terms += EXTRA_COUNTRY_TERMS.get(country.code, [])
            countries[country.code] = (country, terms)
        for code, terms in EXTRA_COUNTRY_TERMS.items():
            countries.setdefault(code, (None, terms))
        dialogues = [
            _Dialogue(
                obj=d,
                name=d.name,
                parties=(d.party_a.code, d.party_b.code),
                terms=[d.name, *([d.short_name] if d.short_name else []), *d.alias_list],
                keywords=set(),
            )
            for d in Dialogue.objects.select_related("party_a", "party_b")
        ]
        by_pk: dict[int, _Ministry] = {}
        raw = list(Ministry.objects.select_related("country"))
        ministries = []
        for m in raw:
            by_pk[m.pk] = _Ministry(obj=m, name=m.name, country=m.country.code, acronym=m.acronym)
        for m in raw:
            node = by_pk[m.pk]
            node.parent = by_pk.get(m.parent_id)
            terms = [m.name, *([m.acronym] if m.acronym else []), *m.alias_list]
            ministries.append((node, _variants(terms)))
        topics = [
            (_Topic(obj=t, name=t.name), [t.name, *t.alias_list]) for t in ThreatTopic.objects.all()
        ]
        return cls(dialogues=dialogues, countries=countries, ministries=ministries, topics=topics)

    def resolve_topic(self, label: str) -> str:
        """Return the canonical topic name for a label, name or alias (the label if unknown)."""
        topic = self.topic_by_key.get(norm_key(label))
        return topic.name if topic else label

    def resolve_ministry(self, side: str, name: str) -> str:
        low, cased = fold(name), fold(name, lower=False)
        for start, end, payloads in self.ministry_index.find(low, cased):
            if start == 0 and end >= len(name.rstrip(". ")) - 1:
                for ministry in payloads:
                    if ministry.country == side:
                        return ministry.name
        return name

    def resolve_dialogue(self, name: str | None) -> str | None:
        if not name:
            return None
        found = _find_dialogue(self, fold(name), fold(name, lower=False))
        return found[0].name if found else name


def _variants(terms: list[str]) -> list[str]:
    out = list(terms)
    for term in terms:
        m = re.match(r"^(Ministry|Department)\s+of\s+(?:the\s+)?(.+)$", term)
        if m and len(m.group(2).split()) <= 3:
            out.append(f"{m.group(2)} {m.group(1)}")
    return out


# ---------------------------------------------------------------------------------------------
# Sentences


_ABBREV = re.compile(
    r"(?:\b[A-Z]|U\.S|D\.C|Mr|Mrs|Ms|Dr|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Gen|Lt|Col|Sr|Sra|"
    r"Jr|St|No|EE\.UU|Amb|Gov)\.$"
)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n|\n|(?<=[.!?])[\"”’']?\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"“])", text):
        if m.group().strip() == "" and "\n" not in m.group():
            before = text[max(0, m.start() - 6) : m.start()]
            if _ABBREV.search(before):
                continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# ---------------------------------------------------------------------------------------------
# The extractor


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")


def _check(text: Any) -> str:
    if isinstance(text, bytes):
        if b"\x00" in text:
            raise ExtractionError("This looks like a binary file, not a text communiqué.")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ExtractionError("The text is not valid UTF-8; paste it as plain text.") from None
    if not isinstance(text, str):
        raise ExtractionError("Give the communiqué as text.")
    if not text.strip():
        raise ExtractionError("The text is empty; paste the communiqué's text.")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise ExtractionError(
            "The text is larger than 1 MB; a communiqué is a few pages. Paste only its text."
        )
    if "\x00" in text:
        raise ExtractionError("The text contains NUL bytes: it looks binary, not a communiqué.")
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    if not sample.isascii():
        bad += sum(
            1
            for c in sample
            if ord(c) > 127 and unicodedata.category(c) in ("Cc", "Co", "Cs", "Cn")
        )
    if bad > max(3, len(sample) * 0.02):
        raise ExtractionError("The text is mostly unprintable characters: it looks binary.")
    letters = len(_LETTER.findall(sample))
    if letters < len(sample.strip()) * 0.5:
        raise ExtractionError("The text has too few letters to be a communiqué.")
    return text


def _language(low: str) -> str:
    words = re.findall(r"[a-z]+", low[:20000])
    en = sum(1 for w in words if w in STOP_WORDS_EN)
    es = sum(1 for w in words if w in STOP_WORDS_ES)
    if en + es < 3:
        return "other"
    return "es" if es > en else "en"


class _Doc:
    """The text in the three forms the rules read, and its sentences."""

    def __init__(self, text: str):
        self.text = text
        self.low = fold(text)
        self.cased = fold(text, lower=False)
        self.sentences = _sentences(text)
        self.starts = [start for start, _end in self.sentences]
        self.countries: list[tuple[int, int, str]] = []
        self.parties: tuple[str, ...] = ()
        self.head_segments: list[tuple[int, int]] = []
        self.datelines: list[tuple[int, int]] | None = None
        self.language = "en"
        first_line_end = text.find("\n")
        self.title_end = first_line_end if first_line_end > 0 else 0

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.sentences[i][0] <= pos < self.sentences[i][1]:
            return self.sentences[i]
        return (max(0, pos - 200), min(len(self.text), pos + 200))


def extract(text: str, *, vocabulary: Vocabulary | None = None) -> Extraction:
    """Return what the communiqué states; raise ExtractionError for unusable input."""
    text = _check(text)
    vocab = vocabulary or Vocabulary.from_database()
    doc = _Doc(text[:READ_CHARS])
    result = Extraction(text=text, language=_language(doc.low))
    doc.language = result.language
    if len(text) > READ_CHARS:
        result.problems.append(
            f"The text is long ({len(text):,} characters); only the first {READ_CHARS:,} were "
            "read. Paste only the communiqué."
        )

    countries = [
        (s, e, payloads[0]) for s, e, payloads in vocab.country_index.find(doc.low, doc.cased)
    ]
    # "Washington" counts as a mention of the United States ("Washington sent officials");
    # as a place it is read by the city rules.
    doc.countries = countries
    dialogue_found = _find_dialogue(vocab, doc.low, doc.cased)
    parties: tuple[str, ...] = ()
    if dialogue_found:
        dialogue, span = dialogue_found
        result.dialogue = Match(dialogue.name, span, dialogue.obj)
        parties = dialogue.parties
    else:
        counts: dict[str, int] = {}
        for _s, _e, code in countries:
            counts[code] = counts.get(code, 0) + 1
        parties = tuple(sorted(counts, key=lambda c: -counts[c])[:2])
    doc.parties = parties

    _extract_ordinal(doc, result)
    _extract_dates(doc, result)
    _extract_city(doc, vocab, result)
    result.topics = _extract_topics(doc, vocab)
    _extract_delegations(doc, vocab, result, parties)
    _extract_requests(doc, result, parties)
    result.agreements = _extract_agreements(doc)
    result.statements = _extract_statements(doc, parties)

    signals = sum(
        bool(x)
        for x in (
            result.dialogue,
            result.topics,
            any(result.delegations.values()),
            result.ordinal,
            len({c for _s, _e, c in countries}) >= 2,
        )
    )
    if signals < 2:
        raise ExtractionError(
            "This text does not look like a communiqué about a bilateral dialogue: no dialogue, "
            "ministry, threat topic or round was recognised. Check that you pasted the right text."
        )
    if result.dialogue is None:
        result.problems.append("No known dialogue recognised; pick the dialogue by hand.")
    if result.ordinal is None:
        result.problems.append("The text gives no round number.")
    if result.date_start is None:
        result.problems.append("No meeting date found in the text.")
    if result.city is None:
        result.problems.append("No meeting place found in the text.")
    for side, matches in result.delegations.items():
        for m in matches:
            if m.obj is None:
                result.problems.append(f"Unknown body for {side}: “{m.value}”.")
    return result


def _find_dialogue(vocab: Vocabulary, low: str, cased: str):
    mentioned: dict[str, tuple[int, int]] = {}
    for s, e, codes in vocab.country_index.find(low, cased):
        mentioned.setdefault(codes[0], (s, e))
    hits = vocab.dialogue_index.find(low, cased)
    for start, end, payloads in hits:
        for dialogue in payloads:
            if all(p in mentioned for p in dialogue.parties):
                return dialogue, (start, end)
    words: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\w+", low):
        words.setdefault(m.group()[:7], (m.start(), m.end()))
    title_end = low.find("\n")
    best, best_score = None, 0.0
    for dialogue in vocab.dialogues:
        if not all(p in mentioned for p in dialogue.parties):
            continue
        score = 0.0
        for stem in dialogue.stems:
            if stem in words:
                # A word shared by several dialogues ("ley") says less than a unique one.
                weight = 1 / vocab.stem_frequency[stem]
                score += weight * (1.5 if words[stem][0] < title_end else 1)
        if score > best_score:
            best, best_score = dialogue, score
    if best is None:
        if hits:
            return hits[0][2][0], (hits[0][0], hits[0][1])
        return None
    spans = [words[w] for w in best.stems if w in words]
    start = min(s for s, _ in spans)
    end = min(e for s, e in spans if s == start)
    return best, (start, end)


# -- dates -------------------------------------------------------------------------------------


@dataclass
class _Date:
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    day_end: int | None
    kind: str = "other"

    def iso(self, year: int | None = None) -> str | None:
        year = self.year or year
        if year is None:
            return None
        if self.month is None:
            return f"{year:04d}"
        if self.day is None:
            return f"{year:04d}-{self.month:02d}"
        try:
            return datetime.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None

    def iso_end(self, year: int | None = None) -> str | None:
        if self.day_end is None:
            return self.iso(year)
        return _Date(0, 0, self.year, self.month, self.day_end, None).iso(year)


def _find_dates(low: str) -> list[_Date]:
    found: list[_Date] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= ts or s >= te for ts, te in taken)

    for index, pattern in enumerate(DATE_PATTERNS):
        for m in pattern.finditer(low):
            if not free(m.start(), m.end()):
                continue
            g = m.groups()
            if index == 0:
                month, day, day_end, year = MONTHS[g[0].rstrip(".")], g[1], g[2], g[3]
            elif index == 1:
                day, day_end, month, year = g[0], g[1], MONTHS[g[2].rstrip(".")], g[3]
            elif index == 2:
                month, day, day_end, year = MONTHS[g[0].rstrip(".")], None, None, g[1]
            else:
                month, day, day_end, year = None, None, None, g[0]
            if index == 2 and g[0].rstrip(".") == "mar" and " de " not in m.group():
                continue  # "mar" is also Spanish for "sea"
            day = int(day) if day else None
            day_end = int(day_end) if day_end else None
            if day and not 1 <= day <= 31 or day_end and not (day or 0) < day_end <= 31:
                continue
            found.append(
                _Date(m.start(), m.end(), int(year) if year else None, month, day, day_end)
            )
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    return found


def _is_dateline(doc: _Doc, date: _Date) -> bool:
    line_start = doc.text.rfind("\n", 0, date.start) + 1
    line_end = doc.text.find("\n", date.end)
    line_end = len(doc.text) if line_end < 0 else line_end
    if doc.text.count("\n", 0, line_start) > 3:
        return False
    before = doc.text[line_start : date.start]
    line = doc.text[line_start:line_end]
    return (before.strip() == "" or before.rstrip().endswith(",")) and len(line.split()) <= 16


def _extract_dates(doc: _Doc, result: Extraction) -> None:
    dates = _find_dates(doc.low)
    current = result.ordinal.value if result.ordinal else None
    dateline_year = None
    for date in dates:
        if (date.day or date.month) and _is_dateline(doc, date):
            date.kind = "dateline"
            dateline_year = dateline_year or date.year
    full_years = [d.year for d in dates if d.year]
    for date in dates:
        if date.kind == "dateline":
            continue
        s, _e = doc.sentence_of(date.start)
        before = doc.low[s : date.start]
        if SPEECH_BEFORE.search(before[-30:]):
            date.kind = "speech"
            continue
        markers = list(PREVIOUS_MARKERS.finditer(before))
        marker = markers[-1] if markers else None
        between = before[marker.end() :] if marker else ""
        if marker and len(between) < 140 and not _find_dates(between):
            date.kind = "previous"
        elif current and any(
            value != current for value in _ordinals_in(before) if value is not None
        ):
            date.kind = "previous"  # "The first meeting was held in Mexico City in 2021."
        elif MEETING_WORDS.search(doc.low[s:_e]) or s < doc.title_end:
            date.kind = "meeting"
    default_year = dateline_year or (full_years[0] if full_years else None)
    meeting = [d for d in dates if d.kind == "meeting" and (d.day or d.month)]
    if meeting:
        d = meeting[0]
        year = d.year or default_year
        iso = d.iso(year)
        if iso:
            result.date_start = Match(iso, (d.start, d.end))
            result.date_end = Match(d.iso_end(year), (d.start, d.end))
    previous = [d for d in dates if d.kind == "previous"]
    if previous:
        d = previous[0]
        iso = d.iso(d.year or default_year)
        if iso:
            result.previous_round_date = Match(iso, (d.start, d.end))


# -- ordinal -----------------------------------------------------------------------------------

_ORD_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
ORDINAL_RE = re.compile(
    rf"(?<![\w])(?:(?:the|la|el|this|its|esta|su)\s+)?"
    rf"(?P<ord>{_ORD_WORD}|\d{{1,2}}(?:st|nd|rd|th|ra|da|ta|na|ma|va|a|o|\.a|\.o|º|ª|°))"
    rf"(?:\s+[\w.\-']+){{0,5}}?\s+(?:{ROUND_WORDS})\b"
)
ROMAN_RE = re.compile(
    r"(?<![\w])(?P<ord>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II)(?:\s+[\w.\-']+){0,3}?\s+"
    r"(?:[Rr]ound|[Mm]eeting|[Ss]ession|[Ee]dition|[Dd]ialogue|[Rr]onda|[Rr]eunion|[Ss]esion|"
    r"[Ee]dicion|[Dd]ialogo|[Ee]ncuentro|[Cc]onversaciones|[Mm]inisterial)\b"
    r"|(?:[Rr]ound|[Rr]onda|[Ss]ession|[Ee]dition|[Ee]dicion)\s+(?P<ord2>XII|XI|IX|X|VIII|VII|VI|"
    r"IV|V|III|II|I|\d{1,2})\b"
    r"|(?:\bla|\bel|\bthe)\s+(?P<ord3>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II)\s+(?:desde|since|de|del|of)\b"
)


def _ordinals_in(low: str) -> list[int | None]:
    return [ORDINAL_WORDS.get(m.group("ord").rstrip(".")) for m in ORDINAL_RE.finditer(low)]


def _extract_ordinal(doc: _Doc, result: Extraction) -> None:
    candidates = []
    for m in ORDINAL_RE.finditer(doc.low):
        word = m.group("ord").rstrip(".")
        value = ORDINAL_WORDS.get(word)
        if value is None:
            digits = re.match(r"\d+", word)
            value = int(digits.group()) if digits else None
        candidates.append((m.start("ord"), m.end("ord"), value))
    for m in ROMAN_RE.finditer(doc.cased):
        group = next(g for g in ("ord", "ord2", "ord3") if m.group(g))
        word = m.group(group)
        value = ROMAN.get(word) or (int(word) if word.isdigit() else None)
        if word == "I" and group == "ord2" or value:
            candidates.append((m.start(group), m.end(group), value or 1))
    candidates.sort()
    for start, end, value in candidates:
        if not value or value > 40:
            continue
        s, _e = doc.sentence_of(start)
        before = doc.low[max(s, start - 60) : start]
        if PREVIOUS_MARKERS.search(before) or re.search(r"\b(?:such|since)\b", before[-12:]):
            continue
        result.ordinal = Match(value, (start, end))
        return


# -- city --------------------------------------------------------------------------------------


def _extract_city(doc: _Doc, vocab: Vocabulary, result: Extraction) -> None:
    for start, end, payloads in vocab.city_index.find(doc.low, doc.cased):
        canonical, hosts = payloads[0]
        s, e = doc.sentence_of(start)
        before = doc.low[max(s, start - 90) : start]
        if re.search(
            r"(?:embassy|embajada|consulate|consulado)(?:\s+\w+)?\s+(?:in|en)\s*$", before
        ):
            continue
        if _in_dateline(doc, start) or PREVIOUS_MARKERS.search(doc.low[s:start]):
            continue
        if re.match(r"\s+(?:sent|said|says|stated|announced|wants|envio|dijo)\b", doc.low[end:]):
            continue
        if not (MEETING_WORDS.search(doc.low[s:e]) or s < doc.title_end):
            continue
        result.city = Match(canonical, (start, end))
        host = next((h for h in hosts if h in doc.parties), hosts[0])
        country = vocab.countries.get(host, (None, []))[0]
        result.country_hosting = Match(host, (start, end), country)
        return


def _in_dateline(doc: _Doc, pos: int) -> bool:
    """Is `pos` in the place-and-date line under the title ("Havana, 15 September 2017")?"""
    if doc.datelines is None:
        doc.datelines = []
        line_start = 0
        for _ in range(4):
            line_end = doc.text.find("\n", line_start)
            line_end = len(doc.text) if line_end < 0 else line_end
            head = doc.low[line_start : min(line_end, line_start + 90)]
            dates = _find_dates(head)
            if dates and dates[0].start < 60 and len(doc.text[line_start:line_end].split()) <= 16:
                doc.datelines.append((line_start, line_start + 60))
            if line_end >= len(doc.text):
                break
            line_start = line_end + 1
    return any(start <= pos < end for start, end in doc.datelines)


# -- topics ------------------------------------------------------------------------------------

_HEADS = r"trafficking|smuggling|crime|crimes|fraud|laundering|exploitation|security"
COORD_PRE = re.compile(
    rf"\b((?:[a-z]+\s*,\s*)*[a-z]+)\s+(?:and|or|as well as)\s+([a-z]+)\s+({_HEADS})\b"
)
COORD_POST = re.compile(
    r"\b(trafficking|smuggling|trafico|trata|contrabando)\s+(?:in|of|de)\s+([a-z]+)"
    r"((?:\s*,\s*(?:in\s+|of\s+|de\s+)?[a-z]+)*)\s+(?:and|or|y|e|o)\s+(?:in\s+|of\s+|de\s+)?"
    r"([a-z]+)\b"
)


CONSEQUENCE = re.compile(
    r"\b(?:affecting|that affect(?:ed)?|which affect(?:ed)?|hamper\w*|disrupt\w*|impair\w*|"
    r"entorpec\w*|afectan|afectaron|que afectan|perjudic\w*)\b"
)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _extract_topics(doc: _Doc, vocab: Vocabulary) -> list[Match]:
    found: dict[str, Match] = {}
    # A body's or a dialogue's own name ("Ministry of Public Security", "Framework for ...
    # Safe Communities") does not say the topic was discussed.
    blocked = [(s, e) for s, e, _ in vocab.ministry_index.find(doc.low, doc.cased)]
    blocked += [(s, e) for s, e, _ in vocab.dialogue_index.find(doc.low, doc.cased)]

    def add(topic: _Topic, span: tuple[int, int]) -> None:
        if any(s <= span[0] and span[1] <= e for s, e in blocked):
            return
        sentence_start, _end = doc.sentence_of(span[0])
        if CONSEQUENCE.search(doc.low[max(sentence_start, span[0] - 120) : span[0]]):
            return  # "measures affecting ... consular services": a consequence, not a topic
        if topic.name not in found:
            found[topic.name] = Match(topic.name, span, topic.obj)

    hits: list[tuple[int, _Topic, tuple[int, int]]] = []
    for start, end, payloads in vocab.topic_index.find(doc.low, doc.cased):
        hits.append((start, payloads[0], (start, end)))
    for m in COORD_PRE.finditer(doc.low):
        words = [w.strip() for w in m.group(1).split(",")] + [m.group(2)]
        for word in words:
            for phrase in (f"{word} {m.group(3)}", f"{_singular(word)} {m.group(3)}"):
                topic = vocab.topic_by_key.get(norm_key(phrase))
                if topic:
                    hits.append((m.start(), topic, (m.start(), m.end())))
                    break
    for m in COORD_POST.finditer(doc.low):
        head = m.group(1)
        words = [m.group(2)]
        words += [re.sub(r"^(?:in|of|de)\s+", "", w.strip()) for w in m.group(3).split(",") if w]
        words.append(m.group(4))
        for word in words:
            for phrase in (
                f"{head} in {word}",
                f"{head} of {word}",
                f"{head} de {word}",
                f"{_singular(word)} {head}",
                f"{word} {head}",
            ):
                topic = vocab.topic_by_key.get(norm_key(phrase))
                if topic:
                    hits.append((m.start(), topic, (m.start(), m.end())))
                    break
    for _pos, topic, span in sorted(hits, key=lambda h: h[0]):
        add(topic, span)
    return list(found.values())


# -- delegations and heads -----------------------------------------------------------------------

DELEGATION_CONTEXT = re.compile(
    r"\b(?:representatives?|represented|officials|headed|heading|led|composed|comprised|"
    r"tak(?:ing|e|es) part|"
    r"consisted|made up|included|including|participated|participation|participants|took part|"
    r"attended|drew on|sent|co-?chaired|chaired|chairs|delegates|members|experts from|"
    r"representantes|representacion|integrad\w*|encabez\w*|presidid\w*|participaron|"
    r"participacion|participantes|conformad\w*|compuesta|funcionarios|asistieron|acudieron|"
    r"tomaron parte|integrantes|miembros|expertos de|acompanad\w*|liderad\w*)\b"
)
ISSUER_BEFORE = re.compile(
    r"(?:website of|web site of|published by|according to|reported|said|sitio web de|"
    r"segun|publicado por|informo|statement by|comunicado de)\s+(?:the\s+|la\s+|el\s+)?$"
)
ISSUER_AFTER = re.compile(
    r"^\s*(?:'s\s+)?(?:communique|statement|press release|note|comunicado|nota|said|says|"
    r"stated|reported|informed|informo|senalo|indico|website)\b"
)
PLURAL_BODY = re.compile(
    r"\b(ministries|departments|secretariats|ministerios|departamentos|secretarias)\s+"
    r"(?:of|for|de|del|de la|de los)\s+"
)
PLURAL_SUFFIX = re.compile(r"\b(departments|ministries|secretariats)\b")
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|y\s+|e\s+)?|\s+(?:and|y|e)\s+")
UNKNOWN_BODY = re.compile(
    r"\b(?:the\s+)?((?:Ministry|Department|Secretariat|Office|Agency|Bureau|Commission|"
    r"Directorate|Institute|Service|Police|Ministerio|Secretar[ií]a|Departamento|Direcci[oó]n|"
    r"Oficina|Procuradur[ií]a|Fiscal[ií]a|Comisi[oó]n|Agencia|Instituto|Servicio|Polic[ií]a)"
    r"\s+(?:of|for|de|del|de la|General de|General for|Nacional de|National)\s+"
    r"(?:the\s+|la\s+|los\s+|las\s+)?[A-ZÁÉÍÓÚÑ][\w'’\-]*"
    r"(?:\s+(?:and|y|de|del|of|for|the|la|las|los|e|&)?\s*[A-ZÁÉÍÓÚÑ][\w'’\-]*)*)"
)
ARTICLES = re.compile(r"^(?:the|its|their|la|el|los|las|de|del|de la|of|su|sus)\s+")


def _side_for(doc: _Doc, pos: int, candidates: Iterable[str]) -> str | None:
    candidates = list(candidates)
    s, e = doc.sentence_of(pos)
    before = [c for cs, ce, c in doc.countries if s <= cs and ce <= pos and c in candidates]
    if before:
        return before[-1]
    after = [c for cs, ce, c in doc.countries if pos <= cs < e and c in candidates]
    if after:
        return after[0]
    return candidates[0] if candidates else None


def _pick(doc: _Doc, pos: int, ministries: list[_Ministry]) -> _Ministry | None:
    parties = doc.parties
    usable = [m for m in ministries if not parties or m.country in parties]
    if not usable:
        return None
    if len({m.country for m in usable}) == 1:
        return usable[0]
    side = _side_for(doc, pos, [m.country for m in usable])
    return next(m for m in usable if m.country == side)


def _extract_delegations(doc: _Doc, vocab: Vocabulary, result: Extraction, parties) -> None:
    delegations: dict[str, list[Match]] = {p: [] for p in parties}
    seen: set[tuple[str, str]] = set()
    covered: list[tuple[int, int]] = []

    def add(side: str | None, value: str, span: tuple[int, int], obj=None) -> None:
        if not side or (parties and side not in parties):
            return
        covered.append(span)
        if (side, value) in seen:
            return
        seen.add((side, value))
        delegations.setdefault(side, []).append(Match(value, span, obj))

    def context_ok(start: int, end: int) -> bool:
        s, e = doc.sentence_of(start)
        if _in_dateline(doc, start) or not DELEGATION_CONTEXT.search(doc.low[s:e]):
            return False
        if ISSUER_BEFORE.search(doc.low[max(s, start - 30) : start]):
            return False
        return not ISSUER_AFTER.match(doc.low[end : end + 30])

    heads = _extract_heads(doc, vocab, parties)
    result.heads = [h for h, _ in heads]
    for head, ministry in heads:
        if ministry is not None:
            add(ministry.country, ministry.name, head.span, ministry.obj)

    for start, end, payloads in vocab.ministry_index.find(doc.low, doc.cased):
        if not context_ok(start, end):
            continue
        if any(hs <= start and end <= he for hs, he in doc.head_segments):
            continue  # a head's title: the head already added the body it belongs to
        ministry = _pick(doc, start, payloads)
        if ministry is not None:
            add(ministry.country, ministry.name, (start, end), ministry.obj)

    for m in PLURAL_BODY.finditer(doc.low):
        s, e = doc.sentence_of(m.start())
        tail_end = e
        stop = re.search(r"[.;:()]", doc.low[m.end() : e])
        if stop:
            tail_end = m.end() + stop.start()
        pos = m.end()
        pieces = _LIST_SPLIT.split(doc.low[m.end() : tail_end])
        carry_start = None
        for i, piece in enumerate(pieces):
            start = doc.low.find(piece, pos)
            pos = start + len(piece)
            bare = ARTICLES.sub("", piece.strip())
            start += len(piece) - len(piece.lstrip()) + len(piece.strip()) - len(bare)
            if carry_start is not None:
                key = norm_key(doc.low[carry_start:pos])
                start, carry_start = carry_start, None
            else:
                key = norm_key(bare)
            if i + 1 < len(pieces):
                # "Security and Citizen Protection" is one body, split on its "and".
                merged = f"{key} and {norm_key(ARTICLES.sub('', pieces[i + 1].strip()))}"
                if merged in vocab.cores:
                    carry_start = start
                    continue
            candidates = vocab.cores.get(key)
            last = False
            if not candidates:
                # "... y de Relaciones Exteriores en la reunión": the list ends inside the piece.
                words = key.split()
                for n in range(min(5, len(words) - 1), 0, -1):
                    candidates = vocab.cores.get(" ".join(words[:n]))
                    if candidates:
                        pos = start + len(" ".join(bare.split()[:n]))
                        last = True
                        break
            if not candidates:
                break
            ministry = _pick(doc, start, candidates)
            if ministry and context_ok(m.start(), pos):
                add(ministry.country, ministry.name, (start, pos), ministry.obj)
            if last:
                break
    for m in PLURAL_SUFFIX.finditer(doc.low):
        s, _e = doc.sentence_of(m.start())
        head = doc.low[s : m.start()].rstrip()
        pieces = _LIST_SPLIT.split(head)
        resolved = []
        for piece in reversed(pieces):
            words = piece.split()
            hit = None
            for n in range(min(5, len(words)), 0, -1):
                key = norm_key(" ".join(words[-n:]))
                if key in vocab.cores:
                    hit = (" ".join(words[-n:]), vocab.cores[key])
                    break
            if not hit:
                break
            resolved.append(hit)
            if len(words) > len(hit[0].split()):
                break
        for phrase, candidates in reversed(resolved):
            start = doc.low.rfind(phrase, s, m.start())
            ministry = _pick(doc, start, candidates)
            if ministry and context_ok(start, m.end()):
                add(ministry.country, ministry.name, (start, start + len(phrase)), ministry.obj)

    for m in UNKNOWN_BODY.finditer(doc.text):
        start, end = m.span(1)
        if any(not (end <= cs or start >= ce) for cs, ce in covered):
            continue
        if not context_ok(start, end):
            continue
        if vocab.ministry_index.find(fold(m.group(1)), fold(m.group(1), lower=False)):
            continue
        side = _side_for(doc, start, parties)
        add(side, m.group(1).strip(), (start, end))
    for matches in delegations.values():
        matches.sort(key=lambda match: match.span or (0, 0))
    result.delegations = delegations


TITLE_WORDS = set(
    [
        "secretary",
        "assistant",
        "deputy",
        "under",
        "undersecretary",
        "acting",
        "director",
        "directora",
        "minister",
        "ministra",
        "ministro",
        "vice",
        "viceminister",
        "viceministro",
        "viceministra",
        "attorney",
        "general",
        "advisor",
        "adviser",
        "asesor",
        "asesora",
        "ambassador",
        "embajador",
        "embajadora",
        "chief",
        "head",
        "jefe",
        "jefa",
        "commissioner",
        "comisionado",
        "comisionada",
        "administrator",
        "counselor",
        "counsellor",
        "principal",
        "senior",
        "coordinator",
        "coordinador",
        "coordinadora",
        "official",
        "president",
        "presidente",
        "presidenta",
        "chair",
        "chairman",
        "commander",
        "colonel",
        "coronel",
        "prosecutor",
        "fiscal",
        "secretario",
        "secretaria",
        "subsecretario",
        "subsecretaria",
        "canciller",
        "consejero",
        "consejera",
        "special",
        "envoy",
        "representative",
        "agent",
        "inspector",
        "brigadier",
        "major",
        "captain",
        "lieutenant",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sr",
        "sra",
        "don",
        "excellency",
        "his",
        "her",
        "adjunto",
        "adjunta",
        "first",
        "bureau",
        "division",
        "office",
        "affairs",
        "hemisphere",
        "western",
        "law",
        "enforcement",
        "policy",
        "security",
        "homeland",
        "department",
        "ministry",
        "justice",
        "state",
        "foreign",
        "interior",
        "bilateral",
        "national",
        "defense",
        "defence",
        "commission",
        "customs",
        "republic",
        "relations",
        "relaciones",
        "exteriores",
        "asuntos",
        "seguridad",
        "nacional",
        "ministerio",
        "departamento",
        "director-general",
        "directorate",
        "heading",
        "headed",
        "three",
        "two",
        "four",
        "five",
        "the",
        "delegation",
        "side",
        "cuban",
        "american",
        "mexican",
        "chinese",
        "colombian",
        "european",
        "union",
    ]
)
HEAD_TRIGGER = re.compile(
    r"(?:headed|led|chaired|co-chaired|presided over)\s+by\b|"
    r"(?:headed|led|co-chaired|chaired)\s+the\s+[\w.\s\-]{0,40}?(?:delegation|side|talks|meeting)"
    r"\s*(?::|were|was)?|"
    r"heading\s+the\s+[\w.\s\-]{0,40}?(?:delegation|side)\s+(?:were|was)|"
    r"(?:encabezad[ao]s?|presidid[ao]s?|liderad[ao]s?|dirigid[ao]s?)\s+por|"
    r"(?:encabezaron|presidieron|lideraron)\s+(?:la\s+[\w\s]{0,40}?(?:delegacion|parte))?|"
    r"jef[ea]s?\s+de\s+(?:la\s+)?delegacion(?:\s+\w+)?\s*(?:,|:|fue|fueron|era)?|"
    r"heads?\s+of\s+(?:the\s+)?(?:[\w.\-]+\s+){0,2}delegations?\s*(?:,|:|were|was)?"
)
NAME_TOKEN = re.compile(r"[A-ZÁÉÍÓÚÑ][a-záéíóúñü'’\-]+|[A-Z]\.")
STRONG_SPLIT = re.compile(r";\s*|,\s*(?:and|y|while|mientras que)\s+|\s+(?:and|y)\s+")


def _names(doc: _Doc, vocab: Vocabulary, start: int, end: int) -> list[tuple[int, int]]:
    blocked = TITLE_WORDS | vocab.country_words | vocab.ministry_words
    runs, current = [], []
    for m in re.finditer(r"\S+", doc.text[start:end]):
        raw = m.group()
        word = raw.strip(',;:()"“”')
        if len(word) > 2 and word.endswith("."):
            word = word[:-1]
        wstart = start + m.start() + raw.find(word) if word else start + m.start()
        is_name = bool(NAME_TOKEN.fullmatch(word)) and norm_key(word) not in blocked
        particle = word in ("de", "del", "la", "y", "van", "von", "da", "dos")
        if is_name or (particle and current):
            current.append((wstart, wstart + len(word), word, particle))
        else:
            if current:
                runs.append(current)
            current = []
        if raw != word and current and raw.rstrip()[-1:] in ",;:)":
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    names = []
    for run in runs:
        while run and run[-1][3]:
            run.pop()
        real = [t for t in run if not t[3]]
        # Two name words, one of them longer than two letters ("Li Wenhao", "Yuri A. Gala").
        if len(real) >= 2 and any(len(t[2]) > 2 for t in real):
            names.append((run[0][0], run[-1][1]))
    return names


def _title_ministry(doc: _Doc, vocab: Vocabulary, title: str, offset: int):
    low, cased = fold(title), fold(title, lower=False)
    hits = vocab.ministry_index.find(low, cased)
    # The last body named is the one the title ends with ("... Attorney General of the
    # Department of Justice").
    for start, end, payloads in reversed(hits):
        ministry = _pick(doc, offset + start, payloads)
        if ministry:
            return ministry, start, end
    m = re.search(
        r"(?:minist(?:ro|ra|er)|secretari[oa]|secretary)\s+(?:of|de|del|de la)\s+(?:the\s+)?(.+)$",
        low,
    ) or re.search(r"(\w+(?:\s\w+)?)\s+(?:minister|secretary)\b", low)
    if m:
        key = norm_key(m.group(1))
        key = re.sub(r"^(?:deputy|vice|acting|assistant)\s+", "", key)
        for n in range(len(key.split()), 0, -1):
            sub = " ".join(key.split()[:n])
            if sub in vocab.cores:
                ministry = _pick(doc, offset, vocab.cores[sub])
                if ministry:
                    return ministry, -1, -1
    return None, -1, -1


def _clean_title(text: str) -> str:
    text = text.strip(" ,;:.\n")
    text = ARTICLES.sub("", text)
    text = re.sub(r"^(?:were|was|are|fue|fueron|por|by)\s+", "", text).strip(" ,;:")
    text = ARTICLES.sub("", text)
    return text


def _extract_heads(doc: _Doc, vocab: Vocabulary, parties) -> list[tuple[Match, Any]]:
    heads: list[tuple[Match, Any]] = []
    seen: set[str] = set()
    doc.head_segments = []
    for trig in HEAD_TRIGGER.finditer(doc.low):
        s, e = doc.sentence_of(trig.start())
        seg_start, seg_end = trig.end(), e
        names = _names(doc, vocab, seg_start, seg_end)
        if not names:
            seg_start, seg_end = s, trig.start()
            names = _names(doc, vocab, seg_start, seg_end)
        if not names:
            continue
        bounds = [seg_start] + [p for n in names for p in n] + [seg_end]
        gaps = [(bounds[2 * i], bounds[2 * i + 1]) for i in range(len(names) + 1)]
        befores, afters = [""] * len(names), [""] * len(names)
        before_pos = [0] * len(names)
        for i, (gs, ge) in enumerate(gaps):
            gap = doc.text[gs:ge]
            if i == 0:
                befores[0], before_pos[0] = gap, gs
                continue
            if i == len(names):
                tail = re.split(
                    r",\s*(?:and|y)\s|"
                    r",\s*(?:who|quien|which|que|accompanied|along|together|joined|as well|"
                    r"acompanad\w*|junto|mientras|while|and\s+(?:the|by)|y\s+(?:la|el|por))\b|"
                    r"\.\s|;",
                    gap,
                )[0]
                afters[i - 1] = tail
                continue
            strong = STRONG_SPLIT.search(gap)
            if strong:
                # "López, Director of ..., and Abel": the title before the split is López's.
                afters[i - 1] = gap[: strong.start()]
                rest_start = strong.end()
            else:
                # "Palmieri, Deputy Assistant Attorney General Bruce": the title is Bruce's.
                rest_start = 0
            rest = gap[rest_start:]
            comma = rest.rfind(",", 0, len(rest.rstrip(" ,")))
            if comma >= 0:
                rest_start += comma + 1
            befores[i], before_pos[i] = gap[rest_start:], gs + rest_start
        for i, (ns, ne) in enumerate(names):
            name = doc.text[ns:ne]
            if name in seen:
                continue
            before = _clean_title(re.split(r"[:;]", befores[i])[-1])
            after = _clean_title(afters[i])
            title = " ".join(t for t in (before, after) if t)
            ministry, ms, me = _title_ministry(doc, vocab, title, ns)
            root = ministry.root if ministry else None
            if root is not None:
                connector = re.search(
                    r"\b(?:of|at|to|with|from|in|for|del|de la|de|en)\s+(?:the\s+)?$", title[:ms]
                )
                if ministry is root and ms >= 0 and connector:
                    cut = re.sub(
                        r"\s*(?:,\s*)?(?:\b(?:of|at|to|with|from|in|for|del|de la|de|en))?\s*"
                        r"(?:the\s+)?$",
                        "",
                        title[:ms],
                    )
                    title = (cut + title[me:]).strip(" ,")
                if root.name not in title:
                    title = f"{title}, {root.name}" if title else root.name
                side = root.country
            else:
                side = _side_for(doc, ns, parties) if parties else None
                s2, _e2 = doc.sentence_of(ns)
                context = doc.low[s2:ns]
                mentions = [c for cs, ce, c in doc.countries if s2 <= cs and ce <= ns]
                if mentions and "delegation" in context or "side" in context:
                    side = mentions[-1] if mentions else side
            seen.add(name)
            # Bodies named in the title belong to this head; the head adds their root body.
            doc.head_segments.append((before_pos[i], ns))
            doc.head_segments.append((ne, ne + len(afters[i])))
            heads.append((Match({"name": name, "title": title, "side": side}, (ns, ne)), root))
    return heads


# -- requests, agreements, statements -----------------------------------------------------------

ES_GLOSSARY = [
    ("datos", "information"),
    ("informacion", "information"),
    ("pedidos de cooperacion", "requests for cooperation"),
    ("solicitudes de informacion", "requests for information"),
    ("pedidos de informacion", "requests for information"),
    ("trafico de migrantes", "migrant smuggling"),
    ("trafico ilicito de migrantes", "migrant smuggling"),
    ("solicitudes de cooperacion", "requests for cooperation"),
    ("solicitudes de extradicion", "extradition requests"),
    ("pedidos", "requests"),
    ("solicitudes", "requests"),
    ("pendientes", "pending"),
    ("que todavia aguardan respuesta de", "still awaiting a response from"),
    ("que aun aguardan respuesta de", "still awaiting a response from"),
    ("que aguardan respuesta de", "awaiting a response from"),
    ("la contraparte estadounidense", "the U.S. side"),
    ("la parte estadounidense", "the U.S. side"),
    ("la parte cubana", "the Cuban side"),
    ("la parte mexicana", "the Mexican side"),
    ("la parte colombiana", "the Colombian side"),
    ("continuar el dialogo", "continue the dialogue"),
    ("continuar los intercambios", "continue the exchanges"),
    ("celebrar reuniones tecnicas", "hold technical meetings"),
    ("realizar reuniones tecnicas", "hold technical meetings"),
    ("sostener reuniones tecnicas", "hold technical meetings"),
    ("reuniones tecnicas", "technical meetings"),
    ("intercambiar informacion", "exchange information"),
    ("intercambio de informacion", "information exchange"),
    ("fortalecer la cooperacion", "strengthen cooperation"),
    ("reforzar la cooperacion", "strengthen cooperation"),
    ("crear un grupo de trabajo", "create a working group"),
    ("establecer un grupo de trabajo", "establish a working group"),
    ("grupo de trabajo", "working group"),
    ("reunirse nuevamente", "meet again"),
    ("volver a reunirse", "meet again"),
    ("la proxima ronda", "the next round"),
    ("la proxima reunion", "the next meeting"),
    ("entre", "between"),
    ("que siguen pendientes", "still pending"),
    ("que siguen sin respuesta", "still unanswered"),
    ("rutas maritimas", "maritime routes"),
    ("mantener", "maintain"),
    ("intercambios tecnicos", "technical exchanges"),
    ("intercambios", "exchanges"),
    ("armas de fuego", "firearms"),
    ("un", "a"),
    ("una", "a"),
    ("sus", "their"),
    ("su", "its"),
    ("guardacostas", "coast guards"),
    ("guardias costeras", "coast guards"),
    ("crear", "create"),
    ("establecer", "establish"),
    ("celebrar", "hold"),
    ("intercambiar", "exchange"),
    ("redes", "networks"),
    ("ciudad de mexico", "Mexico City"),
    ("la habana", "Havana"),
    ("washington", "Washington"),
    ("sobre", "on"),
    ("de", "of"),
    ("del", "of the"),
    ("la", "the"),
    ("el", "the"),
    ("los", "the"),
    ("las", "the"),
    ("y", "and"),
    ("en", "in"),
    ("con", "with"),
    ("para", "to"),
    ("ambos paises", "both countries"),
    ("los dos paises", "the two countries"),
    ("organismos", "agencies"),
    ("agencias", "agencies"),
    ("aplicacion de la ley", "law enforcement"),
    ("cooperacion", "cooperation"),
    ("narcotrafico", "drug trafficking"),
    ("trafico de drogas", "drug trafficking"),
    ("trata de personas", "human trafficking"),
    ("migracion", "migration"),
    ("migracion irregular", "irregular migration"),
    ("fugitivos", "fugitives"),
    ("deportaciones", "deportations"),
    ("retornos", "returns"),
    ("extradicion", "extradition"),
    ("mecanismo", "mechanism"),
    ("puesta en marcha", "launch"),
    ("firmar", "sign"),
    ("memorando de entendimiento", "memorandum of understanding"),
    ("protocolo", "protocol"),
    ("acuerdo", "agreement"),
    ("bilateral", "bilateral"),
]
_GLOSSARY: dict[str, list[tuple[list[str], str]]] = {}
for _es, _en in sorted(ES_GLOSSARY, key=lambda kv: -len(kv[0])):
    _GLOSSARY.setdefault(_es.split()[0], []).append((_es.split(), _en))


def translate_es(text: str) -> str:
    """Render a short Spanish phrase in English through a small glossary, for staff review.

    Phrases the glossary does not mostly cover are returned unchanged: a half-translated
    sentence is worse than the original.
    """
    original = text.split()
    words = [w.strip(",.;") for w in fold(text).split()]
    out, i, covered = [], 0, 0
    while i < len(words):
        for parts, en in _GLOSSARY.get(words[i], ()):
            if words[i : i + len(parts)] == parts:
                out.append(en)
                i += len(parts)
                covered += len(parts)
                break
        else:
            covered += words[i].isdigit()
            out.append(original[i] if len(original) == len(words) else words[i])
            i += 1
    return " ".join(out) if covered >= 0.8 * len(words) else text


REQUEST_WORD = re.compile(
    r"\b(?:requests?|pedidos?|solicitudes|solicitud|requerimientos?|peticiones|peticion)\b"
)
NP_STOP = re.compile(
    r"^(?:the|its|their|his|her|our|a|an|los|las|la|el|sus|su|of|on|about|sobre|to|for|with|"
    r"que|de|del|y|and)$|ed$|ó$|aron$|ieron$"
)
NP_KEEP = {"outstanding", "information", "informacion", "datos", "pending", "and", "y"}
STATUS_WORDS = [
    ("clarified", r"clarif\w*|aclar\w*|esclarec\w*"),
    (
        "fulfilled",
        r"fulfil\w*|answered|responded to|resolved|satisfied|atendid\w*|respondid\w*|"
        r"cumplid\w*|resuelt\w*|granted|approved",
    ),
    ("declined", r"declin\w*|reject\w*|denied|refused|rechaz\w*|deneg\w*"),
    ("withdrawn", r"withdr\w*|retir\w*"),
    (
        "pending",
        r"pending|awaiting|outstanding|unanswered|aguard\w*|pendiente\w*|esperan|"
        r"sin respuesta|still await\w*|(?:need for|lack of)\s+(?:\w+\s+)?(?:responses?|answers?)",
    ),
    (
        "raised",
        r"raised|presented|submitted|handed over|delivered|put forward|plante\w*|"
        r"present\w*|entreg\w*|formul\w*|requested|solicit\w*",
    ),
]


def _other(parties, code: str | None) -> str | None:
    others = [p for p in parties if p != code]
    return others[0] if code and len(parties) == 2 and others else None


def _countries_in(doc: _Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(s, e, c) for s, e, c in doc.countries if start <= s and e <= end]


def _extract_requests(doc: _Doc, result: Extraction, parties) -> None:
    out: list[Match] = []
    for s, e in doc.sentences:
        sentence = doc.low[s:e]
        m = next(
            (
                r
                for r in REQUEST_WORD.finditer(sentence)
                if not sentence[: r.start()].endswith("'s ")
            ),
            None,
        )
        if not m or not re.search(
            r"cooperation|cooperacion|extradition|extradicion|assistance|asistencia|"
            r"information|informacion|datos|pending|pendiente|outstanding|aguard",
            sentence,
        ):
            continue
        desc_start = m.start()
        previous = list(re.finditer(r"\S+", sentence[: m.start()]))[-4:]
        for word in reversed(previous):
            w = word.group().strip(",;")
            if doc.text[s + word.end() - 1] in "óÓ" and len(w) > 3:
                break  # Spanish preterite: "planteó solicitudes"
            if w != word.group() or (w not in NP_KEEP and NP_STOP.search(w)):
                break
            desc_start = word.start()
        if sentence[desc_start:].startswith(("and ", "y ")):
            desc_start += sentence[desc_start:].index(" ") + 1
        tail = sentence[m.end() :]
        stop = re.search(
            r",|;|\.(?:\s|$)|\s+in order to|\s+so as to|\s+con el fin|\s+a fin de|\s+with a view|"
            r"\s+para\s|\s+which\b|\s+to make\b",
            tail,
        )
        desc_end = m.end() + (stop.start() if stop else len(tail))
        ds, de = s + desc_start, s + desc_end
        description = doc.text[ds:de].strip()
        if len(description.split()) < 2:
            continue
        status = None
        for label, pattern in STATUS_WORDS:
            if re.search(rf"\b(?:{pattern})", sentence):
                status = label
                break
        desc_low = doc.low[ds:de]
        raised_by = None
        mentions = _countries_in(doc, ds, de)
        if re.search(
            r"(?:awaiting|aguard\w*|esperan)\s+(?:a\s+)?(?:response|answer|respuesta)", desc_low
        ):
            if mentions:
                raised_by = _other(parties, mentions[-1][2])
        elif (
            re.search(
                r"pending from|(?:made|submitted|presented|raised|filed|formulad\w*|"
                r"presentad\w*|hech\w*)\s+(?:by|por)",
                desc_low,
            )
            and mentions
        ):
            raised_by = mentions[-1][2]
        if raised_by is None:
            subject = _countries_in(doc, s, ds)
            if subject:
                raised_by = subject[0][2]
            elif mentions:
                raised_by = mentions[-1][2]
        if result.language == "es":
            description = translate_es(description)
        value = {"description": description, "raised_by": raised_by, "status": status or "raised"}
        out.append(Match(value, (ds, de)))
    result.pending_requests = out


AGREE_RE = re.compile(
    r"\b(?:agreed|agree|decided|committed themselves|committed|pledged|undertook|resolved|"
    r"acordaron|acordo|"
    r"se acordo|convinieron|decidieron|se comprometieron|acuerdan|coincidieron)\b"
    r"(?:\s+(?:at the meeting|during the meeting|at the talks|en la reunion|en el encuentro|"
    r"en la cita|ambas partes|las partes|los participantes))?"
    r"\s*(?:to|on|upon|a|en|that|que)?\s+"
)
PURPOSE = re.compile(
    r"\s+(?:to|in order to|so as to|with a view to|with the aim of|aimed at|para|a fin de|"
    r"con el fin de|con vistas a|con el objetivo de)\s+\w+"
)
ITEM_SPLIT = re.compile(
    r",\s*and\s+(?:to\s+)?|\s+and\s+to\s+|;\s*|,\s*y\s+|,\s*(?=to\s+\w+)|"
    r"\s+and\s+(?=(?:hold|continue|exchange|meet|establish|strengthen|sign|work|explore|create|"
    r"share|develop|increase|expand|set up|convene|schedule|review|cooperate|promote|implement|"
    r"designate|conduct|launch|keep|maintain|deepen|resume|return)\b)|"
    r"\s+y\s+(?=\w+(?:ar|er|ir)(?:se)?\b)|,\s*(?=(?:to\s+)?(?:hold|continue|exchange|meet|establish|"
    r"strengthen|sign|work|explore|create|share|develop|convene|resume)\b)"
)


def _extract_agreements(doc: _Doc) -> list[Match]:
    out: list[Match] = []
    for m in AGREE_RE.finditer(doc.low):
        s, e = doc.sentence_of(m.start())
        body_end = e
        while body_end > m.end() and doc.text[body_end - 1] in ".;: \n":
            body_end -= 1
        pos = m.end()
        body = doc.low[m.end() : body_end]
        pieces = ITEM_SPLIT.split(body)
        for piece in pieces:
            start = doc.low.find(piece, pos)
            pos = start + len(piece)
            item_low = re.sub(r"^(?:to|a)\s+", "", piece)
            offset = start + len(piece) - len(item_low)
            cut = None
            for p in PURPOSE.finditer(item_low):
                if len(item_low[: p.start()].split()) >= 3:
                    cut = p.start()
                    break
            end = offset + (cut if cut is not None else len(item_low))
            text = doc.text[offset:end].strip(" ,")
            if len(text.split()) < 2:
                continue
            if fold(text).startswith(("que ", "that ")):
                text = text.split(" ", 1)[1]
            if doc.language == "es":
                text = translate_es(text)
            out.append(Match(text, (offset, end)))
    return out


KINDS = [
    (
        "expressed concern",
        r"expressed (?:its |their |deep |serious )?concern|voiced concern|"
        r"expreso (?:su )?preocupacion|manifesto (?:su )?preocupacion",
    ),
    ("urged", r"urged|called on|called upon|exhorto|insto|pidio|demando"),
    ("pointed out", r"pointed out|noted|senalo|indico|hizo notar|observed"),
    ("reiterated", r"reiterated|reaffirmed|reitero|reafirmo|ratifico"),
    ("reminded", r"reminded|recalled|recordo"),
    ("proposed", r"proposed|suggested|propuso|sugirio"),
    (
        "highlighted",
        r"highlighted|stressed|underlined|emphasi[sz]ed|underscored|destaco|subrayo|"
        r"resalto|enfatizo",
    ),
    (
        "stated",
        r"stated|said|affirmed|declared|asserted|denounced|afirmo|declaro|expreso|"
        r"manifesto|denuncio",
    ),
]
KIND_RE = re.compile("|".join(rf"(?P<k{i}>\b(?:{p})\b)" for i, (_l, p) in enumerate(KINDS)))
SUBJECT_GAP = re.compile(
    r"^(?:'s)?\s*(?:delegation|side|government|party|representatives|authorities|officials|"
    r"delegates|team|delegacion|parte|representacion|gobierno|autoridades|representantes)?\s*"
    r"(?:also|further|once again|again|in turn|ademas|tambien|por su parte|,)*\s*$"
)


def _statement_text(kind: str, complement: str) -> tuple[int, int]:
    """Return the (start, end) of the statement inside the complement."""
    start = 0
    low = complement
    if kind == "urged":
        m = re.match(r"^(?:the|al?|a la|los)\s+.{0,60}?\s+(?:to|a)\s+(?=\w)", low)
        if m:
            start = m.end()
    elif kind in ("pointed out", "stated", "reminded", "highlighted", "expressed concern"):
        thats = [t for t in re.finditer(r"\b(?:that|que)\s+", low[:160])]
        if thats:
            start = thats[-1].end() if kind == "pointed out" else thats[0].end()
        there = re.search(
            r"\bthere (?:is|are|was|were|has been|have been)\s+|\bno (?:hay|existe)\s+", low[start:]
        )
        if there:
            start += there.end() if there.group().startswith("there") else there.start()
    if kind == "reiterated":
        m = re.match(r"^(?:its|their|su|sus)\s+", low)
        if m:
            start = m.end()
    end = len(low)
    stop = re.search(
        r",\s*(?:which|who|que|quien|el cual|la cual|particularly|especially|sobre todo|"
        r"en particular|since|ya que)\b|;|\.(?:\s|$)|\s+that\s+became\b|"
        r"\s+(?:and|y)\s+(?:also\s+)?(?:reiterated|urged|stated|noted|reitero|exhorto|insto|senalo|"
        r"afirmo|denuncio|subrayo|destaco)\b",
        low[start:],
    )
    if stop:
        end = start + stop.start()
    return start, end


def _extract_statements(doc: _Doc, parties) -> list[Match]:
    out: list[Match] = []
    for m in KIND_RE.finditer(doc.low):
        kind = next(KINDS[int(k[1:])][0] for k, v in m.groupdict().items() if v)
        s, e = doc.sentence_of(m.start())
        subject = [
            (cs, ce, c)
            for cs, ce, c in doc.countries
            if s <= cs and ce <= m.start() and m.start() - ce < 40
        ]
        if not subject:
            continue
        cs, ce, side = subject[-1]
        if not SUBJECT_GAP.match(doc.low[ce : m.start()]):
            continue
        if parties and side not in parties:
            continue
        comp_start = m.end()
        complement = doc.low[comp_start:e]
        a, b = _statement_text(kind, complement.lstrip())
        lead = len(complement) - len(complement.lstrip())
        ts, te = comp_start + lead + a, comp_start + lead + b
        text = doc.text[ts:te].strip(" ,.")
        if len(text.split()) < 3:
            continue
        if doc.language == "es":
            text = translate_es(text)
        out.append(Match({"side": side, "kind": kind, "text": text}, (ts, te)))
    return out
