"""The names the reader recognises, read once from the database: dialogues, countries,
ministries (with their acronyms and aliases), the offices (titles) that name a ministry
through its holder, and threat topics."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from rounds.cache import INITIAL_VERSION, current_version, written_in_this_transaction
from rounds.models import Country, Dialogue, Ministry, Office, ThreatTopic
from rounds.text import STOP_WORDS

from .dialogues import find_dialogue
from .gazetteer import CITIES, VENUES
from .tables import (
    CAPITAL_TERMS,
    CYBER_WORDS_EN,
    CYBER_WORDS_ES,
    EXTRA_COUNTRY_TERMS,
    GENDER_PAIRS,
    GENERIC_DIALOGUE_WORDS,
    NOT_NAME_WORDS,
    PLURAL_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    WEEKDAYS,
)
from .terms import TermIndex, fold, is_case_sensitive, norm_key

# A body named in words the vocabulary lacks ("Embajada en La Habana") is taken for a known
# body only at this similarity (rapidfuzz token-sort ratio, 0-100) or more.
FUZZY_BODY_CUTOFF = 90


# Between two words of a dialogue's name: spaces, hyphens, dashes.
_NAME_GAP = r"[\s\-–]+"


@dataclass
class DialogueEntry:
    obj: Any
    name: str
    parties: tuple[str, str]
    terms: list[str]
    keywords: set[str]
    stems: set[str] = field(default_factory=set)


@dataclass
class MinistryEntry:
    obj: Any
    name: str
    country: str
    parent: MinistryEntry | None = None
    acronym: str = ""

    @property
    def root(self) -> MinistryEntry:
        """The top-level body it belongs to (itself if it has no parent)."""
        node, seen = self, set()
        while node.parent is not None and id(node) not in seen:
            seen.add(id(node))
            node = node.parent
        return node


@dataclass
class OfficeEntry:
    """A title that names a body through its holder ("Attorney General" → DOJ)."""

    obj: Any
    title: str
    ministry: MinistryEntry

    @property
    def country(self) -> str:
        return self.ministry.country


@dataclass
class TopicEntry:
    obj: Any
    name: str


_BODY_PREFIX = re.compile(
    r"^(?:the\s+)?(?:ministry|ministries|department|departments|secretariat|secretary|ministerio|"
    r"ministerios|departamento|secretaria)\s+(?:of|for|de|del|de la|de los)\s+(?:the\s+)?(.+)$"
)
_BODY_SUFFIX = re.compile(r"^(?:the\s+)?(.+?)\s+(?:ministry|department|secretariat)$")
_GENDER = {**dict(GENDER_PAIRS), **{f: m for m, f in GENDER_PAIRS}}


def body_core(term: str) -> str | None:
    """The distinctive part of a body's name: "Ministry of the Interior" → "interior"."""
    key = norm_key(term)
    m = _BODY_PREFIX.match(key) or _BODY_SUFFIX.match(key)
    return m.group(1).strip() if m else None


def name_variants(terms: list[str]) -> list[str]:
    """Add "Justice Department" for "Department of Justice" (short names only)."""
    out = list(terms)
    for term in terms:
        m = re.match(r"^(Ministry|Department)\s+of\s+(?:the\s+)?(.+)$", term)
        if m and len(m.group(2).split()) <= 3 and m.group(2) != "state":
            out.append(f"{m.group(2)} {m.group(1)}")
    return out


def demonym_variants(terms: list[str]) -> list[str]:
    """Add the other genders and numbers of a Spanish demonym written in one form:
    "norteamericano" → "norteamericana", "norteamericanos", "norteamericanas";
    "canadiense" → "canadienses". Only lower-case single words: names stay as written."""
    out = list(terms)
    for term in terms:
        if " " in term or not term.isalpha() or not term.islower():
            continue
        if term.endswith(("o", "a")):
            stem = term[:-1]
            out += [stem + end for end in ("o", "a", "os", "as")]
        elif term.endswith("os") or term.endswith("as"):
            stem = term[:-2]
            out += [stem + end for end in ("o", "a", "os", "as")]
        elif term.endswith("ense"):
            out.append(term + "s")
    return list(dict.fromkeys(out))


