"""The staff workspace. One module per group of ModelAdmins; importing them registers them."""

from . import records, reference, rounds  # noqa: F401
