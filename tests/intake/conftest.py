import pytest

from tests.intake.communiques import build_cuba_us


@pytest.fixture
def cuba_us(db):
    return build_cuba_us()
