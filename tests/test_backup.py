"""A backup (manage.py dumpdata, README "Backups") restores into an empty database with every
table as it was, history included, and the public pages read the same."""

import datetime
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from rounds import services
from rounds.models import Dialogue, Round

ROOT = Path(__file__).resolve().parent.parent
ON_POSTGRES = connection.vendor == "postgresql"
PAGES = ["/", "/dialogues/", "/rounds/?q=drugs", "/requests/", "/topics/", "/sitemap.xml"]

# The documented command (README "Backups"), and the plain one an operator tries first.
DOCUMENTED = ["--natural-foreign", "-e", "contenttypes", "-e", "auth.permission"]
# Django's JSON serializer writes times to the millisecond: the one thing a restore rounds.
_FRACTION = re.compile(r"(\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?")


def comparable(column: str, value) -> str:
    """A column's value as text, the same whichever connection read it."""
    if column == "search_vector" and value:
        # Derived by triggers (PostgreSQL); the positions of words follow the order in which
        # the database happens to aggregate related rows, so compare the words.
        return " ".join(sorted(set(re.findall(r"'((?:[^']|'')*)':", value))))
    if isinstance(value, bool):
        value = int(value)
    elif isinstance(value, datetime.datetime):
        value = value.isoformat(sep=" ")
    return _FRACTION.sub(lambda m: f"{m[1]}.{(m[2] or '').ljust(6, '0')[:3]}", str(value))


def manage(database_url: str, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_ENV_FILE="",
        DJANGO_DEBUG="1",  # plain static files: no collectstatic manifest in a test run
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_CONN_MAX_AGE="0",
    )
    result = subprocess.run(  # the caller reads the output; a failure raises below
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class EmptyDatabase:
    """A new database beside the test database, for the restore; dropped afterwards."""

    def __init__(self, tmp_path: Path):
        settings = connection.settings_dict
        if ON_POSTGRES:
            # test_<name> is the test database; <name>_restore belongs to the same run.
            self.name = settings["NAME"].removeprefix("test_") + "_restore"
            user = settings["USER"] or ""
            password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
            host = settings["HOST"] or "127.0.0.1"
            self.url = f"postgres://{user}{password}@{host}:{settings['PORT'] or 5432}/{self.name}"
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")
        else:
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"

    def _admin(self, *statements: str) -> None:
        params = connection.get_connection_params()
        other = connection.get_new_connection(params)
        other.autocommit = True
        try:
            with other.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement.format(connection.ops.quote_name(self.name)))
        finally:
            other.close()

    def connect(self):
        if not ON_POSTGRES:
            return sqlite3.connect(self.path)
        params = {**connection.get_connection_params(), "dbname": self.name}
        return connection.get_new_connection(params)

    def drop(self) -> None:
        if ON_POSTGRES:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def link_tables() -> dict[str, list[str]]:
    """Django's own many-to-many tables, with the columns that matter: their row ids are
    not data (loaddata re-creates the links), the pairs are."""
    tables = {}
    for model in apps.get_models():
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through._meta
            if through.auto_created:
                tables[through.db_table] = [
                    f.column for f in through.get_fields() if f.concrete and not f.primary_key
                ]
    return tables


def table_rows(raw_connection, tables: list[str]) -> dict[str, list]:
    """Every row of every table, in a form that compares across connections."""
    rows, links = {}, link_tables()
    cursor = raw_connection.cursor()
    if ON_POSTGRES:
        cursor.execute("SET TIME ZONE 'UTC'")
    for table in tables:
        quoted = connection.ops.quote_name(table)
        if table in links:
            columns = ", ".join(connection.ops.quote_name(c) for c in links[table])
            cursor.execute(f"SELECT {columns} FROM {quoted}")  # noqa: S608 - our names
        else:
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 - our names
        names = [column[0] for column in cursor.description]
        rows[table] = sorted(tuple(map(comparable, names, row)) for row in cursor.fetchall())
    cursor.close()
    return rows


def pages_of(database_url: str) -> dict[str, str]:
    code = (
        "import json; from django.test import Client; c = Client(); "
        f"print(json.dumps({{u: c.get(u).content.decode() for u in {PAGES!r}}}))"
    )
    return json.loads(manage(database_url, "shell", "-v", "0", "-c", code).splitlines()[-1])


@pytest.fixture
def recorded_history(django_user_model):
    """The demo data, then a few days of staff work: edits by named users, a new round."""
    call_command("load_demo", verbosity=0)
    services.setup_staff_groups()
    editor = get_user_model().objects.create_user("ed", password="x-long-password-1")
    round_ = Round.objects.published().select_related("dialogue").first()
    round_.city = "Havana (edited)"
    round_._history_user = editor
    round_.save()
    dialogue = Dialogue.objects.first()
    dialogue.description = "Edited description."
    dialogue.save()
    services.round_start_next(
        round=Round.objects.published().order_by("-number").first(), by=editor
    )


@pytest.mark.parametrize("options", [DOCUMENTED, []], ids=["documented", "plain dumpdata"])
def test_a_backup_restores_every_table_and_page_into_an_empty_database(
    recorded_history, tmp_path, options
):
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *options, output=str(backup), verbosity=0)
    tables = [t for t in connection.introspection.table_names() if t != "django_migrations"]
    source = table_rows(connection.connection, tables)
    assert source["rounds_historicalround"] and source["rounds_historicalround_topics"]
    client = Client()
    expected_pages = {url: client.get(url).content.decode() for url in PAGES}

    empty = EmptyDatabase(tmp_path)
    try:
        manage(empty.url, "migrate", "-v", "0")
        manage(empty.url, "loaddata", str(backup), "-v", "0")
        restored_connection = empty.connect()
        try:
            restored = table_rows(restored_connection, tables)
        finally:
            restored_connection.close()
        for table in tables:
            assert restored[table] == source[table], table
        assert pages_of(empty.url) == expected_pages
    finally:
        empty.drop()
