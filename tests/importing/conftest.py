"""The import tests' fixtures, for every module here."""

import json

import pytest


@pytest.fixture
def write(tmp_path):
    """Write a file to import (a dict as JSON, or text as it is); return its path."""

    def write(data, name="rounds.json"):
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write
