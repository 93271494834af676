"""Statements: a side as subject before a reporting verb, and what it said."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import AFTERWORD
from .gazetteer import CAPITALS
from .glossary import translate_es
from .result import Match
from .tables import WEEKDAYS
from .terms import fold
from .vocabulary import title_key

if TYPE_CHECKING:
    from .document import Document
    from .vocabulary import Vocabulary

KINDS = [
    (
        "expressed concern",
        r"expressed (?:its |their |deep |serious )?concern|voiced concern|"
        r"(?:expreso|manifesto|expresaron|manifestaron)"
        r"(?:,? (?:asimismo|tambien|ademas|por su parte|a su vez),?)? "
        r"(?:su )?(?:profunda |seria )?preocupacion",
    ),
    (
        "urged",
        # ("called on President ..." is a courtesy visit)
        r"urged|called (?:on|upon)(?! (?:the )?(?:president|prime minister)\b)|encouraged|"
        r"exhorto|insto|demando|reclamo|alento|"
        r"abogo por|exhortaron|instaron|demandaron|reclamaron|alentaron|abogaron por",
    ),
    (
        "pointed out",
        r"pointed out|noted|observed|warned|cautioned|senalo|indico|hizo notar|advirtio|alerto|"
        r"puntualizo|puntualizaron|"
        r"dio cuenta de|senalaron|indicaron|hicieron notar|advirtieron|alertaron|dieron cuenta de",
    ),
    (
        "reiterated",
        # ("ratificó el Protocolo ..." ratified a treaty: no reiteration)
        r"reiterated|reaffirmed|reitero|reafirmo|reiteraron|reafirmaron|"
        r"(?:ratifico|ratificaron)(?! (?:el|la|los|las) (?:protocolo|convencion|convenio|tratado|"
        r"enmienda)s?\b)",
    ),
    ("reminded", r"reminded|recalled|recordo|recordaron"),
    ("proposed", r"proposed|suggested|propuso|sugirio|propusieron|sugirieron"),
    (
        "highlighted",
        r"highlighted|stressed|underlined|emphasi[sz]ed|underscored|cited|insisted|destaco|"
        r"subrayo|insistio en|insistieron en|"
        r"resalto|enfatizo|cito|destacaron|subrayaron|resaltaron|enfatizaron|citaron",
    ),
    (
        "stated",
        r"stated|said|affirmed|declared|asserted|denounced|put on record|wrote|explained|"
        r"told (?:reporters|journalists|the press)|afirmo|declaro|expreso|"
        r"manifesto|denuncio|dejo constancia de|hizo constar|afirmaron|declararon|expresaron|"
        r"manifestaron|denunciaron|dejaron constancia de|hicieron constar|aseguro|aseguraron|"
        # ("sostuvo una ronda" held a meeting: only "sostuvo que" says something)
        r"escribio|expuso|expusieron|explico|explicaron|dijo|dijeron|sostuvo(?= que)|"
        r"sostuvieron(?= que)|agrego|anadio|reconocio(?= que)|acknowledged|added",
    ),
]
KIND_RE = re.compile("|".join(rf"(?P<k{i}>\b(?:{p})\b)" for i, (_l, p) in enumerate(KINDS)))
# What may stand between a speaker and the verb: "Avramopoulos, por su parte, instó ...".
_ASIDES = (
    r"also|further|once again|again|in turn|for (?:his|her|its) part|ademas|tambien|asimismo|"
    r"por su parte"
)
ASIDE_END = re.compile(rf"(?:,?\s*(?:{_ASIDES}),?\s*)+$", re.IGNORECASE)
SUBJECT_GAP = re.compile(
    r"^\.?(?:'s)?\s*(?:delegation|side|government|party|representatives|authorities|officials|"
    r"official|spokesperson|spokesman|spokeswoman|delegates|team|delegacion|parte|"
    r"representacion|gobierno|autoridades|representantes|portavoz|vocero|funcionario)?\s*"
    rf"(?:{_ASIDES}|,|\s)*$"
)
# "He noted ...", "Expresó asimismo ..." (Spanish leaves the subject out): the last speaker.
# ("The official noted ...": the one named before.)
PRONOUN = re.compile(
    r"^\s*(?:(?:asimismo|ademas|also|likewise),?\s+)?"
    r"(?:(?:he|she|it|they|el|ella|ellos|the official|the spokesperson|the spokesman|"
    r"el funcionario|la funcionaria|el portavoz|la portavoz)\s+)?"
    r"(?:also\s+|ademas\s+)?$"
)
# "..., and it urged Washington to ...": a new clause whose subject is the last speaker.
AND_PRONOUN = re.compile(r",\s*(?:and|y)\s+(?:it|he|she|they)\s+(?:also\s+)?$")
# "Espinosa, who said ...": the subject before the relative pronoun.
# ("A State Department official, who briefed reporters on condition of anonymity, said ...")
WHO_BEFORE = re.compile(r",\s*(?:who|quien|que)\s+(?:[^,]{0,80},\s*)?(?:also\s+|tambien\s+)?$")
# Who made up a delegation, reported ("said the U.S. delegation was led by ..."): no
# statement of a position.
COMPOSITION = re.compile(
    r"(?:the\s+|la\s+)?(?:[\w.]+\s+){0,2}?(?:delegation|delegacion)\s+(?:\w+\s+)?"
    r"(?:was|were|is|will be|fue|estuvo|esta|estara)\s+(?:led|headed|composed|made up|chaired|"
    r"encabezada|presidida|integrada|compuesta|conformada)\b"
)
# What was said that both sides agreed or discussed ("said the two delegations agreed on
# ...", "añadió que las delegaciones abordaron ..."): no one side's statement; not "urged
# both sides to ...", nor "the two governments must ...".
# (matched at the statement's start)
BOTH_DID = re.compile(
    r"(?:(?:the two|both|the) (?:delegations|sides|countries|governments|parties)|"
    r"(?:ambas|las dos|las) (?:delegaciones|partes)|(?:ambos|los dos) (?:paises|gobiernos))\s+"
    r"(?:also\s+|tambien\s+)?(?:agreed|decided|committed|discussed|addressed|reviewed|"
    r"acordaron|convinieron|coincidieron|decidieron|se comprometieron|abordaron|trataron|"
    r"analizaron|examinaron|repasaron)\b"
)
# How the meeting itself went ("said the meeting took place in a respectful atmosphere",
# "señaló que la reunión transcurrió en un clima de respeto"): a report of the round, no
# side's statement; not "the dialogue was conducted without preconditions". (matched at the
# statement's start)
MEETING_ITSELF = re.compile(
    r"(?:the|this|la|el|las|los|esta|este)\s+(?:\w+\s+)?(?:meeting|talks|dialogue|exchange|"
    r"session|round|reunion|encuentro|intercambio|conversaciones|dialogo|ronda|sesion)\s+"
    r"(?:was held|were held|took place|went|was conducted|were conducted|transcurrio|"
    r"transcurrieron|se desarrollo|se desarrollaron|se celebro|se efectuo|tuvo lugar)\s+"
    r"(?:in|en)\s+(?:a|an|un)\s+(?:[\w-]+\s+){0,4}?(?:atmosphere|climate|clima|ambiente)\b"
)
# A request reiterated ("reiteró su solicitud de que ...", "reiterated its request that ..."):
# the request requests.py read there, not also a statement of position. (matched at the
# statement's start, after "its"/"su")
REQUEST_REITERATED = re.compile(r"(?:(?:the|la|el)\s+)?(?:request|peticion|solicitud|pedido)\b")
# Where a statement's text ends: a relative clause, who reported it (", según fuentes de la
# cancillería"), the next sentence (not the dot of "U.S.", of an initial, "Joseph R. Biden",
# or of "Jr."), or a new clause with its own verb (", and welcomed ...", "y valoró ...",
# "y dio cuenta de ...").
_NOT_A_FULL_STOP = r"(?<!\b[a-z]\.[a-z])(?<!\s[a-z])(?<!\bjr)(?<!\bsr)(?<!\bdr)(?<!\bmr)(?<!\bms)"
TEXT_END = re.compile(
    r",\s*(?:which|who|que|quien|el cual|la cual|particularly|especially|sobre todo|"
    r"en particular|since|ya que|according to|segun|durante|during|whereas|mientras que)\b|;|"
    # the occasion or who reported it, after the statement: ", informó hoy la Cancillería",
    # ", said the ministry"; or who asked something next
    rf"{AFTERWORD}|,\s*(?:asked|requested|pidio|solicito)\b|"
    rf"{_NOT_A_FULL_STOP}\.(?:\s|$)|\s+that\s+became\b|"
    r"\s+and\s+(?:(?:it|he|she|they)\s+)?(?:also\s+)?(?:reiterated|urged|stated|noted|asked|"
    r"requested|stressed|"
    r"highlighted|underlined|emphasi[sz]ed|expressed|pointed out|recalled|reminded|warned|"
    r"called (?:on|for)|proposed|welcomed|reaffirmed|cited|mentioned)\b"
    r"|\s+(?:y|e)\s+(?:ademas\s+|asimismo\s+)?(?:reitero|exhorto|insto|senalo|afirmo|denuncio|"
    r"subrayo|destaco|valoro|reclamo|expreso|agradecio|dio cuenta de|solicito|pidio|reafirmo|"
    r"cito|menciono|recordo)\b"
    # ", y Mayorkas puntualizó que ...": a new speaker
    r"|,\s*(?:y|e|and)\s+[A-Za-z]\w+\s+(?:puntualizo|senalo|agrego|anadio|afirmo|dijo|sostuvo|"
    r"subrayo|destaco|insistio|indico|noted|said|added|stressed)\b"
)
THAT = re.compile(r"\b(?:that|(?:de\s+)?que)(?:\s*,)?\s+")
# How far into what follows a reporting verb its "that" may come.
THAT_WITHIN = 40
_CONCERN_LEAD = re.compile(r"^(?:at|about|over|regarding|por|ante|sobre)\s+")


_THAT_KINDS = ("pointed out", "stated", "reminded", "highlighted", "expressed concern")


def _after_that(kind: str, low: str) -> int:
    """Where what was said begins after its "that"/"que" (0 if none opens it); not after
    where it ends ("said the blockade hurts, asked that ...")."""
    # (from the second character: "stressed, during the talks, that ..." opens with an aside)
    stop = TEXT_END.search(low, 1, 160)
    thats = [t for t in THAT.finditer(low[:160]) if not stop or t.start() < stop.end()]
    if kind == "reiterated":
        # "reiterated that X" is X; "reiterated the commitment that ..." keeps its object.
        thats = [t for t in thats if t.start() <= 1]
    elif kind == "expressed concern" and _CONCERN_LEAD.match(low):
        thats = []  # "preocupación por el trato que reciben ...": a relative "que"
    elif kind != "pointed out":
        # "said that ...", "stressed in his remarks that ...": a "that" further on belongs
        # to the statement itself ("said X is what will show that the dialogue works").
        thats = [t for t in thats if t.start() <= THAT_WITHIN]
    if not thats:
        return 0
    # "pointed out, in a statement issued by ..., that ...": the last "that", unless one
    # opens the complement ("señaló que el número de ciudadanos que transitan ...").
    # ("advirtió de que ..." opens it too, and "indicó por su parte que ...").
    opening = (
        kind != "pointed out"
        or thats[0].start() <= 1
        or bool(ASIDE_END.fullmatch(low[: thats[0].start()].strip()))
    )
    return thats[0].end() if opening else thats[-1].end()


_WEEKDAYS = "(?:" + "|".join(WEEKDAYS) + ")"
# When it was said, before what was said: "reafirmaron ayer su alianza", "stressed on Tuesday".
WHEN_SAID = re.compile(
    rf"^(?:ayer|hoy|este {_WEEKDAYS}|el pasado {_WEEKDAYS}|el {_WEEKDAYS}|yesterday|today|"
    rf"on {_WEEKDAYS}|this week|esta semana)\s*,?\s+"
)


def _statement_text(kind: str, complement: str) -> tuple[int, int]:
    """Return the (start, end) of the statement inside the complement."""
    when = WHEN_SAID.match(complement)
    offset = when.end() if when else 0
    start, end = _statement_span(kind, complement[offset:])
    return offset + start, offset + end


def _statement_span(kind: str, low: str) -> tuple[int, int]:
    start = 0
    if kind == "urged":
        m = re.match(r"^(?:the|al?|a la|los)\s+.{0,60}?\s+(?:to|a)\s+(?=\w)", low)
        # "exhortó al Gobierno estadounidense a eliminarlas": too short without its addressee
        if m and len(low[m.end() :].split()) >= 3:
            start = m.end()
    elif kind in _THAT_KINDS:
        start = _after_that(kind, low)
        there = re.search(
            r"\bthere (?:is|are|was|were|has been|have been)\s+|\bno (?:hay|existe)\s+", low[start:]
        )
        if there:
            start += there.end() if there.group().startswith("there") else there.start()
    if kind == "reiterated":
        m = re.match(r"^(?:its|their|su|sus)\s+", low)
        start = m.end() if m else _after_that(kind, low)
    if kind == "expressed concern":
        m = _CONCERN_LEAD.match(low[start:])
        if m:
            start += m.end()
    end = len(low)
    stop = TEXT_END.search(low[start:])
    if stop:
        end = start + stop.start()
    return start, end


def _subject_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    """The side of the subject right before a reporting verb: a country ("the Cuban
    delegation"), a capital ("Havana"), a body ("A State Department spokesperson"), a person
    named as a head ("Ebrard"), an office ("The Commissioner")."""
    window = max(start, verb - 60)
    countries = [c for c in doc.countries if window <= c[0] and c[1] <= verb]
    if countries and SUBJECT_GAP.match(doc.low[countries[-1][1] : verb]):
        if _joint(doc, countries):
            return None
        return countries[-1][2]
    for finder in (_capital_side, _body_side, _head_side, _office_side, _head_title_side):
        side = finder(doc, vocab, heads, window, verb)
        if side:
            return side
    return None


JOINED = re.compile(r"^\s*(?:and|y|e)\s+(?:the\s+|la\s+|el\s+)?$")


def _joint(doc: Document, countries: list[tuple[int, int, str]]) -> bool:
    """ "La India y Estados Unidos reclamaron ...": both sides speak, which is no one side's
    statement."""
    if len(countries) < 2:
        return False
    (_s, before_end, before), (start, _e, last) = countries[-2], countries[-1]
    return before != last and bool(JOINED.match(doc.low[before_end:start]))


def _capital_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    for _s, e, payloads in vocab.city_index.find(doc.low[start:verb], doc.cased[start:verb]):
        canonical = payloads[0][0]
        code = next((c for c, city in CAPITALS.items() if city == canonical), None)
        if code and SUBJECT_GAP.match(doc.low[start + e : verb]):
            return code
    return None


def _body_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    for _s, e, payloads in vocab.ministry_index.find(doc.low[start:verb], doc.cased[start:verb]):
        if SUBJECT_GAP.match(doc.low[start + e : verb]):
            usable = [m for m in payloads if not doc.parties or m.country in doc.parties]
            if len({m.country for m in usable}) == 1:
                return usable[0].country
    return None


def _head_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    aside = ASIDE_END.search(doc.cased, start, verb)
    words = doc.text[start : aside.start() if aside else verb].split()
    if not words:
        return None
    last = words[-1].strip(",")
    for head in heads:
        names = head.value["name"].split()
        # "Ebrard urged"; "Guo instó" for a name written family name first ("Guo Shengkun").
        if last in names or last == head.value["name"]:
            return head.value.get("side")
    return None


# "El consejero de Estado subrayó ...": a head named again by his title.
TITLE_SUBJECT = re.compile(r"\b(?:the|el|la)\s+((?:[\w-]+\s+){1,4}?[\w-]+)\s*$")


def _head_title_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    """The side of the one head whose title opens with the subject's words."""
    subject = TITLE_SUBJECT.search(doc.low, start, verb)
    if not subject or len(subject.group(1).split()) < 2:
        return None
    words = subject.group(1)
    sides = {
        head.value.get("side")
        for head in heads
        if fold(head.value.get("title") or "").startswith(words)
    }
    return sides.pop() if len(sides) == 1 else None


def _office_side(doc: Document, vocab: Vocabulary, heads, start: int, verb: int):
    key = title_key(doc.text[start:verb])
    for _s, _e, offices in vocab.office_index.find(key, key):
        usable = [o for o in offices if not doc.parties or o.country in doc.parties]
        if len({o.country for o in usable}) == 1:
            return usable[0].country
    return None


# "... reiteró que ..., y denunció ...": a second reporting verb of the same subject.
SHARED_SUBJECT = re.compile(
    r"^[\s,]*(?:and|y|e)\s+(?:(?:it|he|she|they)\s+)?"
    r"(?:also\s+|ademas\s+|tambien\s+|asimismo\s+)?$"
)


def _shared_subject(doc: Document, last: tuple[str, int] | None, start: int, verb: int):
    """The side of the statement that ends right before ", and urged ...", in this sentence."""
    if last is None or last[1] < start:
        return None
    side, end = last
    return side if SHARED_SUBJECT.match(doc.low[end:verb]) else None


# How far into what was said another side's reporting verb may come to be its own.
NESTED_WITHIN = 60


def _reports_another(doc: Document, vocab: Vocabulary, heads, ts: int, te: int) -> bool:
    """ "An official said the U.S. delegation reaffirmed ...": what was said is another
    statement, with its own subject and verb, read when the loop reaches that verb."""
    inner = KIND_RE.search(doc.low, ts, min(te, ts + NESTED_WITHIN))
    return bool(inner) and _subject_side(doc, vocab, heads, ts, inner.start()) is not None


def extract_statements(
    doc: Document, vocab: Vocabulary, parties, heads=(), requests=()
) -> list[Match]:
    """A side as subject right before a reporting verb: what it urged, said, reiterated...

    What is said, pointed out or stressed to hold a request ("said prosecutors were still
    waiting for Mexico to extradite ...", "indicó que Washington planteó los casos de ...",
    "stressed the need for responses to its requests") is that request, not also a
    statement; what is urged or reiterated is both."""
    out: list[Match] = []
    asked = [r.span for r in requests if r.span]
    # (side, end) of the last statement read, kept even when its text is too short to keep:
    # "denunció el bloqueo e instó al gobierno a ..." gives the second its subject.
    last: tuple[str, int] | None = None
    for m in KIND_RE.finditer(doc.low):
        kind = next(KINDS[int(k[1:])][0] for k, v in m.groupdict().items() if v)
        s, e = doc.sentence_of(m.start())
        side = _shared_subject(doc, last, s, m.start())
        who = WHO_BEFORE.search(doc.low, s, m.start())
        subject_end = who.start() if who else m.start()
        side = side or _subject_side(doc, vocab, heads, s, subject_end)
        before = doc.low[s : m.start()]
        if side is None and last and (PRONOUN.match(before) or AND_PRONOUN.search(before)):
            side = last[0]  # "He noted that ...": the last speaker
        if side is None or parties and side not in parties:
            continue
        comp_start = m.end()
        complement = doc.low[comp_start:e]
        a, b = _statement_text(kind, complement.lstrip())
        lead = len(complement) - len(complement.lstrip())
        ts, te = comp_start + lead + a, comp_start + lead + b
        last = side, te
        text = doc.text[ts:te].strip(" ,.")
        if (
            len(text.split()) < 3
            or kind in ("stated", "highlighted", "pointed out")
            and any(ts <= rs and re_ <= te for rs, re_ in asked)
        ):
            continue
        if (
            _reports_another(doc, vocab, heads, ts, te)
            or BOTH_DID.match(doc.low, ts)
            or COMPOSITION.match(doc.low, ts)
            or MEETING_ITSELF.match(doc.low, ts)
            or kind == "reiterated"
            and REQUEST_REITERATED.match(doc.low, ts)
            and any(rs < te and ts < re_ for rs, re_ in asked)
        ):
            continue
        if doc.language == "es":
            text = translate_es(text)
        out.append(Match({"side": side, "kind": kind, "text": text}, (ts, te)))
    return out
