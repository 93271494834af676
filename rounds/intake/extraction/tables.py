"""Built-in word lists: ordinals, months, weekdays, relative-date words, title words.

Cities and venues are in gazetteer.py.

Data, not rules. Names of dialogues, countries, bodies, offices and topics live in the
database (see vocabulary.py); only what no record holds is listed here.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """A word list written as one string, to keep long lists compact."""
    return text.split()


# Demonyms and short forms that a country record may lack.
EXTRA_COUNTRY_TERMS: dict[str, list[str]] = {
    "US": ["United States", "U.S.", "estadunidense"],
    "CO": ["Colombia", "Colombian", "colombiano", "colombiana", "colombianos"],
    "CU": ["Cuba", "cubanas"],
    "CN": ["China", "china", "chinos"],
    "MX": ["Mexico", "mexicanos", "mexicanas"],
    "CA": ["Canada", "Canadian", "canadiense", "canadienses"],
}
# Capitals that stand for their governments ("Washington asked Havana to ...", "pidió a
# Ottawa acelerar ..."); after "in", "en", "at" they are places (dialogues.country_mentions).
CAPITAL_TERMS: dict[str, list[str]] = {
    "US": ["Washington"],
    "CU": ["Havana", "La Habana"],
    "CN": ["Beijing", "Pekín"],
    "CO": ["Bogotá", "Bogota"],
    "CA": ["Ottawa"],
    "IN": ["New Delhi", "Nueva Delhi"],
    "EU": ["Brussels", "Bruselas"],
}

_ENGLISH_UNITS = _words("first second third fourth fifth sixth seventh eighth ninth")
ENGLISH_ORDINALS = [
    *_ENGLISH_UNITS,
    *_words("""tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth
    eighteenth nineteenth twentieth"""),
    *(f"twenty-{unit}" for unit in _ENGLISH_UNITS),
    "thirtieth",
]
# Spanish ordinals by stem; the endings (-o, -a, -os, -as, none) are added below.
_SPANISH_UNITS = _words("primer segund tercer cuart quint sext septim octav noven")
SPANISH_ORDINAL_STEMS = [
    *_SPANISH_UNITS,
    *_words("decim undecim duodecim"),
    *(f"decimo{unit}" for unit in ("tercer", "cuart", "quint", "sext", "septim", "octav", "noven")),
    "vigesim",
    *(f"vigesimo{unit}" for unit in _SPANISH_UNITS),
    "trigesim",
]
ORDINAL_WORDS: dict[str, int] = {w: i + 1 for i, w in enumerate(ENGLISH_ORDINALS)}
ORDINAL_WORDS["inaugural"] = 1
for _i, _stem in enumerate(SPANISH_ORDINAL_STEMS):
    for _end in ("a", "o", "", "as", "os"):
        ORDINAL_WORDS.setdefault(_stem + _end, _i + 1)
# The same written as two words: "twenty first", "vigésima primera", "décimo tercer".
for _i, _unit in enumerate(_ENGLISH_UNITS):
    ORDINAL_WORDS[f"twenty {_unit}"] = 21 + _i
for _i, _unit in enumerate(_SPANISH_UNITS):
    for _end in ("a", "o"):
        for _tens, _value in (("vigesim", 20), ("decim", 10)):
            if _tens == "decim" and _i < 2:
                continue  # "décimo primero" is "undécimo", written as one word
            ORDINAL_WORDS.setdefault(f"{_tens}{_end} {_unit}{_end}", _value + _i + 1)
            ORDINAL_WORDS.setdefault(f"{_tens}{_end} {_unit}", _value + _i + 1)
_ROMAN_UNITS = _words("I II III IV V VI VII VIII IX")
ROMAN = {
    numeral: i + 1
    for i, numeral in enumerate(
        [*_ROMAN_UNITS, "X", *(f"X{u}" for u in _ROMAN_UNITS), "XX"]
        + [*(f"XX{u}" for u in _ROMAN_UNITS), "XXX"]
    )
}
ROUND_WORDS = (
    r"round|rounds|meeting|session|edition|dialogue|talks|ministerial|consultations|plenary|forum|"
    r"ronda|reunion|sesion|edicion|dialogo|encuentro|cita|conversaciones|consultas|ministerial|foro"
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
    # Spanish abbreviations ("5 dic", "10 nov"); "ago" and "mar" only ever after a day number.
    **{"ene": 1, "abr": 4, "ago": 8, "dic": 12},
}
# Month words that are also ordinary words ("mar" is Spanish for sea, "ago" English): read
# as months only with a day number or "de" ("5 ago", "mar de 2023").
AMBIGUOUS_MONTHS = frozenset({"mar", "ago"})

WEEKDAYS: dict[str, int] = {
    **{
        d: i
        for i, d in enumerate(_words("monday tuesday wednesday thursday friday saturday sunday"))
    },
    **{d: i for i, d in enumerate(_words("lunes martes miercoles jueves viernes sabado domingo"))},
}
# Days before the reference date (the dateline) that a relative word means.
RELATIVE_DAYS: dict[str, int] = {
    "today": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tonight": 0,
    "hoy": 0,
    "esta manana": 0,
    "esta tarde": 0,
    "esta noche": 0,
    "yesterday": 1,
    "ayer": 1,
    "the day before yesterday": 2,
    "anteayer": 2,
    "antier": 2,
}

# Words of a dialogue's name that say nothing about which dialogue it is.
GENERIC_DIALOGUE_WORDS = frozenset(
    _words("""dialogue dialogo talks round rounds meeting reunion bilateral high level alto nivel
    sobre on related issues joint conjunto entre autoridades organos united states unidos
    estados""")
)

# Words that make a phrase a person's title ("Attorney General", "viceministro"). A title
# needs one of these; the body it names comes from the vocabulary's offices and ministries.
TITLE_HEADS = frozenset(
    _words("""secretary secretaries minister ministers director directors commissioner
    attorney ambassador envoy advisor adviser counselor counsellor councilor councillor
    administrator coordinator chief head commander colonel admiral general spokesperson
    undersecretary viceminister chair chairman chairwoman president prosecutor official
    officials representative delegate officer superintendent inspector captain lieutenant
    secretario secretaria secretarios subsecretario subsecretaria ministro ministra ministros
    viceministro viceministra canciller vicecanciller director directora directores
    comisario comisaria comisionado comisionada embajador embajadora asesor asesora viceasesor
    viceasesora consejero consejera coordinador coordinadora jefe jefa fiscal vicefiscal
    titular presidente presidenta vicepresidente vicepresidenta portavoz administrador
    administradora almirante coronel comandante funcionario funcionaria
    comisarios comisarias secretarias ministras embajadores commissioners""")
)
_ENDINGS = ("", "o", "a", "os", "as", "es")
# Ministers of the EU's member states sit on the EU's side of an EU dialogue: "Austrian
# Interior Minister", "el ministro del Interior austriaco" (accent-free, lower-case).
_EU_DEMONYM_STEMS = _words("""austriac frances aleman italian espanol portugues polac chec
ruman bulgar eslovac esloven hungar finlandes suec danes irlandes grieg estoni leton lituan
luxemburgues neerlandes holandes belg croat chipriot maltes""")
EU_DEMONYMS = frozenset(
    [f"{stem}{end}" for stem in _EU_DEMONYM_STEMS for end in _ENDINGS]
    + _words("""austrian french german italian spanish portuguese polish czech romanian
    bulgarian slovak slovenian slovene hungarian finnish swedish danish irish greek estonian
    latvian lithuanian luxembourgish dutch belgian croatian cypriot maltese""")
)
# Words that qualify a title without changing its body, dropped before matching offices;
# Spanish demonyms among them, lower-case inside a title ("la ministra francesa de Justicia").
TITLE_MODIFIERS = frozenset(
    _words("""acting interim interino interina adjunto adjunta adjuntos auxiliar primero primer
    primera funciones""")
    + [
        f"{stem}{end}"
        for stem in _words("britanic japones australian surcorean")
        for end in _ENDINGS
    ]
    + list(EU_DEMONYMS)
)
# A person with only this title (no portfolio) is a head of state or government, not a member
# of a delegation ("President Obama and President Xi agreed ...").
NON_MEMBER_TITLES = frozenset(
    _words("""president presidents presidente presidenta presidentes king queen rey reina""")
    + ["prime minister", "primer ministro", "primera ministra"]
)
# Plural title heads, read as singular to match an office ("los comisarios europeos de
# Interior, Ylva Johansson, y de Justicia, ..." → "comisario europeo de Interior").
PLURAL_HEADS = {
    "ministers": "minister",
    "secretaries": "secretary",
    "commissioners": "commissioner",
    "ministros": "ministro",
    "ministras": "ministra",
    "secretarios": "secretario",
    "secretarias": "secretaria",
    "comisarios": "comisario",
    "comisarias": "comisaria",
    "embajadores": "embajador",
}
# Spanish title words with their other gender, to teach one form and recognise both.
GENDER_PAIRS = [
    (m, f)
    for m, f in (
        pair.split("/")
        for pair in _words("""secretario/secretaria subsecretario/subsecretaria
        ministro/ministra viceministro/viceministra director/directora comisario/comisaria
        comisionado/comisionada embajador/embajadora asesor/asesora coordinador/coordinadora
        consejero/consejera presidente/presidenta vicepresidente/vicepresidenta
        administrador/administradora adjunto/adjunta jefe/jefa primero/primera""")
    )
]

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
    the delegation side cuban american mexican chinese colombian european union canadian
    councilor councillor spokesperson administrator almirante admiral colonel comandante
    portavoz titular viceasesor vicecanciller comisario comisaria vicepresidente""")
)

# Capitalised words that start sentences or name things, never people ("Palacio Nacional",
# "Estrategia Vida Colombia", "Across the table sat ...").
NOT_NAME_WORDS = frozenset(
    _words("""palace palacio building edificio house casa hotel framework entendimiento
    initiative iniciativa strategy estrategia statement declaracion joint conjunto media note
    nota release readout office oficina forum foro group grupo dialogue dialogo round ronda
    today yesterday across taking according officials ministers senior both during the el of de
    del la""")
)

# Words that may sit inside a title: "Secretary of State for Western Hemisphere Affairs".
CONNECTORS = frozenset(_words("of for de del la las los el para y and the at en e on to"))
# Ranks written between a title and a name: "secretario de Marina, almirante José ...".
RANKS = frozenset(
    _words("general almirante admiral ambassador embajador embajadora colonel coronel dr")
)

# Words that say "by computer" in a topic's name: an alias with one also matches with the
# others ("internet fraud" → "cyber fraud", "fraude en línea" → "fraude cibernético").
CYBER_WORDS_EN = ("cyber", "cyber-enabled", "online", "internet", "computer")
CYBER_WORDS_ES = (
    "en linea",
    "cibernetico",
    "cibernetica",
    "informatico",
    "informatica",
    "por internet",
)
