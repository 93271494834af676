"""A small Spanish-to-English phrase glossary, so staff read Spanish list items in English."""

from __future__ import annotations

from .terms import fold

ES_GLOSSARY = [
    ("datos", "information"),
    ("informacion", "information"),
    ("pedidos de cooperacion", "requests for cooperation"),
    ("solicitudes de informacion", "requests for information"),
    ("pedidos de informacion", "requests for information"),
    ("trafico de migrantes", "migrant smuggling"),
    ("trafico ilicito de migrantes", "migrant smuggling"),
    ("solicitudes de cooperacion", "requests for cooperation"),
    ("solicitudes de extradicion", "extradition requests"),
    ("pedidos", "requests"),
    ("solicitudes", "requests"),
    ("pendientes", "pending"),
    ("que todavia aguardan respuesta de", "still awaiting a response from"),
    ("que aun aguardan respuesta de", "still awaiting a response from"),
    ("que aguardan respuesta de", "awaiting a response from"),
    ("la contraparte estadounidense", "the U.S. side"),
    ("la parte estadounidense", "the U.S. side"),
    ("la parte cubana", "the Cuban side"),
    ("la parte mexicana", "the Mexican side"),
    ("la parte colombiana", "the Colombian side"),
    ("continuar el dialogo", "continue the dialogue"),
    ("continuar los intercambios", "continue the exchanges"),
    ("celebrar reuniones tecnicas", "hold technical meetings"),
    ("realizar reuniones tecnicas", "hold technical meetings"),
    ("sostener reuniones tecnicas", "hold technical meetings"),
    ("reuniones tecnicas", "technical meetings"),
    ("intercambiar informacion", "exchange information"),
    ("intercambio de informacion", "information exchange"),
    ("fortalecer la cooperacion", "strengthen cooperation"),
    ("reforzar la cooperacion", "strengthen cooperation"),
    ("crear un grupo de trabajo", "create a working group"),
    ("establecer un grupo de trabajo", "establish a working group"),
    ("grupo de trabajo", "working group"),
    ("reunirse nuevamente", "meet again"),
    ("volver a reunirse", "meet again"),
    ("la proxima ronda", "the next round"),
    ("la proxima reunion", "the next meeting"),
    ("entre", "between"),
    ("que siguen pendientes", "still pending"),
    ("que siguen sin respuesta", "still unanswered"),
    ("rutas maritimas", "maritime routes"),
    ("mantener", "maintain"),
    ("intercambios tecnicos", "technical exchanges"),
    ("intercambios", "exchanges"),
    ("armas de fuego", "firearms"),
    ("un", "a"),
    ("una", "a"),
    ("sus", "their"),
    ("su", "its"),
    ("guardacostas", "coast guards"),
    ("guardias costeras", "coast guards"),
    ("crear", "create"),
    ("establecer", "establish"),
    ("celebrar", "hold"),
    ("intercambiar", "exchange"),
    ("redes", "networks"),
    ("ciudad de mexico", "Mexico City"),
    ("la habana", "Havana"),
    ("washington", "Washington"),
    ("sobre", "on"),
    ("de", "of"),
    ("del", "of the"),
    ("la", "the"),
    ("el", "the"),
    ("los", "the"),
    ("las", "the"),
    ("y", "and"),
    ("en", "in"),
    ("con", "with"),
    ("para", "to"),
    ("ambos paises", "both countries"),
    ("los dos paises", "the two countries"),
    ("organismos", "agencies"),
    ("agencias", "agencies"),
    ("aplicacion de la ley", "law enforcement"),
    ("cooperacion", "cooperation"),
    ("narcotrafico", "drug trafficking"),
    ("trafico de drogas", "drug trafficking"),
    ("trata de personas", "human trafficking"),
    ("migracion", "migration"),
    ("migracion irregular", "irregular migration"),
    ("fugitivos", "fugitives"),
    ("deportaciones", "deportations"),
    ("retornos", "returns"),
    ("extradicion", "extradition"),
    ("mecanismo", "mechanism"),
    ("puesta en marcha", "launch"),
    ("firmar", "sign"),
    ("memorando de entendimiento", "memorandum of understanding"),
    ("protocolo", "protocol"),
    ("acuerdo", "agreement"),
    ("bilateral", "bilateral"),
]
_BY_FIRST_WORD: dict[str, list[tuple[list[str], str]]] = {}
for _es, _en in sorted(ES_GLOSSARY, key=lambda kv: -len(kv[0])):
    _BY_FIRST_WORD.setdefault(_es.split()[0], []).append((_es.split(), _en))


def translate_es(text: str) -> str:
    """Render a short Spanish phrase in English through a small glossary, for staff review.

    Phrases the glossary does not mostly cover are returned unchanged: a half-translated
    sentence is worse than the original.
    """
    original = text.split()
    words = [w.strip(",.;") for w in fold(text).split()]
    out, i, covered = [], 0, 0
    while i < len(words):
        for parts, en in _BY_FIRST_WORD.get(words[i], ()):
            if words[i : i + len(parts)] == parts:
                out.append(en)
                i += len(parts)
                covered += len(parts)
                break
        else:
            covered += words[i].isdigit()
            out.append(original[i] if len(original) == len(words) else words[i])
            i += 1
    return " ".join(out) if covered >= 0.8 * len(words) else text
