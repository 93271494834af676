"""Cooperation requests the text reports: what was asked, by which side, and its status."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .glossary import translate_es
from .result import Extraction, Match
from .sides import countries_in, other_party
from .terms import fold

if TYPE_CHECKING:
    from .document import Document

REQUEST_WORD = re.compile(
    r"\b(?:(?:requests?|pedidos?|solicitudes|solicitud|requerimientos?|peticiones|peticion)\b|"
    r"proposals? (?=for cooperation|of cooperation)|propuestas? (?=de cooperacion))"
)
# "timely responses to requests for assistance": how requests are handled, not a request.
PROCESS_BEFORE = re.compile(
    r"(?:responses?|answers?|respond\w*|replies|reply|handling|guidelines|procedures?|"
    r"respuestas?|tramitacion|directrices|pautas|lineamientos|procedimientos?)\s+"
    r"(?:to|for|a|de|para)\s+(?:the\s+|los\s+|las\s+)?"
    r"(?:(?!its\b|their\b|our\b|sus\b|su\b)\w+\s+){0,2}$"
)
REQUEST_SUBJECT = re.compile(
    r"cooperation|cooperacion|extradition|extradicion|assistance|asistencia|"
    r"information|informacion|datos|pending|pendiente|outstanding|aguard|"
    r"return|retorno|regreso|devolucion|repatria\w*|deporta\w*|removal"
)
NP_STOP = re.compile(
    r"^(?:the|its|their|his|her|our|a|an|los|las|la|el|sus|su|of|on|about|sobre|to|for|with|"
    r"que|de|del|y|and)$"
)
# A verb ending the noun phrase ("raised", "planteó"); a capitalised word ("United") is none.
VERB_END = re.compile(r"(?:ed|ó|aron|ieron)$")
NP_KEEP = {"outstanding", "information", "informacion", "datos", "pending", "and", "y"}
DESCRIPTION_END = re.compile(
    r",|;|\.(?:\s|$)|\s+in order to|\s+so as to|\s+con el fin|\s+a fin de|\s+with a view|"
    r"\s+para\s|\s+which\b|\s+to make\b"
)
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
# "awaiting a response from the U.S. side", "pending from the United States side": the
# other side raised them.
AWAITING_ANSWER = re.compile(
    r"(?:awaiting|aguard\w*|esperan)\s+(?:a\s+)?(?:response|answer|reply|respuesta)|"
    r"pending (?:from|with|on the part of)|pendientes? (?:de respuesta )?(?:de|por parte de)\s"
)
RAISED_BY = re.compile(
    r"(?:made|submitted|presented|raised|filed|formulad\w*|presentad\w*|hech\w*)\s+(?:by|por)"
)


# A request told by its verb: "solicitó el retorno de ...", "requested the extradition of
# ...", "planteó los casos de prófugos ...": what one side asks the other to hand over or act on.
# An adverb between the verb and what is asked: "solicitó nuevamente la devolución de ...".
AGAIN = (
    r"(?:(?:again|once again|once more|also|formally|nuevamente|de nuevo|una vez mas|"
    r"otra vez|tambien|formalmente)\s+)?"
)
# Spanish verbs of asking, and asking again: "volvió a pedir a Washington que ...".
ASK_ES = r"pidi(?:o|eron)|solicit(?:o|aron)|volvi(?:o|eron) a (?:pedir|solicitar)"
ASKED_FOR = re.compile(
    r"\b(?:requested|asked for|sought|called for|" + ASK_ES + r"|"
    r"reclam(?:o|aron))\s+" + AGAIN + r"(?:the\s+|el\s+|la\s+|los\s+|las\s+)?"
    r"(?=(?:return|extradition|handover|repatriation|deportation|retorno|regreso|"
    r"extradicion|entrega|devolucion|repatriacion|deportacion)\b)"
    r"|\b(?:raised|brought up|addressed|plante(?:o|aron)|abord(?:o|aron))\s+(?:the\s+|los\s+)?"
    r"(?=(?:cases?|casos?)\s+(?:of|de)\b)"
    # "solicitó el apoyo de las autoridades cubanas para localizar ...", "sought the
    # assistance of ... to trace ...": help asked of the other side for a named task
    r"|\b(?:requested|asked for|sought|" + ASK_ES + r")\s+"
    r"(?:the\s+|el\s+|la\s+)?(?=(?:support|assistance|help|apoyo|asistencia|ayuda|"
    r"acompanamiento|colaboracion)\s+(?:of|from|de)\s+(?:[^,;.]+?)\s+(?:to|in|para)\s)"
    # "sought continued US support for the listing of ...", "solicitó mayor apoyo para ..."
    r"|\b(?:requested|asked for|sought|" + ASK_ES + r")\s+"
    r"(?:continued\s+|further\s+|greater\s+|more\s+|mayor\s+|mas\s+)?(?:u\.s\.\s+|us\s+)?"
    r"(?=(?:support|assistance|help|apoyo|asistencia|ayuda)\s+(?:for|in|para|en)\s)"
    # "asked Cuba to accept the return of ...", "pidió a Cuba que acepte el regreso de ..."
    # (urging it is a statement: "urged Cuba to accept ...")
    r"|\b(?:asked|requested|" + ASK_ES + r")\s+(?:\w+\s+){0,3}?"
    r"(?:to|que|a que)\s+(?:accept|allow|take back|receive|acepte|acepten|permita|reciba)\s+"
    r"(?:the\s+|el\s+|la\s+)?(?=(?:return|repatriation|retorno|regreso|devolucion)\b)"
    # any other task asked of the other side: "asked China to act on ...", "pidió a Beijing
    # acelerar la identificación ...", "solicitó a la parte cubana que ..."
    # ("asked for the case to move forward" asks for nothing of the other side, nor "asked by
    # reporters whether to ..."; the side asked may take a few words: "the U.S. side")
    r"|\b(?:asked|requested|pressed(?!\s+(?:ahead|on)\b)|" + ASK_ES + r")\s+"
    r"(?!for\s|by\s)"
    r"(?:(?:a|al)\s+)?(?P<to>(?:[\w.]+\s+){0,4}?)(?:to|that|que|a que)\s+"
    # "renewed its request that Washington hand over ...", "reiteró la petición del Gobierno
    # de México de que las autoridades estadounidenses redoblen ...": the request's content
    r"|\b(?:request|peticion|solicitud|pedido)\s+(?P<of>(?:of|from|del?)\s+(?:\w+\s+){1,4}?)?"
    r"(?:that|de que)\s+"
    r"|\b(?:" + ASK_ES + r")\s+(?:a|al)\s+(?P<a>(?:\w+\s+){0,3}?)(?=\w+(?:ar|er|ir)\b)"
    # "demanded that Washington end ...", "reclamó una vez más que Washington ponga fin a
    # ...": a demand is a request only of the other side named first ("reclamaron que los
    # autores de los atentados ..." asks nothing of it)
    r"|\b(?P<demand>demanded|reclam(?:o|aron)|exigi(?:o|eron)|demand(?:o|aron))\s+"
    + AGAIN
    + r"(?:that|que)\s+"
)
# A hand-over one side still waits for: "still waiting for Mexico to extradite ...", "a la
# espera de que México extradite a ...". The description names the act ("extradition of ...").
WAITING_FOR = re.compile(
    r"\b(?:waiting|waits|waited|wait)\s+for\s+(?P<who>(?:\w+\s+){1,3}?)to\s+"
    r"(?P<act>extradite|hand over|return|deport|repatriate)\s+"
    r"|\b(?:a la espera de|espera|esperan|esperaba|esperaban)\s+que\s+(?P<quien>(?:\w+\s+){1,3}?)"
    r"(?P<acto>extradite|extraditen|entregue|entreguen|devuelva|devuelvan)\s+(?:a\s+)?"
)
ACT_NOUNS = {
    "extradite": "extradition of",
    "hand over": "handover of",
    "return": "return of",
    "deport": "deportation of",
    "repatriate": "repatriation of",
}
ACTOS = {
    "extradite": "extradición de",
    "extraditen": "extradición de",
    "entregue": "entrega de",
    "entreguen": "entrega de",
    "devuelva": "devolución de",
    "devuelvan": "devolución de",
}
# Where a request told by its verb ends: the next clause with its own verb ("y solicitó").
# (on the text as written: "y solicitó" is a verb, "y terrorismo" is not; "U.S." ends none)
ASKED_END = re.compile(
    r"\s+(?:and|y)\s+(?:also\s+|también\s+)?\w+(?:ed|ó|aron|ieron)\b|,|;|(?<!\.[A-Z])\.(?:\s|$)",
    re.IGNORECASE,
)


def _request_word(sentence: str) -> re.Match | None:
    """The first "requests"/"pedidos" that is not a possessive's object ("Cuba's requests")
    nor a mention of how requests are handled ("responses to requests for assistance")."""
    for m in REQUEST_WORD.finditer(sentence):
        before = sentence[: m.start()]
        if before.endswith(("'s ", "whose ", "cuyas ", "cuyos ", "cuya ", "cuyo ")):
            continue  # another's requests, or a relative clause's: no request of a side
        if not PROCESS_BEFORE.search(before[-60:]):
            return m
    return None


def _description_start(doc: Document, s: int, sentence: str, word: re.Match) -> int:
    """Walk back over the noun phrase before "requests" ("information and requests")."""
    start = word.start()
    previous = list(re.finditer(r"\S+", sentence[: word.start()]))[-4:]
    for token in reversed(previous):
        w = token.group().strip(",;")
        if doc.text[s + token.end() - 1] in "óÓ" and len(w) > 3:
            break  # Spanish preterite: "planteó solicitudes"
        verb = doc.text[s + token.start()].islower() and VERB_END.search(w)
        if w != token.group() or (w not in NP_KEEP and (NP_STOP.search(w) or verb)):
            break
        start = token.start()
    if sentence[start:].startswith(("and ", "y ")):
        start += sentence[start:].index(" ") + 1
    return start


def _status(sentence: str) -> str:
    for label, pattern in STATUS_WORDS:
        if re.search(rf"\b(?:{pattern})", sentence):
            return label
    return "raised"


def _raised_by(doc: Document, parties, s: int, ds: int, de: int) -> str | None:
    desc_low = doc.low[ds:de]
    # Mentions inside the description, or straddling its start ("[the United] States' request").
    mentions = [c for c in doc.countries if ds < c[1] and c[0] < de]
    found = None
    if AWAITING_ANSWER.search(desc_low):
        found = other_party(parties, mentions[-1][2]) if mentions else None
    elif RAISED_BY.search(desc_low) and mentions:
        found = mentions[-1][2]
    if found:
        return found
    subject = countries_in(doc, s, ds)
    if subject:
        return subject[0][2]
    return mentions[-1][2] if mentions else None


# What is asked may point back to what the clause before it held: "manifestó su
# preocupación por la situación de ..., y pidió ... una solución definitiva a ese problema";
# "entregó informaciones sobre personas ..., y pidió que ... actúen en consecuencia".
ANAPHOR = re.compile(
    r"\b(?:that|this|ese|este|esa|esta)\s+(?:problem|situation|issue|matter|problema|situacion|"
    r"asunto|cuestion)\b"
    r"|\s*\b(?:en consecuencia|accordingly)\b"
)
# The verb of that clause (a Spanish preterite, an English past), its object after it; and
# the "and" that joins the request to it.
CLAUSE_VERB = re.compile(r"\b[^\W\d_]{3,}(?:ó|aron|ieron)\b|\b[a-z]{3,}ed(?:\s+over)?\b")
JOINED_BY = re.compile(r"[\s,]*\b(?:and|y)\s+(?:also\s+|tambi[eé]n\s+)?$")
# What follows a participle or an aside's verb, no object: "headed by", "wanted in Florida",
# "llegó ayer a Washington".
NOT_AN_OBJECT = re.compile(
    r"(?:by|por|in|en|at|to|from|desde|with|con|ayer|hoy|yesterday|today|on)\b"
)
# Before the object, whom it was handed to and the concern about it are not what is asked:
# "entregó a sus interlocutores informaciones ...", "manifestó su preocupación por ...".
ANTECEDENT_LEAD = re.compile(
    r"\s*(?:to|a)\s+(?:its|their|the|sus|su|los|las)\s+(?:counterparts|interlocutors|"
    r"interlocutores|contrapartes)\s+"
    r"|\s*(?:its|their|su|sus)\s+(?:deep\s+|profunda\s+)?(?:concern|preocupacion)\s+"
    r"(?:about|over|at|por|sobre|ante)\s+"
)


# An object pronoun that ends what is asked: the request it points to is the one before.
POINTS_BACK = re.compile(r"\b(?:ellas|ellos|ello|them|it|these|those)\s*$")


def _with_antecedent(doc: Document, s: int, verb_start: int, ds: int, de: int) -> str:
    """The text asked for, its pointer back ("ese problema", "en consecuencia") replaced by
    the object of the clause before it in the sentence, where there is one."""
    description = doc.text[ds:de].strip()
    anaphor = ANAPHOR.search(doc.low, ds, de)
    joined = JOINED_BY.search(doc.text, s, verb_start)
    if not anaphor or not joined:
        return description
    antecedent = None
    # The last verb of the clause whose object follows it: not "headed by ...", "wanted in
    # Florida", "llegó ayer a Washington" (a participle's or an aside's complement).
    for clause_verb in reversed(list(CLAUSE_VERB.finditer(doc.text, s, joined.start()))):
        lead = ANTECEDENT_LEAD.match(doc.low, clause_verb.end(), joined.start())
        start = lead.end() if lead else clause_verb.end()
        candidate = doc.text[start : joined.start()].strip(" ,")
        if not NOT_AN_OBJECT.match(fold(candidate)) and len(candidate.split()) >= 3:
            antecedent = candidate
            break
    if antecedent is None:
        return description
    on = "on " if anaphor.group().strip() in ("accordingly", "en consecuencia") else ""
    if doc.language == "es" and on:
        on = "sobre "
    before = doc.text[ds : anaphor.start()].rstrip()
    return f"{before} {on}{antecedent}{doc.text[anaphor.end() : de].rstrip()}".strip()


def _asked_for(
    doc: Document, result: Extraction, parties, s: int, e: int, after: int | None = None
) -> list[Match]:
    """The requests a sentence tells by their verb, one per verb (those after `after` only,
    where the sentence's start already named one)."""
    out = []
    for verb in ASKED_FOR.finditer(doc.low, after or s, e):
        ds, de = verb.end(), _asked_end(doc, verb.end(), e)
        asked = _asked_of(doc, parties, verb, de)
        if verb.group("demand") and not asked:
            continue
        description = _with_antecedent(doc, s, verb.start(), ds, de)
        if result.language == "es":
            description = translate_es(description)
        addressee = _addressee(doc, verb)
        if addressee:
            description = f"{addressee} to {description}"
        value = {
            "description": description,
            "raised_by": asked or _raised_by(doc, parties, s, ds, de),
            "status": "raised",
        }
        out.append(Match(value, (ds, de)))
    return out


# Who is asked, when it is a side: "asked Mexico to ...", "pidió a la parte estadounidense
# que ...", "asked the Cuban government to ...".
SIDE_PHRASE = re.compile(
    r"(?:the\s+|la\s+|el\s+|las\s+|los\s+)?(?:[\w.]+\s+)?"
    r"(?:side|government|authorities|delegation|parte|gobierno|autoridades|delegacion)"
    r"(?:\s+(?:of|de|del)\s+(?:la\s+|el\s+)?[\w.]+(?:\s+[\w.]+)?|\s+[\w.]+)?"
)


def _addressee(doc: Document, verb: re.Match) -> str | None:
    """The side a task is asked of, as the description's subject ("Mexico to expand ..."):
    a country ("Mexico", "the Government of Mexico") or a side ("la parte estadounidense"),
    not any phrase with a nationality ("Mexican cooperation", "su homólogo estadounidense")."""
    group = "to" if verb.group("to") else "a" if verb.group("a") else None
    if group is None:
        return None
    start, end = verb.span(group)
    low = doc.low[start:end].strip()
    named = [c for c in countries_in(doc, start, end) if doc.low[c[0] : c[1]].strip() == low]
    if not (named or SIDE_PHRASE.fullmatch(low)):
        return None
    addressee = doc.text[start:end].strip()
    if doc.language == "es":
        english = translate_es(addressee)
        return english if english != addressee or named else None
    return addressee


# "that Washington speed up ...", "de que las autoridades estadounidenses redoblen ...": the
# side asked to act opens what is asked of it.
ADDRESSEE = re.compile(r"(?:the\s+|las?\s+|los\s+|el\s+)?(?:\w+\s+)?$")


def _asked_of(doc: Document, parties, verb: re.Match, de: int) -> str | None:
    """The other party, when the verb names the side asked ("pidió a la parte
    estadounidense que ...") or the request opens with it ("that Washington speed up")."""
    if verb.group("of"):  # "la petición del Gobierno de México de que ...": who asks
        asking = countries_in(doc, verb.start("of"), verb.end("of"))
        return asking[0][2] if asking else None
    ds = verb.end()
    first = next((c for c in countries_in(doc, verb.start() + 1, de)), None)
    if first and (first[1] <= ds or ADDRESSEE.fullmatch(doc.low[ds : first[0]])):
        return other_party(parties, first[2])
    return None


# After a comma, a short piece that runs into another comma or "and" goes on listing: "the
# aircraft, equipment and training", "la localización, captura y repatriación"; and what is
# said of the person asked for goes on describing them: "Rana, acusado de ..., cuya entrega
# ...", "Posada, whom Cuba blames for ...", "fugitives ..., among them ...".
LIST_GOES_ON = re.compile(
    # (not who said it: "Posada, the ministry said, and ...")
    r"(?!\s*(?:[\w-]+\s+){0,2}(?:said|says|added|reported|dijo|informo|informó|agregó|añadió)\b)"
    r"\s*[^\W\d][\w-]*(?:\s+[\w-]+){0,2}?(?:,|\s+(?:and|y|e)\s)"
    r"|\s*(?:accused|wanted|convicted|sentenced|whom|whose|acusad[oa]s?|buscad[oa]s?|"
    r"condenad[oa]s?|reclamad[oa]s?|cuy[oa]s?)\b"
    # and who is named among them: "fugitives ..., among them Joanne Chesimard"
    r"|\s*(?:among them|including|entre (?:ellos|ellas)|incluid[oa]s?)\b"
)


def _asked_end(doc: Document, start: int, end: int) -> int:
    """Where what is asked ends: at ASKED_END, past commas that go on listing."""
    pos = start
    while stop := ASKED_END.search(doc.text, pos, end):
        if stop.group() != "," or not LIST_GOES_ON.match(doc.text, stop.end(), end):
            return stop.start()
        pos = stop.end()
    return end


def _waited_for(
    doc: Document, result: Extraction, parties, s: int, e: int, after: int | None = None
) -> list[Match]:
    """The hand-overs a sentence says one side still waits for, named by the act."""
    out = []
    for wait in WAITING_FOR.finditer(doc.low, after or s, e):
        english = wait.group("act") is not None
        act = ACT_NOUNS[wait.group("act")] if english else ACTOS[wait.group("acto")]
        who = "who" if english else "quien"
        ds, de = wait.end(), _asked_end(doc, wait.end(), e)
        handed_over = doc.text[ds:de].strip()
        if not handed_over:
            continue
        description = f"{act} {handed_over}" if english else translate_es(f"{act} {handed_over}")
        waited_on = countries_in(doc, wait.start(who), wait.end(who))
        raised_by = other_party(parties, waited_on[0][2]) if waited_on else None
        value = {
            "description": description,
            "raised_by": raised_by or _raised_by(doc, parties, s, ds, de),
            "status": "raised",
        }
        out.append(Match(value, (ds, de)))
    return out


def extract_requests(doc: Document, result: Extraction, parties) -> None:
    """Set the requests of each sentence: the one its "requests"/"solicitudes" names, or
    else those its verbs tell ("requested the extradition of ...")."""
    out: list[Match] = []
    for s, e in doc.sentences:
        sentence = doc.low[s:e]
        word = _request_word(sentence)
        if not word or not REQUEST_SUBJECT.search(sentence):
            out += _asked_for(doc, result, parties, s, e)
            out += _waited_for(doc, result, parties, s, e)
            continue
        desc_start = _description_start(doc, s, sentence, word)
        stop = DESCRIPTION_END.search(sentence[word.end() :])
        desc_end = word.end() + (stop.start() if stop else len(sentence) - word.end())
        ds, de = s + desc_start, s + desc_end
        description = doc.text[ds:de].strip()
        if len(description.split()) < 2:
            continue
        if result.language == "es":
            description = translate_es(description)
        value = {
            "description": description,
            "raised_by": _raised_by(doc, parties, s, ds, de),
            "status": _status(sentence),
        }
        out.append(Match(value, (ds, de)))
        # "entregó propuestas de cooperación sobre ..., y reiteró su petición de que ...":
        # what the rest of the sentence asks by its verb is another request, unless it asks
        # for action on the same ("... y pidió que actúen contra ellas").
        out += [
            m
            for m in _asked_for(doc, result, parties, s, e, after=de)
            + _waited_for(doc, result, parties, s, e, after=de)
            if not POINTS_BACK.search(doc.low, m.span[0], m.span[1])
        ]
    result.pending_requests = out