def title_key(title: str) -> str:
    """A title as offices are matched: folded, qualifiers that keep the body dropped
    ("secretaria interina de Seguridad Nacional" → "secretaria de seguridad nacional")."""
    key = norm_key(title.replace("en funciones", " "))
    words = [w for w in key.split() if w not in TITLE_MODIFIERS]
    for i, word in enumerate(words):
        if word in PLURAL_HEADS:
            words[i] = PLURAL_HEADS[word]
            if i + 1 < len(words) and words[i + 1] not in ("de", "del", "of", "for"):
                words[i + 1] = _singular(words[i + 1])
    return " ".join(words)


def _singular(word: str) -> str:
    """The singular of a Spanish adjective after a plural title ("europeos", "franceses")."""
    if word.endswith(("os", "as")):
        return word[:-1]
    return word[:-2] if word.endswith("es") else word


def office_variants(terms: list[str]) -> list[str]:
    """Each title with its other grammatical gender and, in English, the portfolio first
    ("Secretary of Homeland Security" → "Homeland Security Secretary"); not "State
    Secretary", a European government rank ("State Secretary for Asylum and Migration")."""
    out = []
    for term in terms:
        key = title_key(term)
        out.append(key)
        words = key.split()
        if words and words[0] in _GENDER:
            out.append(" ".join([_GENDER[words[0]], *words[1:]]))
        m = re.match(r"^(secretary|minister|commissioner|director)\s+(?:of|for)\s+(.+)$", key)
        if m and len(m.group(2).split()) <= 3 and m.group(2) != "state":
            out.append(f"{m.group(2)} {m.group(1)}")
    return out


def topic_variants(terms: list[str]) -> list[str]:
    """A topic's names, and the same names with another word for "by computer" ("internet
    fraud" → "cyber fraud", "online fraud"; "fraude en línea" → "fraude cibernético") and,
    for a Spanish noun and adjective or a single noun in "-ion", in the plural ("prueba
    electrónica" → "pruebas electrónicas", "extradición" → "extradiciones")."""
    out = list(terms)
    for term in terms:
        key = norm_key(term)
        for group in (CYBER_WORDS_EN, CYBER_WORDS_ES):
            words = sorted({norm_key(w) for w in group}, key=len, reverse=True)
            for word in words:
                m = re.search(rf"(?:^|(?<=\s)){word}(?=\s|$)", key)
                if m:
                    out += [f"{key[: m.start()]}{other}{key[m.end() :]}" for other in words]
                    break
        words = key.split()
        if len(words) == 2 and re.search(r"[aeiou]$", words[0]) and not term.isascii():
            out.append(" ".join(w + ("s" if w[-1] in "aeiou" else "es") for w in words))
        if len(words) == 1 and not term.isupper() and key.endswith("ion"):
            # "extradición" → "extradiciones", "extradition" → "extraditions"
            out.append(key + ("s" if term.isascii() else "es"))
    return list(dict.fromkeys(out))


def _indexed_alone(term: str, ministry: MinistryEntry) -> bool:
    """Single words ("State", "Marina") are too ambiguous in running text; they are used only
    inside coordinated lists ("the Justice and State Departments")."""
    single = " " not in term.strip()
    return not single or is_case_sensitive(term) or term.isupper() or term == ministry.acronym


def _core_key(term: str) -> str | None:
    single = " " not in term.strip()
    return norm_key(term) if single and not is_case_sensitive(term) else body_core(term)


def minus_country(key: str, country_keys: list[str], *, min_words: int) -> str | None:
    """`key` without a country's name at its end ("seguridad publica de canada" →
    "seguridad publica"), if at least `min_words` words are left; else None."""
    for name in country_keys:
        m = re.fullmatch(
            rf"(.+?)\s+(?:de|del|of|of the)\s+(?:los\s+|the\s+)?{re.escape(name)}", key
        )
        if m and len(m.group(1).split()) >= min_words:
            return m.group(1)
    return None


@lru_cache(maxsize=4096)
def name_with_a_word_more(name: str) -> re.Pattern | None:
    """A name of three words or more with one word more between any two of its words, as
    one pattern; compiled once per process, not per request's vocabulary."""
    words = [re.escape(w) for w in re.split(_NAME_GAP, name) if w]
    if len(words) < 3:
        return None
    alternatives = (
        f"{_NAME_GAP.join(words[:k])}{_NAME_GAP}[\\w.]+{_NAME_GAP}{_NAME_GAP.join(words[k:])}"
        for k in range(1, len(words))
    )
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b")


