"""Highlighted snippets: escaped text with <mark> around what matched, never stored HTML."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rounds.text import fold_char

from .query import Term, is_short, term_words

# Private-use characters mark highlights inside ts_headline's raw output, which is escaped as a
# whole before they become <mark> tags. They are removed from the document text beforehand, so
# stored text cannot forge a highlight.
START_SEL = "\ue000"


STOP_SEL = "\ue001"


SNIPPET_WORDS = 40


def _term_pattern(term: Term | str) -> str:
    """A regex over folded text for a term: from a word start to the end of the word."""
    words = term_words(term)
    if not words:
        return ""
    body = r"\s+".join(re.escape(word) for word in words)
    return r"(?<!\S)" + body + (r"(?!\S)" if is_short(words[-1]) else r"\S*")


def find_matches(text: str, terms: list[Term | str]) -> list[tuple[int, int]]:
    """(start, end) in `text` of whole words matching the terms, as the fallback matches them.

    The text is folded one character at a time, remembering where each folded character came
    from, so the spans point at the original (accented, any case) words.
    """
    patterns = [p for p in (_term_pattern(term) for term in terms) if p]
    if not patterns or not text:
        return []
    folded, origin = _fold_with_origin(text)
    pattern = re.compile("|".join(patterns))
    return [
        (origin[m.start()], origin[m.end() - 1] + 1)
        for m in pattern.finditer(folded)
        if m.end() > m.start()
    ]


def _fold_with_origin(text: str) -> tuple[str, list[int]]:
    """Fold text one character at a time; `origin[i]` is where folded character i came from."""
    folded: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


def find_phrases(text: str, phrases: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each whole-phrase occurrence of `phrases` in `text`, in order.

    Stricter than find_matches, for saying that a text names something: whole words only
    (a plural "s" or "es" allowed at the end), accents, case and punctuation folded, so
    "trata" finds "trata de personas" but not "tratado", and "red notice" finds "Red Notices".
    Where phrases overlap, the longest wins.
    """
    if not text:
        return []
    folded, origin = _fold_with_origin(text)
    found: list[tuple[int, int, str]] = []
    for phrase in phrases:
        words = term_words(phrase)
        if not words:
            continue
        body = r"[^\w]+".join(re.escape(word) for word in words)
        pattern = re.compile(r"(?<!\w)" + body + r"(?:e?s)?(?!\w)")
        found += [(m.start(), m.end(), phrase) for m in pattern.finditer(folded)]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    spans, last_end = [], -1
    for start, end, phrase in found:
        if start >= last_end:
            spans.append((origin[start], origin[end - 1] + 1, phrase))
            last_end = end
    return spans


def mark_matches(text: str, spans: list[tuple[int, int]]) -> str:
    """Wrap each span in the highlight sentinels."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        out.append(f"{START_SEL}{text[start:end]}{STOP_SEL}")
        last = end
    out.append(text[last:])
    return "".join(out)


def simple_snippet(texts: list[str], terms: list[Term | str]) -> SafeString:
    """Return an escaped window of about SNIPPET_WORDS words around the first match, marked.

    Matches are whole words found as the fallback finds them (folded, from a word start), so
    "trafico" marks "tráfico" and "traffic" marks the whole of "trafficking".
    """
    for text in texts:
        clean = (text or "").replace(START_SEL, "").replace(STOP_SEL, "")
        spans = find_matches(clean, terms)
        if not spans:
            continue
        first_start, first_end = spans[0]
        start = max(0, first_start - 120)
        end = min(len(clean), first_end + 160)
        # Cut at word boundaries, not in the middle of a word.
        if start:
            start = clean.find(" ", start, first_start) + 1 or start
        if end < len(clean):
            end = clean.rfind(" ", first_end, end) if " " in clean[first_end:end] else end
        window = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end]
        window = [(s, e) for s, e in window if e > s]
        marked = mark_matches(clean[start:end], window)
        prefix = "… " if start else ""
        suffix = " …" if end < len(clean) else ""
        return render_highlight(prefix + marked + suffix)
    return mark_safe("")


def render_highlight(raw: str) -> SafeString:
    """Escape everything, then turn the highlight sentinels into <mark> tags."""
    escaped = str(escape(raw or ""))
    # Unbalanced sentinels (a fragment cut in the middle) are closed or dropped.
    out: list[str] = []
    open_ = False
    for char in escaped:
        if char == START_SEL and not open_:
            out.append("<mark>")
            open_ = True
        elif char == STOP_SEL and open_:
            out.append("</mark>")
            open_ = False
        elif char in (START_SEL, STOP_SEL):
            continue
        else:
            out.append(char)
    if open_:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - built from escaped text and fixed tags only


def mark_phrases(text: str, spans: list[tuple[int, int, str]], *, id_prefix: str) -> SafeString:
    """Return the whole text escaped, each span in <mark id="{id_prefix}-N"> (N from 1).

    The ids let other pages link to one occurrence, e.g. `#match-1`.
    """
    clean = (text or "").replace(START_SEL, "").replace(STOP_SEL, "")
    marked = str(render_highlight(mark_matches(clean, [(s, e) for s, e, _p in spans])))
    pieces = marked.split("<mark>")
    out = [pieces[0]]
    for number, piece in enumerate(pieces[1:], start=1):
        out.append(f'<mark id="{id_prefix}-{number}">{piece}')
    return mark_safe("".join(out))  # noqa: S308 - escaped text, fixed tags and integer ids
