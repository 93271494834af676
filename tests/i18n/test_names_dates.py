"""Names and dates in the reader's language, from one home each."""

import datetime
import importlib

import pytest
from django.test import Client
from django.utils import translation

from rounds.models import format_date_range
from tests.factories import make_country, make_dialogue, make_round, make_topic

pytestmark = pytest.mark.django_db

DAY = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "precision", "english", "spanish"),
    [
        (DAY(2018, 7, 10), DAY(2018, 7, 10), "day", "10 July 2018", "10 de julio de 2018"),
        (DAY(2016, 5, 17), DAY(2016, 5, 18), "day", "17–18 May 2016", "17–18 de mayo de 2016"),
        (
            DAY(2016, 5, 30),
            DAY(2016, 6, 2),
            "day",
            "30 May – 2 June 2016",
            "30 de mayo – 2 de junio de 2016",
        ),
        (
            DAY(2016, 12, 30),
            DAY(2017, 1, 2),
            "day",
            "30 December 2016 – 2 January 2017",
            "30 de diciembre de 2016 – 2 de enero de 2017",
        ),
        (DAY(2017, 9, 1), DAY(2017, 9, 30), "month", "September 2017", "septiembre de 2017"),
        (DAY(2019, 1, 1), DAY(2019, 12, 31), "year", "2019", "2019"),
    ],
)
def test_date_ranges_in_both_languages(start, end, precision, english, spanish):
    with translation.override("en"):
        assert format_date_range(start, end, precision) == english
    with translation.override("es"):
        assert format_date_range(start, end, precision) == spanish


def test_localized_name_falls_back_to_the_name():
    topic = make_topic(name="drug trafficking", name_es="narcotráfico")
    plain = make_topic(name="ransomware")
    with translation.override("es"):
        assert topic.localized_name == "narcotráfico"
        assert plain.localized_name == "ransomware"
    with translation.override("en"):
        assert topic.localized_name == "drug trafficking"


def test_dialogue_display_name_in_spanish_is_the_spanish_name():
    dialogue = make_dialogue(name="Cuba–US LED long", short_name="Cuba–US LED", name_es="Diálogo")
    with translation.override("en"):
        assert dialogue.display_name == "Cuba–US LED"
    with translation.override("es"):
        assert dialogue.display_name == "Diálogo"


def test_pages_show_spanish_names_and_dates(client):
    cuba = make_country(code="CU", name="Cuba", name_es="Cuba")
    usa = make_country(code="US", name="United States", name_es="Estados Unidos")
    dialogue = make_dialogue(
        party_a=cuba,
        party_b=usa,
        name="Law Enforcement Dialogue",
        name_es="Diálogo de Aplicación y Cumplimiento de la Ley",
    )
    topic = make_topic(name="drug trafficking", name_es="narcotráfico")
    round_ = make_round(
        dialogue=dialogue,
        number=4,
        start_date=DAY(2018, 7, 10),
        end_date=DAY(2018, 7, 10),
        topics=[topic],
    )
    spanish = client.get("/es" + round_.get_absolute_url()).content.decode()
    assert "4.ª ronda" in spanish
    assert "10 de julio de 2018" in spanish
    assert "narcotráfico" in spanish and "Estados Unidos" in spanish
    assert "Diálogo de Aplicación y Cumplimiento de la Ley" in spanish
    english = Client().get(round_.get_absolute_url().removeprefix("/es")).content.decode()
    assert "4th round" in english and "10 July 2018" in english
    assert "drug trafficking" in english and "narcotráfico" not in english


def test_the_seed_takes_the_first_spanish_alias():
    seed = importlib.import_module("rounds.migrations.0016_seed_name_es")
    assert seed.spanish_alias("drugs\nnarcotráfico\ntráfico de drogas") == "narcotráfico"
    assert (
        seed.spanish_alias("Interior Ministry\nMinisterio del Interior")
        == "Ministerio del Interior"
    )
    assert seed.spanish_alias("the U.S.\nUSA") == ""