class Vocabulary:
    """The names the extractor recognises, read once from the database."""

    @cached_property
    def not_name_words(self) -> set[str]:
        """Words no person's name has: title, country, body, office, weekday and dialogue
        words (names.py)."""
        return (
            set(TITLE_WORDS)
            | self.country_words
            | self.ministry_words
            | self.office_words
            | set(WEEKDAYS)
            | NOT_NAME_WORDS
            | {w for d in self.dialogues for t in d.terms for w in norm_key(t).split()}
        )

    @cached_property
    def portfolio_words(self) -> set[str]:
        """The threat topics' words ("crimen", "transnacional"): a portfolio's, not a name's."""
        return {w for key in self.topic_by_key for w in key.split() if len(w) > 3}

    def __init__(
        self,
        *,
        dialogues: list[DialogueEntry],
        countries: dict[str, tuple[Any, list[str]]],
        ministries: list[tuple[MinistryEntry, list[str]]],
        topics: list[tuple[TopicEntry, list[str]]],
        offices: list[tuple[OfficeEntry, list[str]]] | None = None,
    ):
        self.dialogues = dialogues
        self.countries = countries
        self.country_index = TermIndex(
            (term, code) for code, (_obj, terms) in countries.items() for term in terms
        )
        # (not their function words: "del" in "República del Perú" names no country)
        self.country_words = {
            w
            for _obj, terms in countries.values()
            for t in terms
            for w in norm_key(t).split()
            if w not in STOP_WORDS
        }
        # Each country's names as keys, for a body's or office's name that ends with one.
        self.country_keys = {
            code: [norm_key(t) for t in terms] for code, (_obj, terms) in countries.items()
        }
        self._index_ministries(ministries)
        self._index_offices(offices or [])
        self._index_topics(topics)
        self.city_index = TermIndex(
            (term, (canonical, hosts)) for canonical, hosts, terms in CITIES for term in terms
        )
        self.city_by_name = {canonical: (canonical, hosts) for canonical, hosts, _ in CITIES}
        self.venue_index = TermIndex((t, city) for city, terms in VENUES.items() for t in terms)
        self.dialogue_index = TermIndex((t, d) for d in dialogues for t in d.terms)
        self._index_dialogue_keywords()

    def _index_ministries(self, ministries: list[tuple[MinistryEntry, list[str]]]) -> None:
        self.ministries = [m for m, _ in ministries]
        entries: list[tuple[str, MinistryEntry]] = []
        self.cores: dict[str, list[MinistryEntry]] = {}
        self.single_names: dict[str, list[MinistryEntry]] = {}  # "Cancillería", "Gobernación"
        self.body_keys: list[tuple[str, MinistryEntry]] = []
        for ministry, terms in ministries:
            entries += [(term, ministry) for term in terms if _indexed_alone(term, ministry)]
            self.body_keys += [(norm_key(t), ministry) for t in terms if " " in t.strip()]
            for core in filter(None, map(_core_key, terms)):
                # "justicia de brasil" also as "justicia": a list of the country's
                # ministries names it so ("los ministerios de Relaciones Exteriores, Justicia")
                own = self.country_keys.get(ministry.country, [])
                shorter = minus_country(core, own, min_words=1)
                for key in filter(None, (core, shorter)):
                    bucket = self.cores.setdefault(key, [])
                    if ministry not in bucket:
                        bucket.append(ministry)
            for term in terms:
                if " " not in term.strip() and not is_case_sensitive(term):
                    self.single_names.setdefault(norm_key(term), []).append(ministry)
        self.ministry_index = TermIndex(entries)
        self.by_name: dict[str, list[MinistryEntry]] = {}
        for ministry in self.ministries:
            self.by_name.setdefault(ministry.name, []).append(ministry)
        self.ministry_words = {
            w for _m, terms in ministries for t in terms for w in norm_key(t).split() if len(w) > 3
        }

    def namesakes(self, ministries: list[MinistryEntry], parties) -> list[MinistryEntry]:
        """The parties' bodies with the same name as `ministries` (another country's): the
        Spanish "Ministerio de Justicia", an alias of Cuba's, names China's Ministry of
        Justice in a text about China."""
        return [
            other
            for ministry in ministries
            for other in self.by_name.get(ministry.name, ())
            if other.country in parties
        ]

    def _index_offices(self, offices: list[tuple[OfficeEntry, list[str]]]) -> None:
        self.offices = [o for o, _ in offices]
        self.office_index = TermIndex(
            (variant, office)
            for office, terms in offices
            for variant in self._without_own_country(office, office_variants(terms))
        )
        self.office_words = {
            w for _o, terms in offices for t in terms for w in norm_key(t).split() if len(w) > 3
        }

    def _without_own_country(self, office: OfficeEntry, variants: list[str]) -> list[str]:
        """Each variant, and the one without its own country at the end: "ministro de
        Seguridad Pública de Canadá" also teaches "ministro de Seguridad Pública" for Canada,
        where the holder's side then tells it from China's."""
        names = self.country_keys.get(office.country, [])
        shorter = (minus_country(variant, names, min_words=2) for variant in variants)
        return [*variants, *filter(None, shorter)]

    def _index_topics(self, topics: list[tuple[TopicEntry, list[str]]]) -> None:
        self.topics = [t for t, _ in topics]
        topics = [(topic, topic_variants(terms)) for topic, terms in topics]
        self.topic_index = TermIndex((term, topic) for topic, terms in topics for term in terms)
        self.topic_by_key: dict[str, TopicEntry] = {}
        for topic, terms in topics:
            for term in terms:
                self.topic_by_key.setdefault(norm_key(term), topic)

    def _index_dialogue_keywords(self) -> None:
        """The distinctive words of each dialogue's names, and how many dialogues share each."""
        for dialogue in self.dialogues:
            dialogue.keywords = self.name_keywords(*dialogue.terms)
            dialogue.stems = {w[:7] for w in dialogue.keywords}
        self.stem_frequency: dict[str, int] = {}
        for dialogue in self.dialogues:
            for stem in dialogue.stems:
                self.stem_frequency[stem] = self.stem_frequency.get(stem, 0) + 1

    @cached_property
    def dialogue_names_with_a_word_more(self) -> list[tuple[re.Pattern, DialogueEntry]]:
        """Each dialogue name of three words or more, as a pattern that allows one more word
        between two of its words: "High-Level Strategic Security Dialogue" is the
        "High-Level Security Dialogue"."""
        out = []
        for dialogue in self.dialogues:
            for term in dialogue.terms:
                if not self.name_keywords(term):
                    continue  # "High-Level Dialogue": any "High-Level X Dialogue" would be it
                pattern = name_with_a_word_more(fold(term))
                if pattern is not None:
                    out.append((pattern, dialogue))
        return out

    def names_the_dialogue(self, name: str, dialogue: DialogueEntry) -> bool:
        """Whether `name` (folded) is one of the dialogue's names, or one with a word more."""
        key = norm_key(name)
        return any(norm_key(term) in key for term in dialogue.terms) or any(
            d is dialogue and pattern.search(name)
            for pattern, d in self.dialogue_names_with_a_word_more
        )

    def name_keywords(self, *names: str) -> set[str]:
        """The distinctive words of a dialogue's names: no country, no generic word
        ("dialogue", "bilateral"). Acronyms ("LED") would match ordinary words ("led by")."""
        words = {
            norm_key(w) for name in names for w in re.split(_NAME_GAP, name) if not w.isupper()
        }
        return {w for w in words if len(w) > 2 and w not in self._not_name_keywords}

    @cached_property
    def _not_name_keywords(self) -> frozenset[str]:
        return STOP_WORDS | GENERIC_DIALOGUE_WORDS | self.country_words

    @classmethod
    def current(cls) -> Vocabulary:
        """The database's vocabulary as it is now, built once per data version.

        Every save or delete of a country, body, office, dialogue or topic moves the data
        version (rounds.cache), so an alias or office staff add is read on the next request,
        in every process; until then one version read replaces the five queries and the
        patterns built from them (70-140 ms a request).
        """
        token = current_version().token
        if token == INITIAL_VERSION or written_in_this_transaction():
            # No version yet, or a transaction that wrote and will not move it again: what
            # is read now is no version's, so it is not kept.
            return cls.from_database()
        vocabulary = _BUILT.get(token)
        if vocabulary is None:
            vocabulary = cls.from_database()
            _BUILT.clear()
            _BUILT[token] = vocabulary
        return vocabulary

    @classmethod
    def from_database(cls) -> Vocabulary:
        """Read the vocabulary in a fixed number of queries (five)."""
        countries: dict[str, tuple[Any, list[str]]] = {}
        for country in Country.objects.all():
            terms = [country.name, *country.alias_list]
            terms += EXTRA_COUNTRY_TERMS.get(country.code, [])
            terms += CAPITAL_TERMS.get(country.code, [])
            countries[country.code] = (country, demonym_variants(terms))
        for code in EXTRA_COUNTRY_TERMS.keys() | CAPITAL_TERMS.keys():
            terms = EXTRA_COUNTRY_TERMS.get(code, []) + CAPITAL_TERMS.get(code, [])
            countries.setdefault(code, (None, terms))
        dialogues = [
            DialogueEntry(
                obj=d,
                name=d.name,
                parties=(d.party_a.code, d.party_b.code),
                terms=[d.name, *([d.short_name] if d.short_name else []), *d.alias_list],
                keywords=set(),
            )
            for d in Dialogue.objects.select_related("party_a", "party_b")
        ]
        topics = [
            (TopicEntry(obj=t, name=t.name), [t.name, *t.alias_list])
            for t in ThreatTopic.objects.all()
        ]
        ministries = _ministry_entries(list(Ministry.objects.select_related("country")))
        by_pk = {entry.obj.pk: entry for entry, _terms in ministries}
        offices = [
            (
                OfficeEntry(obj=o, title=o.title, ministry=by_pk[o.ministry_id]),
                [o.title, *o.alias_list],
            )
            for o in Office.objects.select_related("ministry__country")
            if o.ministry_id in by_pk
        ]
        return cls(
            dialogues=dialogues,
            countries=countries,
            ministries=ministries,
            topics=topics,
            offices=offices,
        )

    def resolve_topic(self, label: str) -> str:
        """Return the canonical topic name for a label, name or alias (the label if unknown)."""
        topic = self.topic_by_key.get(norm_key(label))
        return topic.name if topic else label

    def resolve_ministry(self, side: str, name: str) -> str:
        """Return the official name of the body of `side` that `name` names in full."""
        low, cased = fold(name), fold(name, lower=False)
        for start, end, payloads in self.ministry_index.find(low, cased):
            if start == 0 and end >= len(name.rstrip(". ")) - 1:
                for ministry in payloads:
                    if ministry.country == side:
                        return ministry.name
        return name

    def similar_body(self, name: str, countries: tuple[str, ...]) -> MinistryEntry | None:
        """The known body of one of `countries` whose name or alias `name` closely spells."""
        choices = {key: m for key, m in self.body_keys if m.country in countries}
        if not choices:
            return None
        found = process.extractOne(
            norm_key(name),
            list(choices),
            scorer=fuzz.token_sort_ratio,
            score_cutoff=FUZZY_BODY_CUTOFF,
        )
        return choices[found[0]] if found else None

    def resolve_dialogue(self, name: str | None) -> str | None:
        """Return the database name of the dialogue that `name` names (or `name`)."""
        if not name:
            return None
        found = find_dialogue(self, fold(name), fold(name, lower=False))
        return found[0].name if found else name


# The last vocabulary Vocabulary.current() built, under the data version it was built at.
_BUILT: dict[str, Vocabulary] = {}


def _ministry_entries(records: list) -> list[tuple[MinistryEntry, list[str]]]:
    by_pk = {
        m.pk: MinistryEntry(obj=m, name=m.name, country=m.country.code, acronym=m.acronym)
        for m in records
    }
    entries = []
    for m in records:
        node = by_pk[m.pk]
        node.parent = by_pk.get(m.parent_id)
        terms = [m.name, *([m.acronym] if m.acronym else []), *m.alias_list]
        entries.append((node, name_variants(terms)))
    return entries
