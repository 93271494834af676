"""Spanish search vectors: drop the letters that unaccent turns into quotes (PostgreSQL only).

`rounds_spanish_tsvector` stems Spanish text with its accents and folds them afterwards by
round-tripping the tsvector through text. unaccent maps a few letters to quote characters
(ʼ ʹ ʻ ʽ ˈ to ', ʺ to ", ŉ to 'n); inside a lexeme such a quote would break the text form, and
the trigger would refuse the communiqué. Those letters are now removed first (ŉ becomes n).
search.py strips the same letters from search terms. Nothing happens on SQLite.
"""

from django.db import migrations

APOSTROPHE_LETTERS = "ŉʹʺʻʼʽˈ"

FORWARD = f"""
CREATE OR REPLACE FUNCTION rounds_spanish_tsvector(body text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('diplotrack_spanish', coalesce(body, ''))
        || rounds_unaccent(
            to_tsvector('spanish', translate(coalesce(body, ''), '{APOSTROPHE_LETTERS}', 'n'))::text
        )::tsvector
$$;
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION rounds_spanish_tsvector(body text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('diplotrack_spanish', coalesce(body, ''))
        || unaccent(to_tsvector('spanish', coalesce(body, ''))::text)::tsvector
$$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0003_search_unaccent_immutable"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
    ]
