"""People's names in running text: runs of capitalised words that are not title, country,
body or month words, with initials ("Yuri A."), particles ("Fernández de Cossío") and
suffixes ("Jr.", "III")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .terms import fold, norm_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import Vocabulary

PARTICLES = frozenset({"de", "del", "la", "van", "von", "da", "dos", "di", "le"})
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
# A capitalised run right after one of these is a portfolio or a place, not a person:
# "Assistant Secretary for Threat Prevention", "at Mar-a-Lago", "la Estrategia Vida".
NOT_AFTER = frozenset(
    {"of", "for", "para", "at", "in", "en", "the", "el", "los", "las", "del", "to", "from", "la"}
)
# "directora para Contraterrorismo y Crimen Transnacional": the capitalised word after "for"
# or "para" is a portfolio, and so are the words of a topic that follow it or join it by "y".
PORTFOLIO_BEFORE = frozenset({"for", "para"})
PORTFOLIO_JOINS = frozenset({"y", "e", "and"})
_TOKEN = re.compile(r"\S+")
# Plural abstract nouns are a portfolio's words, never a surname's: "Democratic Institutions",
# "Relaciones Exteriores", "Asuntos Intergubernamentales y Comunidades" (not "-sions",
# "-ments" or "-ships": "Jeff Sessions", "Mary Clements").
_ABSTRACT_PLURAL = re.compile(r"(?:tions|ities|ciones|siones|mientos|idades)$")


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


@lru_cache(maxsize=8192)
def is_name_word(word: str) -> bool:
    """ "Blinken", "Jourová", "Sherwood-Randall", "A." (an initial)."""
    if _is_initial(word):
        return True
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return False
    if _ABSTRACT_PLURAL.search(word):
        return False
    return all(c.isalpha() or c in "'’-" for c in word)


class NameFinder:
    """Finds name runs; the words it refuses come from the vocabulary and the tables.

    Month names are not refused: "Julio César", "April" are names, and a date's month stands
    alone ("September 15"), too short for a name."""

    def __init__(self, vocab: Vocabulary):
        self.blocked, self.portfolio_words = vocab.not_name_words, vocab.portfolio_words

    def runs(self, doc: Document, start: int, end: int) -> list[tuple[int, int]]:
        """Spans of people's names between `start` and `end`."""
        names, current = [], []
        previous, portfolio, joined = "", False, False
        for m in _TOKEN.finditer(doc.text, start, end):
            raw = m.group()
            word = raw.strip(',;:()"“”.')
            if raw.rstrip(",;:)").endswith(".") and (len(word) == 1 or fold(word) in SUFFIXES):
                word += "."  # an initial, "Jr."
            wstart = m.start() + raw.find(word[:1]) if word else m.start()
            portfolio, joined = self._portfolio(word, current, previous, portfolio, joined)
            kind = None if portfolio else self._kind(word, current, previous)
            if raw[-1:] in ",;:)":
                portfolio = joined = False
            if kind:
                current.append((wstart, wstart + len(word), kind))
            else:
                names += self._close(current)
                current = []
            if raw[-1:] in ",;:)" and kind != "suffix" and not self._suffix_follows(doc, m.end()):
                names += self._close(current)
                current = []
            previous = word
        names += self._close(current)
        return names

    def _portfolio(self, word, current, previous, portfolio, joined) -> tuple[bool, bool]:
        """Is `word` part of a portfolio ("para Contraterrorismo y Crimen Transnacional"),
        and does it join one to the next word? Both as (portfolio, joined)."""
        if not is_name_word(word):
            return False, portfolio and fold(word) in PORTFOLIO_JOINS
        if not current and fold(previous) in PORTFOLIO_BEFORE:
            return True, False
        if joined or portfolio:  # "y Crimen", "Crimen Transnacional": a topic's words go on
            return norm_key(word) in self.portfolio_words, False
        return False, False

    def _kind(self, word: str, current: list, previous: str) -> str | None:
        if current and fold(word) in SUFFIXES:
            return "suffix"
        if current and fold(word) in PARTICLES:
            return "particle"  # "Fernández de Cossío", "Catherine De Bolle"
        if not is_name_word(word):
            return None
        # An initial ("E.") is a name's even where a vocabulary term has the word ("Justicia
        # e Interior").
        if not _is_initial(word) and norm_key(word) in self.blocked:
            return None
        if not current and fold(previous) in NOT_AFTER:
            return None
        return "name"

    @staticmethod
    def _suffix_follows(doc: Document, pos: int) -> bool:
        """ "Thomas A. Shannon, Jr.": the comma does not end the name."""
        return bool(re.match(r"\s*(?:Jr|Sr|II|III|IV)\b", doc.text[pos : pos + 6]))

    @staticmethod
    def _close(run: list) -> list[tuple[int, int]]:
        while run and run[-1][2] == "particle":
            run.pop()
        real = [t for t in run if t[2] == "name"]
        # Two name words, one of them longer than two letters ("Li Wenhao", "Yuri A. Gala").
        if len(real) >= 2 and any(t[1] - t[0] > 2 for t in real):
            return [(run[0][0], run[-1][1])]
        return []
