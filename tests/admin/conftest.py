"""Staff fixtures of tests/admin/test_admin.py, for the other admin test modules too."""

from tests.admin.test_admin import (  # noqa: F401 - fixtures
    editor,
    editor_client,
    groups,
    publisher,
    publisher_client,
)
