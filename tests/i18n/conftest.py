import pytest
from django.core.management import call_command
from django.utils.translation import trans_real


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs():
    """The Spanish pages need the compiled catalog (`make install` builds it; .mo files are
    not committed): compile it here too, so these tests never read a stale one."""
    call_command(
        "compilemessages",
        locale=["es"],
        ignore_patterns=[".venv", "*/site-packages/*"],
        verbosity=0,
    )
    trans_real._translations.clear()
    trans_real._default = None
    trans_real._active = trans_real.Local()
