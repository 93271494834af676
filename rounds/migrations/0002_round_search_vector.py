"""A stored, weighted full-text search vector per round, kept current by database triggers.

On PostgreSQL this migration also creates:
- the `unaccent` extension and three text-search configurations (`diplotrack_english`,
  `diplotrack_spanish`, `diplotrack_simple`): copies of the built-in ones that fold accents before
  stemming, so "trafico" finds "tráfico" (Spanish text is also stemmed with its accents and
  folded afterwards, see `rounds_spanish_tsvector`);
- `rounds_round_search_document(rounds_round)`, which builds a round's vector from the round,
  its dialogue, topics, host country, statements, agreements and communiqués (each communiqué in
  the configuration of its language), weighted A (dialogue, topics) > B (summary, place) >
  C (statements, agreements, communiqué titles) > D (communiqué bodies);
- triggers that recompute the vector on every write path (admin, import, shell, bulk SQL): a
  BEFORE trigger on the round itself, statement-level triggers on the tables that feed it, and
  row triggers for renamed dialogues, topics and countries;
- a GIN index on the vector.

On SQLite only the (unused, always NULL) column is added: search falls back to substring
matching there (rounds/search.py, docs/search.md).
"""

import django.contrib.postgres.search
from django.db import migrations

CONFIGS = {
    "diplotrack_english": "english_stem",
    "diplotrack_spanish": "spanish_stem",
    "diplotrack_simple": "simple",
}

CONFIG_SQL = "\n".join(
    f"""
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace
        WHERE c.cfgname = '{name}' AND n.nspname = current_schema()
    ) THEN
        CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {name.split("_")[1]});
        ALTER TEXT SEARCH CONFIGURATION {name}
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary};
    END IF;
END
$$;
"""
    for name, dictionary in CONFIGS.items()
)

DOCUMENT_SQL = """
-- Spanish text twice: accents folded before stemming (so "trafico" finds "tráfico") and after
-- (the Spanish stemmer needs accents to strip -ción: "delegación" then finds "delegaciones").
CREATE OR REPLACE FUNCTION rounds_spanish_tsvector(body text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('diplotrack_spanish', coalesce(body, ''))
        || unaccent(to_tsvector('spanish', coalesce(body, ''))::text)::tsvector
$$;

CREATE OR REPLACE FUNCTION rounds_round_search_document(r rounds_round) RETURNS tsvector
LANGUAGE plpgsql STABLE AS $$
DECLARE
    head text;
    head_aliases text;
    topic_names text;
    topic_aliases text;
    host text;
    said text;
    titles_en text;
    titles_es text;
    titles_other text;
    bodies_en text;
    bodies_es text;
    bodies_other text;
BEGIN
    SELECT concat_ws(' ', d.name, d.short_name), d.aliases
      INTO head, head_aliases
      FROM rounds_dialogue d WHERE d.id = r.dialogue_id;
    SELECT string_agg(t.name, ' '), string_agg(t.aliases, ' ')
      INTO topic_names, topic_aliases
      FROM rounds_round_topics rt JOIN rounds_threattopic t ON t.id = rt.threattopic_id
     WHERE rt.round_id = r.id;
    SELECT c.name INTO host FROM rounds_country c WHERE c.id = r.host_country_id;
    SELECT string_agg(x.text, ' ') INTO said FROM (
        SELECT s.text FROM rounds_statement s WHERE s.round_id = r.id
        UNION ALL
        SELECT a.text FROM rounds_agreement a WHERE a.round_id = r.id
    ) x;
    SELECT string_agg(c.title, ' ') FILTER (WHERE c.language = 'en'),
           string_agg(c.title, ' ') FILTER (WHERE c.language = 'es'),
           string_agg(c.title, ' ') FILTER (WHERE c.language NOT IN ('en', 'es')),
           string_agg(c.text, ' ') FILTER (WHERE c.language = 'en'),
           string_agg(c.text, ' ') FILTER (WHERE c.language = 'es'),
           string_agg(c.text, ' ') FILTER (WHERE c.language NOT IN ('en', 'es'))
      INTO titles_en, titles_es, titles_other, bodies_en, bodies_es, bodies_other
      FROM rounds_communique c WHERE c.round_id = r.id;

    RETURN setweight(to_tsvector('diplotrack_english', coalesce(head, '')), 'A')
        || setweight(to_tsvector('diplotrack_simple', coalesce(head_aliases, '')), 'A')
        || setweight(to_tsvector('diplotrack_english', coalesce(topic_names, '')), 'A')
        || setweight(to_tsvector('diplotrack_simple', coalesce(topic_aliases, '')), 'A')
        || setweight(to_tsvector('diplotrack_english',
                                 concat_ws(' ', r.summary, r.city, r.venue, host)), 'B')
        || setweight(to_tsvector('diplotrack_english', coalesce(said, '')), 'C')
        || setweight(to_tsvector('diplotrack_english', coalesce(titles_en, '')), 'C')
        || setweight(rounds_spanish_tsvector(titles_es), 'C')
        || setweight(to_tsvector('diplotrack_simple', coalesce(titles_other, '')), 'C')
        || setweight(to_tsvector('diplotrack_english', coalesce(bodies_en, '')), 'D')
        || setweight(rounds_spanish_tsvector(bodies_es), 'D')
        || setweight(to_tsvector('diplotrack_simple', coalesce(bodies_other, '')), 'D');
END
$$;

CREATE OR REPLACE FUNCTION rounds_round_search_vector_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := rounds_round_search_document(NEW);
    RETURN NEW;
END
$$;

CREATE TRIGGER rounds_round_search_vector
    BEFORE INSERT OR UPDATE ON rounds_round
    FOR EACH ROW EXECUTE FUNCTION rounds_round_search_vector_update();

-- Any UPDATE of a round recomputes its vector (trigger above), so the feeding tables only
-- "touch" the rounds they concern, once per statement for bulk writes.
CREATE OR REPLACE FUNCTION rounds_touch_rounds_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL
     WHERE id IN (SELECT DISTINCT round_id FROM new_rows);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rounds_touch_rounds_deleted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL
     WHERE id IN (SELECT DISTINCT round_id FROM old_rows);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rounds_touch_rounds_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL
     WHERE id IN (SELECT round_id FROM new_rows UNION SELECT round_id FROM old_rows);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rounds_touch_rounds_of_dialogue() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL WHERE dialogue_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rounds_touch_rounds_of_topic() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL
     WHERE id IN (SELECT round_id FROM rounds_round_topics WHERE threattopic_id = NEW.id);
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rounds_touch_rounds_of_host() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE rounds_round SET search_vector = NULL WHERE host_country_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER rounds_dialogue_search_vector
    AFTER UPDATE OF name, short_name, aliases ON rounds_dialogue
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.short_name IS DISTINCT FROM NEW.short_name
          OR OLD.aliases IS DISTINCT FROM NEW.aliases)
    EXECUTE FUNCTION rounds_touch_rounds_of_dialogue();

CREATE TRIGGER rounds_threattopic_search_vector
    AFTER UPDATE OF name, aliases ON rounds_threattopic
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.aliases IS DISTINCT FROM NEW.aliases)
    EXECUTE FUNCTION rounds_touch_rounds_of_topic();

CREATE TRIGGER rounds_country_search_vector
    AFTER UPDATE OF name ON rounds_country
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION rounds_touch_rounds_of_host();
"""

