"""What the sides agreed: what follows "agreed to", "acordaron"..., split into items."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .glossary import translate_es
from .result import Match
from .terms import fold

if TYPE_CHECKING:
    from .document import Document

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


def extract_agreements(doc: Document) -> list[Match]:
    """What the sides agreed, one item per agreed action."""
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
