"""The reference communiqués (rewritten in our own words) and the vocabulary staff keep for them."""

import datetime
from pathlib import Path

from rounds.models import Ministry, MinistryKind
from tests.factories import make_country, make_dialogue, make_round, make_topic

COMMUNIQUES = Path(__file__).resolve().parents[1] / "fixtures" / "communiques" / "reference"
SEED = "cu_us_led_2018-07-10_cubanradio.txt"
SPANISH = "cu_us_led_2018-07-10_minrex_es.txt"


def read(name: str) -> str:
    return (COMMUNIQUES / name).read_text(encoding="utf-8")


def build_cuba_us():
    """Reference data as staff keep it: names, acronyms and aliases; round 3 recorded."""
    cuba = make_country(code="CU", name="Cuba")
    cuba.aliases = "República de Cuba\nCuban"
    cuba.save()
    usa = make_country(code="US", name="United States")
    usa.aliases = "Estados Unidos\nU.S.\nUnited States of America"
    usa.save()
    dialogue = make_dialogue(
        party_a=cuba,
        party_b=usa,
        name="Cuba–United States Law Enforcement Dialogue",
        short_name="Cuba–US LED",
        slug="cuba-us-led",
        aliases="Law Enforcement Dialogue\n"
        "law enforcement and compliance\n"
        "aplicación y cumplimiento de la ley",
    )
    bodies = [
        (cuba, "Ministry of the Interior", "MININT", MinistryKind.INTERIOR,
         "Ministerio del Interior\nInterior Ministry"),
        (cuba, "Ministry of Foreign Affairs", "MINREX", MinistryKind.FOREIGN_AFFAIRS,
         "Ministerio de Relaciones Exteriores\nForeign Ministry"),
        (cuba, "Ministry of Justice", "MINJUS", MinistryKind.JUSTICE,
         "Ministerio de Justicia"),
        (cuba, "Attorney General's Office", "FGR", MinistryKind.PROSECUTION,
         "Office of the Attorney General\nFiscalía General de la República"),
        (cuba, "General Customs of the Republic", "AGR", MinistryKind.CUSTOMS,
         "Aduana General de la República\nGeneral Customs"),
        (usa, "Department of Homeland Security", "DHS", MinistryKind.HOMELAND_SECURITY,
         "Homeland Security Department"),
        (usa, "Department of Justice", "DOJ", MinistryKind.JUSTICE, "Justice Department"),
        (usa, "Department of State", "", MinistryKind.FOREIGN_AFFAIRS, "State Department"),
    ]  # fmt: skip
    for country, name, acronym, kind, aliases in bodies:
        Ministry.objects.create(
            country=country, name=name, acronym=acronym, kind=kind, aliases=aliases
        )
    topics = [
        ("terrorism", "terrorismo"),
        ("drug trafficking", "narcotics\nnarcotráfico\ntráfico de drogas\ntrafficking in drugs"),
        ("human trafficking", "trafficking in persons\ntrata de personas"),
        ("cybercrime", "cyber crime\ndelitos cibernéticos\nciberdelito"),
        ("health incidents", "health cases\nincidentes de salud\nhealth attacks"),
        ("fugitives", "fugitivos"),
        ("migrant smuggling", "tráfico de migrantes"),
    ]
    for name, aliases in topics:
        make_topic(name=name, slug=name.replace(" ", "-"), aliases=aliases)
    make_round(
        dialogue=dialogue,
        number=3,
        start_date=datetime.date(2017, 9, 15),
        city="Washington, D.C.",
        host_country=usa,
    )
    return dialogue


# ---------------------------------------------------------------------------------------------
# Helpers: what a browser would post


def submitted(form) -> dict:
    """A bound form's values as a browser would send them back unchanged."""
    data = {}
    for bound in form:
        value = bound.value()
        if value is None or value in ([], ""):
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, datetime.date):
            data[bound.html_name] = value.isoformat()
        else:
            data[bound.html_name] = str(value)
    return data
