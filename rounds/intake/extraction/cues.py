"""Cue phrases that several stages read: a sentence about the meeting, an earlier round,
reported speech. Patterns run on folded (accent-free, lower-case) text."""

from __future__ import annotations

import re

MEETING_WORDS = re.compile(
    r"\b(?:met|meet|meets|held|hold|holds|took place|takes place|convened|convenes|gathered|"
    r"sat down|se sentaron|se reunen?|"
    r"hosted|meeting|round|session|talks|dialogue|ministerial|forum|foro|"
    r"celebr\w*|acogio|tuvo lugar|tiene lugar|sesiono|se reunieron|reunion|ronda|encuentro|"
    r"efectu\w*|realiz\w*|cita|dialogo|conversaciones|"
    # "al cabo de dos días de trabajos en la capital guatemalteca"
    r"jornadas? de trabajo|dias de trabajos?|days of (?:talks|work|meetings))\b"
)
PREVIOUS_MARKERS = re.compile(
    r"\b(?:continuation of|follow(?:ed|s|ing)? up on|follow(?:ed|s|ing)? (?:on )?(?:from )?|"
    r"previous|preceding|prior|"
    r"last (?:\w+(?:'s)? ){0,2}?"
    r"(?:met|round|meeting|session|held|one|ministerial|dialogue|edition|talks|forum|gathered|"
    r"convened)|"
    r"since the (?:last |previous )(?:meeting|round|session|one|talks|dialogue)|"
    r"since (?:the|a|an|its|their) (?:meeting|round|session|one) |tomo el relevo de|took over from|"
    # "Building on their discussions in Sofia in May"
    r"build(?:ing|s)? on (?:the |their |its )?(?:discussions|talks|meeting|work) (?:in|at|of)\b|"
    # "the work done since the Forum met in Washington", "desde que el grupo se reunió"
    r"since (?:the |their )?(?:\w+ ){0,3}?(?:last )?met\b|desde que (?:\w+ ){0,3}?se reunio|"
    r"seguimiento a(?! nivel)|continuidad|continuacion|anterior|previa|precedente|"
    r"sucedio a|sucede a|"
    r"succeeded|after the one|despues de la|despues del|despues de que|"
    # "six months after the group was inaugurated in Beijing": its first round, an earlier
    # one; not "la reunión, que fue inaugurada por el canciller" (this one's opening)
    r"(?:was|were|had been|fue|fuera|habia sido) (?:inaugurated|launched|inaugurad[ao]|"
    r"lanzad[ao]|instalad[ao])(?! (?:by|por)\b)|"
    r"desde (?:la|el) (?:ultim|anterior|reunion|ronda|encuentro|de |celebrad[ao] )|"
    r"la ultima|el ultimo|tras la|tras el|"
    # "The group, which first met in Washington in December 2008": its first round
    r"first (?:met|convened|gathered)\b)"
)
# The verbs of who reported what a sentence tells.
SOURCE_VERBS = r"said|says|reported|announced|informo|dijo|indico|anuncio"
# Where what a sentence tells gives way to its circumstances, for the stages that end an
# agreed action or a statement there: the occasion (", held in Washington on Wednesday",
# ", al término de la reunión") or who reported it, after it (", the Ministry of Public
# Security said", ", informó hoy la Cancillería").
_WHEN_TOLD = (
    r"(?:\s+(?:on\s+)?(?:\w+day|today|yesterday|hoy|ayer)|\s+in\s+a\s+(?:statement|note)|"
    r"\s+en\s+un\s+(?:comunicado|nota))*"
)
AFTERWORD = (
    r",\s*(?:held|celebrad[oa]s?|al termino de|at the end of)\b|"
    # (the source comes last: not "the agreement, the first the two governments announced
    # after ..., remains in force")
    rf",\s*(?:the|la|el)\s+[^,;]{{0,60}}?\s(?:{SOURCE_VERBS})\b{_WHEN_TOLD}\s*(?:[.,;]|$)|"
    rf",\s*(?:{SOURCE_VERBS})\b{_WHEN_TOLD}(?:\s+(?:the|la|el)\s+[^,;.]{{1,60}}?)?\s*"
    r"(?:[.,;]|$)"
)
SPEECH_BEFORE = re.compile(
    r"(?:stated|said|admitted|declared|announced|wrote|admitio|declaro|dijo|afirmo|anuncio|"
    r"informo|senalo|indico)(?:\s+(?:in|en|a|an|un|una)\s+\w+)?\s+(?:on\s+|el\s+)?$"
)
# A verb of what is still to come ("will", "tomorrow"; "mañana" but not "esta mañana", the
# morning).
TO_COME = (
    r"will|shall|tomorrow|se celebrara|tendra lugar|"
    r"(?<!la )(?<!esta )(?<!esa )(?<!misma )(?<!cada )(?<!una )manana"
)
WILL_HAPPEN = re.compile(rf"\b(?:{TO_COME})\b")
# A sentence about what is still to come: its dates are not the meeting's.
FUTURE = re.compile(
    r"\b(?:next|upcoming|is due|are due|scheduled|planned|plan to|"
    rf"proxim\w*|previst\w*|programad\w*|{TO_COME})\b"
)
# An agreed plan ("acordaron realizar un ejercicio en 2016"): the dates after it are to come.
PLAN = re.compile(
    r"\b(?:agreed (?:to|on)|decided to|committed to|pledged to|acordaron|decidieron|"
    r"convinieron|se comprometieron)\b"
)


def tells_future(text: str) -> bool:
    """Does `text` (a sentence) speak of what is still to come? Not "desde que la anterior
    ronda se celebrara": folded, the subjunctive after an earlier round reads as the future."""
    for m in FUTURE.finditer(text):
        after_earlier = PREVIOUS_MARKERS.search(text, max(0, m.start() - 40), m.start())
        if not (m.group() == "se celebrara" and after_earlier):
            return True
    return False
