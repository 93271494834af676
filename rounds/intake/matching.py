"""Comparing texts: what counts as "already recorded" on a round."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rounds.models import (
    Communique,
    Round,
)
from rounds.text import STOP_WORDS

from .data import CommuniqueData

# Two items are the same when one's content words are (nearly) all in the other.
DUPLICATE_OVERLAP = 0.8


# An extracted request this close to an open one is proposed as an update of it.
SIMILAR_REQUEST_OVERLAP = 0.5


_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """Lower-case words only: case, punctuation and whitespace differences do not count."""
    return " ".join(_WORD.findall((text or "").casefold()))


def content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall((text or "").casefold()) if word not in STOP_WORDS}


def word_overlap(a: str, b: str) -> float:
    """Share of the shorter text's content words that the other text also has (0 to 1)."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def near_duplicate(a: str, b: str, *, threshold: float = DUPLICATE_OVERLAP) -> bool:
    """Same normalised text, one containing the other, or a high word overlap.

    Very short items (fewer than three content words) only count by equality or containment,
    so "Raised fugitives." is not swallowed by every longer sentence that mentions fugitives.
    """
    norm_a, norm_b = normalise(a), normalise(b)
    if not norm_a or not norm_b:
        return False
    if norm_a == norm_b:
        return True
    short, long_ = sorted((norm_a, norm_b), key=len)
    if len(content_words(short)) >= 2 and f" {short} " in f" {long_} ":
        return True
    if min(len(content_words(a)), len(content_words(b))) < 3:
        return False
    return word_overlap(a, b) >= threshold


def normalise_url(url: str) -> str:
    """Scheme, "www.", case of the host and a trailing slash do not make another URL."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def _url_slug(url: str) -> str:
    """The words of a URL's last path segment (often the title), if it has at least three."""
    segment = urlsplit(url or "").path.rstrip("/").rsplit("/", 1)[-1]
    words = normalise(segment.replace("-", " ").replace("_", " "))
    return words if len(words.split()) >= 3 else ""


@dataclass(frozen=True)
class DuplicateCommunique:
    existing: Communique
    reason: str  # "text", "url" or "title"

    def error(self, round_: Round) -> ValidationError:
        what = self.existing.title
        if self.existing.url:
            what = f"{what} ({self.existing.url})"
        if self.reason == "url":
            return ValidationError(
                _(
                    "%(round)s already has a communiqué with this URL: “%(existing)s”. It was "
                    "not added again."
                ),
                code="duplicate_communique",
                params={"round": round_, "existing": what},
            )
        if self.reason == "text":
            message = _(
                "This text is already recorded as a communiqué of %(round)s: “%(existing)s”. "
                "It was not added again."
            )
            code = "duplicate_communique_text"
        else:
            message = _(
                "%(round)s already has this communiqué: “%(existing)s” has the same title. It "
                "was not added again; open the round to complete that record instead."
            )
            code = "duplicate_communique_title"
        return ValidationError(message, code=code, params={"round": round_, "existing": what})


def find_duplicate_communique(round_: Round, data: CommuniqueData) -> DuplicateCommunique | None:
    """Return the communiqué of `round_` that this one repeats (same text, URL or title)."""
    text = normalise(data.text)
    url = normalise_url(data.url)
    titles = {normalise(data.display_title), _url_slug(data.url)} - {""}
    found = {}
    for existing in Communique.objects.filter(round=round_).order_by("pk"):
        if text and normalise(existing.text) == text:
            found.setdefault("text", existing)
        if url and normalise_url(existing.url) == url:
            found.setdefault("url", existing)
        # The title may also be the slug of the recorded URL ("cuba-and-u-s-discuss-...").
        if titles & ({normalise(existing.title), _url_slug(existing.url)} - {""}):
            found.setdefault("title", existing)
    for reason in ("text", "url", "title"):
        if reason in found:
            return DuplicateCommunique(found[reason], reason)
    return None
