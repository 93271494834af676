"""The dataset's zip: the import-format JSON, one CSV per table, datapackage.json, a codebook."""

from __future__ import annotations

import csv
import datetime
import io
import json
import zipfile

from .tables import TABLES, Table

JSON_NAME = "diplotrack.json"
CODEBOOK_NAME = "CODEBOOK.md"


def base_name(version: int, created: datetime.datetime) -> str:
    return f"diplotrack-dataset-v{version}-{created:%Y-%m-%d}"


def csv_text(table: Table, record: dict) -> tuple[str, int]:
    """Return the table as CSV text and its number of rows."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in table.columns], lineterminator="\n")
    writer.writeheader()
    count = 0
    for count, row in enumerate(table.rows(record), start=1):  # noqa: B007 - the count is kept
        writer.writerow(row)
    return out.getvalue(), count


def datapackage(version: int, created: datetime.datetime, site_url: str) -> dict:
    """A Frictionless (tabular) Data Package describing every file and column."""
    resources = [
        {
            "name": "record",
            "path": JSON_NAME,
            "title": "The whole record in the DiploTrack import format",
            "description": "Importing it (manage.py import_rounds) reproduces the public site.",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }
    ]
    for table in TABLES:
        schema: dict = {
            "fields": [
                {
                    "name": column.name,
                    "type": column.type,
                    "description": column.description,
                    **({"constraints": {"required": True}} if column.required else {}),
                }
                for column in table.columns
            ],
            "missingValues": [""],
        }
        if table.primary_key:
            schema["primaryKey"] = list(table.primary_key)
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": other, "fields": field}}
                for column, other, field in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "title": table.title,
                "description": table.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "diplotrack",
        "title": "DiploTrack: bilateral law-enforcement dialogues, round by round",
        "description": "The published record of DiploTrack: dialogues, rounds, delegations, "
        "statements, agreements, cooperation requests and communiqués, with sources.",
        "version": f"{version}.0.0",
        "created": created.isoformat(timespec="seconds"),
        "homepage": site_url,
        "resources": resources,
    }


def codebook(version: int, created: datetime.datetime, counts: dict[str, int]) -> str:
    lines = [
        "# DiploTrack dataset — codebook",
        "",
        f"Version {version}, built {created:%Y-%m-%d %H:%M} UTC.",
        "",
        f"- `{JSON_NAME}`: the whole record in the import format (docs/import-format.md);",
        "  `python manage.py import_rounds` reads it into an empty DiploTrack.",
        "- One CSV per table below (UTF-8, comma-separated, a header row; empty = no value).",
        "- `datapackage.json`: the same description, machine-readable (Frictionless).",
        "",
        "Only published data: no draft round, nothing recorded at one.",
    ]
    for table in TABLES:
        lines += [
            "",
            f"## {table.title} — `{table.path}` ({counts.get(table.name, 0)} rows)",
            "",
            table.description,
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [
            f"| `{c.name}` | {c.type}{' (required)' if c.required else ''} | {c.description} |"
            for c in table.columns
        ]
    return "\n".join(lines) + "\n"


def build_zip(record: dict, *, version: int, created: datetime.datetime, site_url: str):
    """Return (zip bytes, row counts per table)."""
    folder = base_name(version, created)
    stamped = {
        "format": record["format"],
        "dataset": {"version": version, "created": created.isoformat(timespec="seconds")},
        **record,
    }
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            f"{folder}/{JSON_NAME}", json.dumps(stamped, ensure_ascii=False, indent=1) + "\n"
        )
        for table in TABLES:
            text, counts[table.name] = csv_text(table, record)
            archive.writestr(f"{folder}/{table.path}", text)
        archive.writestr(
            f"{folder}/datapackage.json",
            json.dumps(datapackage(version, created, site_url), ensure_ascii=False, indent=2),
        )
        archive.writestr(f"{folder}/{CODEBOOK_NAME}", codebook(version, created, counts))
    return buffer.getvalue(), counts
