"""Built-in word lists: cities with their indirect names, ordinals, months, title words.

Data, not rules. Names of dialogues, countries, bodies, offices and topics live in the
database (see vocabulary.py); only what no record holds is listed here.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A word list written as one string, to keep long lists compact."""
    return text.split()


# (canonical name, countries it can be the capital/seat of, names and indirect names)
CITIES: list[tuple[str, tuple[str, ...], list[str]]] = [
    (
        "Washington, D.C.",
        ("US",),
        [
            "Washington, D.C.",
            "Washington DC",
            "Washington",
            "the U.S. capital",
            "the US capital",
            "the American capital",
            "the capital of the United States",
            "la capital estadounidense",
            "la capital norteamericana",
            "la capital de Estados Unidos",
            "la capital de los Estados Unidos",
        ],
    ),
    (
        "Havana",
        ("CU",),
        [
            "Havana",
            "La Habana",
            "the Cuban capital",
            "the capital of Cuba",
            "la capital cubana",
            "la capital de Cuba",
        ],
    ),
    (
        "Beijing",
        ("CN",),
        ["Beijing", "Peking", "Pekín", "the Chinese capital", "la capital china"],
    ),
    (
        "Mexico City",
        ("MX",),
        [
            "Mexico City",
            "Ciudad de México",
            "CDMX",
            "the Mexican capital",
            "la capital mexicana",
            "la capital de México",
        ],
    ),
    (
        "Bogotá",
        ("CO",),
        ["Bogotá", "the Colombian capital", "la capital colombiana", "la capital de Colombia"],
    ),
    ("Brussels", ("EU", "BE"), ["Brussels", "Bruselas", "the Belgian capital"]),
    ("Stockholm", ("EU", "SE"), ["Stockholm", "Estocolmo"]),
    ("Madrid", ("EU", "ES"), ["Madrid", "the Spanish capital", "la capital española"]),
    ("Lisbon", ("EU", "PT"), ["Lisbon", "Lisboa"]),
    ("Vienna", ("EU", "AT"), ["Vienna", "Viena"]),
    ("Miami", ("US",), ["Miami"]),
    ("New York", ("US",), ["New York", "Nueva York"]),
    ("San Francisco", ("US",), ["San Francisco"]),
    ("Shanghai", ("CN",), ["Shanghai", "Shanghái"]),
    ("Monterrey", ("MX",), ["Monterrey"]),
    ("Cartagena", ("CO",), ["Cartagena", "Cartagena de Indias"]),
    ("Medellín", ("CO",), ["Medellín"]),
    ("Ottawa", ("CA",), ["Ottawa"]),
    ("Panama City", ("PA",), ["Panama City", "Ciudad de Panamá"]),
]

# Demonyms and short forms that a country record may lack.
EXTRA_COUNTRY_TERMS: dict[str, list[str]] = {
    "US": ["United States", "U.S.", "Washington"],
    "CO": ["Colombia", "Colombian", "colombiano", "colombiana", "colombianos"],
    "CU": ["Cuba", "cubanas"],
    "CN": ["China", "china", "chinos"],
    "MX": ["Mexico", "mexicanos", "mexicanas"],
}

ENGLISH_ORDINALS = _words("""first second third fourth fifth sixth seventh eighth ninth tenth
eleventh twelfth thirteenth fourteenth fifteenth""")
# Spanish ordinals by stem; the endings (-o, -a, -os, -as, none) are added below.
SPANISH_ORDINAL_STEMS = _words("""primer segund tercer cuart quint sext septim octav noven decim
undecim duodecim""")
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(ENGLISH_ORDINALS)}
ORDINAL_WORDS["inaugural"] = 1
for _i, _stem in enumerate(SPANISH_ORDINAL_STEMS):
    for _end in ("a", "o", "", "as", "os"):
        ORDINAL_WORDS.setdefault(_stem + _end, _i + 1)
ROMAN = {
    numeral: i + 1 for i, numeral in enumerate(_words("I II III IV V VI VII VIII IX X XI XII"))
}
ROUND_WORDS = (
    r"round|rounds|meeting|session|edition|dialogue|talks|ministerial|consultations|plenary|"
    r"ronda|reunion|sesion|edicion|dialogo|encuentro|cita|conversaciones|consultas|ministerial"
)

_ENGLISH_MONTHS = _words("""january february march april may june july august september october
november december""")
_SPANISH_MONTHS = _words("""enero febrero marzo abril mayo junio julio agosto septiembre octubre
noviembre diciembre""")
MONTHS: dict[str, int] = {
    **{m: i + 1 for i, m in enumerate(_ENGLISH_MONTHS)},
    **{m: i + 1 for i, m in enumerate(_SPANISH_MONTHS)},
    **{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9},
    **{"sept": 9, "setiembre": 9, "oct": 10, "nov": 11, "dec": 12},
}

# Words of a dialogue's name that say nothing about which dialogue it is.
GENERIC_DIALOGUE_WORDS = frozenset(
    _words("""dialogue dialogo talks round rounds meeting reunion bilateral high level alto nivel
    sobre on related issues joint conjunto entre autoridades organos united states unidos
    estados""")
)

# Words that belong to a title or a description of a person, never to a name.
TITLE_WORDS = frozenset(
    _words("""secretary assistant deputy under undersecretary acting director directora minister
    ministra ministro vice viceminister viceministro viceministra attorney general advisor
    adviser asesor asesora ambassador embajador embajadora chief head jefe jefa commissioner
    comisionado comisionada administrator counselor counsellor principal senior coordinator
    coordinador coordinadora official president presidente presidenta chair chairman commander
    colonel coronel prosecutor fiscal secretario secretaria subsecretario subsecretaria
    canciller consejero consejera special envoy representative agent inspector brigadier major
    captain lieutenant mr mrs ms dr sr sra don excellency his her adjunto adjunta first bureau
    division office affairs hemisphere western law enforcement policy security homeland
    department ministry justice state foreign interior bilateral national defense defence
    commission customs republic relations relaciones exteriores asuntos seguridad nacional
    ministerio departamento director-general directorate heading headed three two four five
    the delegation side cuban american mexican chinese colombian european union""")
)
