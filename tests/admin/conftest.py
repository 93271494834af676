"""Staff fixtures of the admin tests."""

import pytest
from django.test import Client

from rounds import services
from tests.admin.pages import make_staff


@pytest.fixture
def groups():
    return {group.name: group for group in services.setup_staff_groups()}


@pytest.fixture
def publisher(groups):
    return make_staff("pia", groups[services.PUBLISHERS])


@pytest.fixture
def editor(groups):
    return make_staff("ed", groups[services.EDITORS])


@pytest.fixture
def publisher_client(publisher):
    client = Client()
    client.force_login(publisher)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
