"""Seed name_es from the first alias that reads as Spanish (accents, ñ, Spanish articles and
prepositions, or a Spanish ending): a starting point that staff check in the admin."""

import re

from django.db import migrations

SPANISH = re.compile(
    r"[áéíóúñ¿¡]|\b(de|del|la|el|los|las|para|y|en)\b|(ismo|ción|ciones|ía|ado|ada|icos?)$",
    re.IGNORECASE,
)
MODELS = ["Country", "Ministry", "ThreatTopic", "Dialogue"]


def spanish_alias(aliases: str) -> str:
    for alias in (line.strip() for line in aliases.splitlines()):
        if alias and SPANISH.search(alias):
            return alias
    return ""


def seed(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("rounds", name)
        for record in model.objects.filter(name_es="").exclude(aliases=""):
            found = spanish_alias(record.aliases)
            if found:
                model.objects.filter(pk=record.pk).update(name_es=found[:200])


class Migration(migrations.Migration):
    dependencies = [("rounds", "0015_name_es")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
