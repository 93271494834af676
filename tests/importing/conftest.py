"""The import tests' fixtures, for every module here."""

from tests.importing.test_import import write  # noqa: F401 - a fixture
