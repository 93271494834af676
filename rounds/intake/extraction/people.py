"""Heads of delegation: names after "headed by", "led by", "encabezada por"..., each with
the title written before or after it, the body that title names and the side."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .result import Match
from .sides import pick, side_for
from .tables import TITLE_WORDS
from .terms import fold, norm_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import MinistryEntry, Vocabulary

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
PARTICLES = ("de", "del", "la", "y", "van", "von", "da", "dos")
# Where the title after the last name ends: the next clause.
LAST_TITLE_END = re.compile(
    r",\s*(?:and|y)\s|"
    r",\s*(?:who|quien|which|que|accompanied|along|together|joined|as well|"
    r"acompanad\w*|junto|mientras|while|and\s+(?:the|by)|y\s+(?:la|el|por))\b|"
    r"\.\s|;"
)
_CONNECTOR_END = re.compile(r"\b(?:of|at|to|with|from|in|for|del|de la|de|en)\s+(?:the\s+)?$")
_CONNECTOR_CUT = re.compile(
    r"\s*(?:,\s*)?(?:\b(?:of|at|to|with|from|in|for|del|de la|de|en))?\s*(?:the\s+)?$"
)
_ARTICLES = re.compile(r"^(?:the|its|their|la|el|los|las|de|del|de la|of|su|sus)\s+")

_Token = tuple[int, int, str, bool]  # start, end, word, is a particle


def _name_tokens(doc: Document, vocab: Vocabulary, start: int, end: int) -> list[list[_Token]]:
    """Runs of capitalised words that are not title, country or body words."""
    blocked = TITLE_WORDS | vocab.country_words | vocab.ministry_words
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for m in re.finditer(r"\S+", doc.text[start:end]):
        raw = m.group()
        word = raw.strip(',;:()"“”')
        if len(word) > 2 and word.endswith("."):
            word = word[:-1]
        wstart = start + m.start() + raw.find(word) if word else start + m.start()
        is_name = bool(NAME_TOKEN.fullmatch(word)) and norm_key(word) not in blocked
        particle = word in PARTICLES
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
    return runs


def find_names(doc: Document, vocab: Vocabulary, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of people's names between `start` and `end`."""
    names = []
    for run in _name_tokens(doc, vocab, start, end):
        while run and run[-1][3]:
            run.pop()
        real = [t for t in run if not t[3]]
        # Two name words, one of them longer than two letters ("Li Wenhao", "Yuri A. Gala").
        if len(real) >= 2 and any(len(t[2]) > 2 for t in real):
            names.append((run[0][0], run[-1][1]))
    return names


def _title_ministry(doc: Document, vocab: Vocabulary, title: str, offset: int):
    """The body a title names, and where in the title ((-1, -1) if only implied)."""
    low, cased = fold(title), fold(title, lower=False)
    hits = vocab.ministry_index.find(low, cased)
    # The last body named is the one the title ends with ("... Attorney General of the
    # Department of Justice").
    for start, end, payloads in reversed(hits):
        ministry = pick(doc, offset + start, payloads)
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
                ministry = pick(doc, offset, vocab.cores[sub])
                if ministry:
                    return ministry, -1, -1
    return None, -1, -1


def clean_title(text: str) -> str:
    text = text.strip(" ,;:.\n")
    text = _ARTICLES.sub("", text)
    text = re.sub(r"^(?:were|was|are|fue|fueron|por|by)\s+", "", text).strip(" ,;:")
    return _ARTICLES.sub("", text)


def _titles_around(doc: Document, names, seg_start: int, seg_end: int):
    """Split the text between names into each name's title before and after it.

    Return (befores, before positions, afters)."""
    bounds = [seg_start] + [p for n in names for p in n] + [seg_end]
    gaps = [(bounds[2 * i], bounds[2 * i + 1]) for i in range(len(names) + 1)]
    befores, afters = [""] * len(names), [""] * len(names)
    before_pos = [0] * len(names)
    befores[0], before_pos[0] = doc.text[gaps[0][0] : gaps[0][1]], gaps[0][0]
    for i, (gs, ge) in enumerate(gaps[1:], start=1):
        gap = doc.text[gs:ge]
        if i == len(names):
            afters[i - 1] = LAST_TITLE_END.split(gap)[0]
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
    return befores, before_pos, afters


def _official_title(title: str, ministry: MinistryEntry, ms: int, me: int) -> str:
    """Replace a body named in the title by its top-level body's name, at the end."""
    root = ministry.root
    if ministry is root and ms >= 0 and _CONNECTOR_END.search(title[:ms]):
        cut = _CONNECTOR_CUT.sub("", title[:ms])
        title = (cut + title[me:]).strip(" ,")
    if root.name not in title:
        title = f"{title}, {root.name}" if title else root.name
    return title


def _side_without_body(doc: Document, ns: int, parties) -> str | None:
    side = side_for(doc, ns, parties) if parties else None
    s2, _e2 = doc.sentence_of(ns)
    context = doc.low[s2:ns]
    mentions = [c for cs, ce, c in doc.countries if s2 <= cs and ce <= ns]
    if (mentions and "delegation" in context) or "side" in context:
        side = mentions[-1] if mentions else side
    return side


def _trigger_names(doc: Document, vocab: Vocabulary, trig: re.Match):
    """Names after the trigger, else before it in the same sentence; and that segment."""
    s, e = doc.sentence_of(trig.start())
    names = find_names(doc, vocab, trig.end(), e)
    if names:
        return names, trig.end(), e
    return find_names(doc, vocab, s, trig.start()), s, trig.start()


def extract_heads(doc: Document, vocab: Vocabulary, parties) -> list[tuple[Match, Any]]:
    """Return (head, top-level body or None) for each head of delegation."""
    heads: list[tuple[Match, Any]] = []
    seen: set[str] = set()
    doc.head_segments = []
    for trig in HEAD_TRIGGER.finditer(doc.low):
        names, seg_start, seg_end = _trigger_names(doc, vocab, trig)
        if not names:
            continue
        befores, before_pos, afters = _titles_around(doc, names, seg_start, seg_end)
        for i, (ns, ne) in enumerate(names):
            name = doc.text[ns:ne]
            if name in seen:
                continue
            before = clean_title(re.split(r"[:;]", befores[i])[-1])
            after = clean_title(afters[i])
            title = " ".join(t for t in (before, after) if t)
            ministry, ms, me = _title_ministry(doc, vocab, title, ns)
            root = ministry.root if ministry else None
            if ministry is not None:
                title = _official_title(title, ministry, ms, me)
                side = root.country
            else:
                side = _side_without_body(doc, ns, parties)
            seen.add(name)
            # Bodies named in the title belong to this head; the head adds their root body.
            doc.head_segments.append((before_pos[i], ns))
            doc.head_segments.append((ne, ne + len(afters[i])))
            heads.append((Match({"name": name, "title": title, "side": side}, (ns, ne)), root))
    return heads
