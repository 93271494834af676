"""What the sides agreed: what follows "agreed to", "acordaron"..., split into items, and
what they signed or adopted ("adopted the Bicentennial Framework" → "adopt ...")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import AFTERWORD
from .glossary import translate_es
from .result import Match
from .terms import fold

if TYPE_CHECKING:
    from .document import Document

# Both sides as the subject of what they will do: "The two countries will exchange ...".
_BOTH = (
    r"(?:the two|both) (?:countries|sides|governments|delegations|parties)|"
    r"(?:ambas|las dos) (?:partes|delegaciones)|(?:ambos|los dos) (?:paises|gobiernos)"
)
# What both sides will do, plan or announce: "The two sides expect to meet again ...",
# "the two countries announced the launch of negotiations". Not "would": that may be a
# condition.
_WILL = r"(?:will|expect to|plan to|intend to|announced)"
# Officials sent to do it: "Ministers directed officials on both sides to broaden ...",
# "Negotiators were instructed to press ahead ...".
_SENT = r"(?:officials|teams|experts|delegations|agencies|negotiators)"
_DIRECTED = (
    rf"(?:directed|instructed|tasked|mandated) (?:their |the )?{_SENT}"
    r"(?: (?:on|of|from|in) both (?:sides|countries))?|"
    rf"{_SENT} (?:were|have been|had been) (?:also )?(?:directed|instructed|tasked|mandated)"
)
AGREE_RE = re.compile(
    r"\b(?:agreed|agree|decided|committed themselves|committed|pledged|undertook|resolved|"
    rf"{_DIRECTED}|(?P<will>(?:{_BOTH}) {_WILL}(?: also| jointly)?)|"
    # "Both sides recognised that ...": a view both share, as "coincidieron en que ..."; not
    # that they still differ ("recognised that differences remain")
    rf"(?:{_BOTH}) (?:also )?(?:recogni[sz]ed|reconocieron)(?= (?:that|que)\b)"
    r"(?![^.;]{0,80}\b(?:differences?|diferencias?|disagree\w*|desacuerdos?|not|no)\b)|"
    # "Participants reaffirmed their commitment to hold accountable ...": all of them.
    r"(?:reaffirmed|reiterated|renewed) their (?:joint |shared )?commitment|"
    r"acordaron|acordo|"
    r"se acordo|convinieron|decidieron|se comprometieron|acuerdan|coincidieron)\b"
    # "se comprometieron asimismo a evaluar ...": an aside before what was agreed
    r"(?:\s+(?:asimismo|tambien|ademas|igualmente|also|further|likewise))?"
    r"(?:\s+(?:at the meeting|during the meeting|at the talks|en la reunion|en el encuentro|"
    r"en la cita|ambas partes|las partes|los participantes))?"
    # "coincidieron ayer en Washington en ...": when and where, before what
    r"(?:\s+(?:ayer|hoy|today|yesterday)(?:\s+en\s+\w+(?=\s+en\b))?)?"
    r"(?P<link>\s*(?:to|on|upon|a|en|that|que)\b)?\s+"
)
# Where the next round will be, said without "agreed": "The next ministerial meeting will
# take place in the second half of 2024", "La próxima reunión se celebrará en la Ciudad de
# Guatemala", "la siguiente cita está prevista para julio en ..." (not "will be hosted by the
# Presidency": who hosts it is no plan of the two sides).
NEXT_MEETING = re.compile(
    r"\b(?:the|la|el)\s+(?:next|proxima|proximo|siguiente)\s+"
    r"(?P<noun>(?:\w+\s+){0,2}?(?:round|meeting|session|dialogue|ministerial|forum|reunion|ronda|"
    r"cita|edicion|dialogo|sesion|encuentro|foro)(?:\s+ministerial)?)\s+"
    r"(?:will be held|will take place|is scheduled|is planned|se celebrara|se realizara|"
    r"tendra lugar|esta prevista|esta previsto|se llevara a cabo)\s+"
)
# What was signed or adopted, rendered as the agreed action.
OUTCOME_RE = re.compile(
    r"\b(?P<verb>signed|adopted|approved|firmaron|firmo|adoptaron|adopto|aprobaron|aprobo|"
    r"suscribieron)\s+"
)
OUTCOME_VERB = {"signed": "sign", "firmaron": "sign", "firmo": "sign", "suscribieron": "sign"}
# "the Statement ... signed at last year's Forum", "the Framework adopted at the inaugural
# dialogue": an English participle after a noun, followed by a place or time, names an earlier
# act; after its subject ("the ministers also signed in Havana a ...") the verb is this round's,
# unless in a relative clause.
PARTICIPLE_AFTER = re.compile(r"(?:at|in|on|during|by|last|earlier|previously)\b")
SUBJECT_BEFORE = re.compile(
    r"\b(?:they|both|two|sides|parties|ministers|delegations|delegates|officials|governments|"
    r"countries|leaders|secretaries|also|jointly|formally|then|today|and)\s*$"
)
# "the Framework, which the two governments adopted at the inaugural dialogue": a relative
# clause about an act already done.
RELATIVE_BEFORE = re.compile(r"\b(?:which|that)\s+(?:[\w-]+\s+){0,3}$")
# "la primera desde que ambos gobiernos firmaron ... un memorando", "Two years after the
# United States and Mexico adopted the Framework": an earlier act.
EARLIER_ACT_BEFORE = re.compile(
    r"\b(?:desde que|since|(?:years?|months?) after|(?:anos|meses) despues de que)\b[^,;]{0,60}$"
)
PURPOSE = re.compile(
    r"\s+(?:to|in order to|so as to|with a view to|with the aim of|aimed at|para|a fin de|"
    r"con el fin de|con vistas a|con el objetivo de)\s+\w+"
)
ITEM_SPLIT = re.compile(
    r",\s*and\s+(?:to\s+)?|\s+and\s+to\s+|;\s*|,\s*y\s+|,\s*(?=to\s+\w+)|"
    r"\s+and\s+(?=(?:hold|continue|exchange|meet|establish|strengthen|sign|work|explore|create|"
    r"share|develop|increase|expand|set up|convene|schedule|review|cooperate|promote|implement|"
    r"designate|conduct|launch|keep|maintain|deepen|resume|return|agreed)\b)|"
    r"\s+y\s+(?=\w+(?:ar|er|ir)(?:se)?\b)|,\s*(?=(?:to\s+)?(?:hold|continue|exchange|meet|establish|"
    r"strengthen|sign|work|explore|create|share|develop|convene|resume)\b)"
)
# In Spanish, a comma before an infinitive also starts an item ("realizar un ejercicio,
# probar la línea directa y celebrar ...").
ES_ITEM_SPLIT = re.compile(rf"{ITEM_SPLIT.pattern}|,\s*(?=\w+(?:ar|er|ir)(?:se)?\b)")
# After a verb that takes "a" ("se comprometieron a ampliar ..., a mantener ... y a dar
# continuidad ..."), the "a" repeated before an infinitive starts an item too.
ES_A_ITEM_SPLIT = re.compile(
    rf"{ES_ITEM_SPLIT.pattern}|(?:,|\s+y)\s+a\s+(?!partir\b|pesar\b)(?=\w+(?:ar|er|ir)(?:se)?\b)"
)
# An item that starts with another finite verb ("welcomed negotiations ...", "valoró ...")
# starts a new clause: the list of agreed actions is over.
NEW_CLAUSE = re.compile(r"^(?:also\s+)?(?:\w+ed|\w+aron|\w+ieron|welcomed|noted)\b")
# "which President Obama and President Xi agreed to establish": not the round's agreement.
# ("Secretary Blinken and Vice President Ramírez committed to ..." is the round's.)
LEADERS_BEFORE = re.compile(
    r"(?<!vice )(?<!vice-)\b(?:presidents?|presidentes?|prime ministers?|primer ministro)\b"
)
_AGAIN = re.compile(r"^(?:agreed|acordaron|decided|decidieron)\s+(?:to|a)?\s*")
# "... y acordaron:" at the end of a line, the agreed actions listed on the lines below.
LIST_INTRO = re.compile(
    r"(?:\b(?:agreed|decided|committed|acordaron|acordo|convinieron|decidieron|"
    r"se comprometieron)(?:\s+(?:to|on|upon|a|en))?"
    # "Outcomes of the second Dialogue include:", "Entre los resultados figuran:"
    r"|\b(?:outcomes|results|deliverables|resultados|acuerdos)\b[^.:\n]{0,60}"
    r"\b(?:include|included|are|were|incluyen|figuran|son|fueron))\s*:\s*$"
)
# "- Hotline. The hotline will be tried out ...": a bullet's short heading before its text.
ITEM_HEADING = re.compile(r"(?:[A-ZÁÉÍÓÚÑ][\w-]*)(?:\s+[\w-]+){0,3}\.\s+(?=[A-ZÁÉÍÓÚÑ])")
BULLET = re.compile(r"^\s*(?:--|[-–—•*·]|\(?[a-z0-9]\)|\d+\.)\s+")


# Where the agreed action gives way to the occasion or the source: "... at the first round of
# their Dialogue, held in Washington on Wednesday, the Ministry of Public Security said".
OCCASION = re.compile(
    r"\s+(?:at|during)\s+(?:the|their|its)\s+(?:[\w-]+\s+){0,3}?(?:round|meeting|session|"
    rf"dialogue|talks)\s+(?:of|with)\b|{AFTERWORD}"
)


def _body_end(doc: Document, start: int, end: int) -> int:
    """The sentence end, the occasion or source after the action, or the next agreeing verb
    (", y acordaron ...", "y acordaron:")."""
    if occasion := OCCASION.search(doc.low, start, end):
        end = occasion.start()
    found = [
        m
        for m in (
            AGREE_RE.search(doc.low, start + 1, end),
            LIST_INTRO.search(doc.low, start + 1, end),
        )
        if m
    ]
    again = min(found, key=lambda m: m.start()) if found else None
    if again and re.search(r"(?:[,;]\s*|\s)(?:and|y)?\s*$", doc.low[start : again.start()]):
        end = again.start()
    while end > start and doc.text[end - 1] in ".;:, \n":
        end -= 1
    tail = re.search(r"[,\s]+(?:and|y)$", doc.low[start:end])
    return end - len(tail.group()) if tail else end


def _pieces(low: str, start: int, end: int, link: str | None = None):
    """(start, end) of each piece of the list between `start` and `end`: split at commas,
    semicolons and "and"/"y" before a verb, but not at an "and"/"y" inside a purpose clause
    ("reforzar la cooperación para identificar y enjuiciar a los autores"), nor at "and to"
    inside the purpose clause of an agreed thing ("a process to verify ... and to issue ...")."""
    segment, last = low[start:end], 0
    if _is_spanish(segment):
        splitter = ES_A_ITEM_SPLIT if link == "a" else ES_ITEM_SPLIT
    else:
        splitter = ITEM_SPLIT
    for m in splitter.finditer(segment):
        if CONTINUED.match(segment, m.end()):
            continue  # "... arriving from China, and on the laboratories ...": one item
        piece = segment[last : m.start()]
        joined = m.group().strip() in ("and", "y") or (
            m.group().split() == ["and", "to"] and NOUN_ITEM.match(piece)
        )
        if joined and PURPOSE.search(piece):
            continue
        yield start + last, start + m.start()
        last = m.end()
    yield start + last, end


# A piece that opens with a preposition goes on with the item before it.
CONTINUED = re.compile(r"(?:on|of|in|for|with|from|about|against|sobre|con|contra)\s")
# An agreed thing, not an action ("a repeatable process to verify ... and to issue ..."):
# its purpose clause goes on after "and to".
NOUN_ITEM = re.compile(r"\s*(?:to\s+)?(?:a|an|the|un|una)\s")


def _is_spanish(segment: str) -> bool:
    return bool(re.search(r"\b(?:el|la|los|las|del|y)\b", segment))


def _items(doc: Document, start: int, end: int, link: str | None = None):
    """(start, end) of each agreed action between `start` and `end`, purpose included
    ("set up working groups to implement the Framework")."""
    for piece_start, piece_end in _pieces(doc.low, start, end, link):
        piece = doc.low[piece_start:piece_end]
        item = _AGAIN.sub("", re.sub(r"^(?:to|a)\s+", "", piece))
        if NEW_CLAUSE.match(item) and not _AGAIN.match(piece):
            return
        yield piece_end - len(item), piece_end


def _text(doc: Document, start: int, end: int, prefix: str = "") -> str | None:
    text = doc.text[start:end].strip(" ,")
    if len(text.split()) < 2:
        return None
    if fold(text).startswith(("que ", "that ")):
        text = text.split(" ", 1)[1]
    if doc.language == "es":
        text = translate_es(text)
    return f"{prefix} {text}" if prefix else text


def _agreed(doc: Document, m: re.Match) -> bool:
    """Is this "agreed" the sides' ("agreed to", "acordaron crear"), not the leaders' or a
    past agreement ("the roadmap agreed in April 2015")?"""
    s, _e = doc.sentence_of(m.start())
    if LEADERS_BEFORE.search(doc.low, max(s, m.start() - 60), m.start()):
        return False
    if m.group("will"):
        # "the channel through which the two governments will coordinate": not an agreement
        return not re.search(r"\b(?:which|whom)\s*$", doc.low[max(s, m.start() - 20) : m.start()])
    if m.group("link"):
        return True
    # "acordaron crear", "acordaron no escatimar esfuerzos"
    return bool(re.match(r"(?:no\s+)?\w+(?:ar|er|ir)\b", doc.low[m.end() :]))


def _listed(doc: Document):
    """(start, end) of each bulleted line under a line that ends "acordaron:" or
    "Outcomes ... include:"."""
    for s, e in doc.sentences:
        m = LIST_INTRO.search(doc.low, s, e)
        if not m or m.end() != e:
            continue
        if LEADERS_BEFORE.search(doc.low, max(s, m.start() - 60), m.start()):
            continue
        for bs, be in _lines_after(doc, e):
            bullet = BULLET.match(doc.low[bs:be])
            if not bullet:
                break
            start = bs + bullet.end()
            if heading := ITEM_HEADING.match(doc.text, start, be):
                start = heading.end()
            end = be
            while end > start and doc.text[end - 1] in ".;:, \n":
                end -= 1
            end -= len(re.search(r"(?:\s+(?:and|y))?$", doc.low[start:end]).group())
            yield start, end


def _lines_after(doc: Document, pos: int):
    """(start, end) of each non-blank line after the line at `pos` (a list may leave blank
    lines between its items; the caller stops at the first line that is no item)."""
    start = doc.text.find("\n", pos) + 1
    while 0 < start < len(doc.text):
        end = doc.text.find("\n", start)
        end = len(doc.text) if end < 0 else end
        if doc.text[start:end].strip():
            yield start, end
        start = end + 1


def extract_agreements(doc: Document) -> list[Match]:
    """What the sides agreed, one item per agreed action, each once."""
    out: list[Match] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, prefix: str = "") -> None:
        text = _text(doc, start, end, prefix)
        if text and not any(start < te and ts < end for ts, te in taken):
            taken.append((start, end))
            out.append(Match(text, (start, end)))

    # A listed item first: "- Network protection. Experts of the two countries will meet ..."
    # is the bullet's whole text.
    for start, end in _listed(doc):
        for item_start, item_end in _items(doc, start, end):
            add(item_start, item_end)
    for m in AGREE_RE.finditer(doc.low):
        # A title's "agree on new steps" sums up the agreements the body lists.
        if not doc.in_heading(m.start()) and _agreed(doc, m):
            _s, e = doc.sentence_of(m.start())
            link = (m.group("link") or "").strip()
            for start, end in _items(doc, m.end(), _body_end(doc, m.end(), e), link):
                add(start, end)
    for m in OUTCOME_RE.finditer(doc.low):
        s, e = doc.sentence_of(m.start())
        before = doc.low[s : m.start()]
        participle = (
            m.group("verb") in ("signed", "adopted", "approved")
            and PARTICIPLE_AFTER.match(doc.low, m.end())
            and (not SUBJECT_BEFORE.search(before) or RELATIVE_BEFORE.search(before))
        )
        if participle or EARLIER_ACT_BEFORE.search(before):
            continue
        verb = OUTCOME_VERB.get(m.group("verb"), "adopt")
        end = next(iter(_items(doc, m.end(), _body_end(doc, m.end(), e))), (m.end(), m.end()))[1]
        add(m.end(), end, verb)
    out += _next_meetings(doc, taken)
    out.sort(key=lambda match: match.span)
    return out


def _next_meetings(doc: Document, taken: list[tuple[int, int]]) -> list[Match]:
    """ "hold the next meeting in ...", from a sentence that says where it will be."""
    out = []
    for m in NEXT_MEETING.finditer(doc.low):
        if doc.in_heading(m.start()) or any(m.start() < te and ts < m.end() for ts, te in taken):
            continue
        _s, e = doc.sentence_of(m.start())
        end = _body_end(doc, m.end(), e)
        noun, rest = doc.text[m.start("noun") : m.end("noun")], doc.text[m.end() : end]
        if doc.language == "es":
            text = translate_es(f"celebrar la próxima {noun} {rest}".strip(" ,"))
        else:
            text = f"hold the next {noun} {rest}".strip(" ,")
        out.append(Match(text, (m.start(), end)))
    return out
