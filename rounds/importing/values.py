"""Reading the values of an import file, each error naming the record and field it concerns."""

import datetime
import re
from typing import Any

from django.db import models

from rounds.models import (
    DatePrecision,
)


class ImportFailed(Exception):
    """A problem in the file, with the path of the record and field it concerns."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


_TYPE_NAMES = {int: "whole number", str: "string", dict: "JSON object", list: "list"}


def expect(value: Any, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
        raise ImportFailed(where, f"{what} must be a {names}, not {type(value).__name__}.")
    return value


def records_of(parent: dict, key: str, where: str) -> list[tuple[str, dict]]:
    items = expect(parent.get(key) or [], list, f"{where}{key}", key)
    out = []
    for index, item in enumerate(items):
        path = f"{where}{key}[{index}]"
        out.append((path, expect(item, dict, path, "each entry")))
    return out


def text_of(record: dict, key: str, where: str, *, required: bool = False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise ImportFailed(f"{where} › {key}", "This field is required.")
        return ""
    expect(value, str, f"{where} › {key}", key)
    if "\x00" in value:
        raise ImportFailed(f"{where} › {key}", "Contains a NUL character.")
    return value.strip()


def lines_of(record: dict, key: str, where: str) -> str:
    value = record.get(key) or []
    if isinstance(value, str):
        value = [value]
    expect(value, list, f"{where} › {key}", key)
    for item in value:
        expect(item, str, f"{where} › {key}", f"each item of {key}")
    return "\n".join(item.strip() for item in value if item.strip())


_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial_date(value: str) -> tuple[datetime.date, str]:
    """Parse 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' into its first day and precision."""
    match = _PARTIAL_DATE.match(value.strip())
    if not match:
        raise ValueError(f"“{value}” is not a date; use YYYY-MM-DD, YYYY-MM or YYYY.")
    year, month, day = match.groups()
    precision = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
    try:
        return datetime.date(int(year), int(month or 1), int(day or 1)), precision
    except ValueError as exc:
        raise ValueError(f"“{value}” is not a real date ({exc}).") from None


def date_of(record: dict, key: str, where: str, *, required: bool = False):
    raw = text_of(record, key, where, required=required)
    if not raw:
        return None, None
    try:
        return parse_partial_date(raw)
    except ValueError as exc:
        raise ImportFailed(f"{where} › {key}", str(exc)) from None


def choice_of(record: dict, key: str, where: str, choices: type[models.TextChoices], default: str):
    value = text_of(record, key, where) or default
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        raise ImportFailed(f"{where} › {key}", f"“{value}” is not one of: {allowed}.")
    return value
