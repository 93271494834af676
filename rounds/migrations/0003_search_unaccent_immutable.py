"""An IMMUTABLE wrapper of unaccent() for search queries (PostgreSQL only).

`unaccent(text)` is only STABLE, so a tsquery built with it is not folded to a constant when
the query is planned. PostgreSQL then cannot estimate how many rounds match nor what the GIN
index would cost, and picks a sequential scan even for a rare word. `rounds_unaccent` is the
usual immutable wrapper (naming the dictionary and its schema explicitly), so the search's
tsquery is a constant for the planner. Nothing is created on SQLite.
"""

from django.db import migrations


def create_wrapper(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        schema = cursor.fetchone()[0]
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION rounds_unaccent(text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
        $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$;
        """
    )


def drop_wrapper(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP FUNCTION IF EXISTS rounds_unaccent(text);")


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0002_round_search_vector"),
    ]

    operations = [
        migrations.RunPython(create_wrapper, drop_wrapper),
    ]