FEEDING_TABLES = [
    "rounds_communique",
    "rounds_statement",
    "rounds_agreement",
    "rounds_round_topics",
]

TOUCH_SQL = "\n".join(
    f"""
CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rounds_touch_rounds_inserted();
CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rounds_touch_rounds_deleted();
CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION rounds_touch_rounds_updated();
"""
    for table in FEEDING_TABLES
)

INDEX_SQL = """
CREATE INDEX IF NOT EXISTS rounds_round_search_vector_gin
    ON rounds_round USING gin (search_vector);
-- Compute the vector of every existing round.
UPDATE rounds_round SET search_vector = NULL;
"""

REVERSE_SQL = "\n".join(
    [
        *(
            f"DROP TRIGGER IF EXISTS {table}_search_{op} ON {table};"
            for table in FEEDING_TABLES
            for op in ("insert", "delete", "update")
        ),
        "DROP TRIGGER IF EXISTS rounds_round_search_vector ON rounds_round;",
        "DROP TRIGGER IF EXISTS rounds_dialogue_search_vector ON rounds_dialogue;",
        "DROP TRIGGER IF EXISTS rounds_threattopic_search_vector ON rounds_threattopic;",
        "DROP TRIGGER IF EXISTS rounds_country_search_vector ON rounds_country;",
        "DROP INDEX IF EXISTS rounds_round_search_vector_gin;",
        *(
            f"DROP FUNCTION IF EXISTS {name};"
            for name in (
                "rounds_round_search_vector_update()",
                "rounds_touch_rounds_inserted()",
                "rounds_touch_rounds_deleted()",
                "rounds_touch_rounds_updated()",
                "rounds_touch_rounds_of_dialogue()",
                "rounds_touch_rounds_of_topic()",
                "rounds_touch_rounds_of_host()",
                "rounds_round_search_document(rounds_round)",
                "rounds_spanish_tsvector(text)",
            )
        ),
        *(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};" for name in CONFIGS),
    ]
)


def create_search_machinery(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent;")
    schema_editor.execute(CONFIG_SQL)
    schema_editor.execute(DOCUMENT_SQL)
    schema_editor.execute(TOUCH_SQL)
    schema_editor.execute(INDEX_SQL)


def drop_search_machinery(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(REVERSE_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("rounds", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="round",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_search_machinery, drop_search_machinery),
    ]
