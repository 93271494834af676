"""Writers that go through forms and bulk paths move the data version too: intake, an admin
inline row."""

import pytest
from django.urls import reverse

from rounds.models import Round
from tests.admin.pages import page_data
from tests.factories import make_delegate, make_delegation, make_person
from tests.intake.communiques import SEED, build_cuba_us, read, submitted

pytestmark = pytest.mark.django_db

INTAKE = reverse("admin:rounds_round_from_communique")


def test_intake_moves_the_version(cached, token, admin_client):
    cuba_us = build_cuba_us()
    paste = {"c-text": read(SEED), "c-kind": "communique", "c-date": "2018-07-10"}
    preview = admin_client.post(INTAKE, {**paste, "step": "preview"})
    assert preview.status_code == 200 and "form" in preview.context
    data = {**submitted(preview.context["paste_form"]), **submitted(preview.context["form"])}
    before = token()
    response = admin_client.post(INTAKE, {**data, "step": "confirm"})
    assert response.status_code == 302
    assert Round.objects.filter(dialogue=cuba_us, number=4).exists()
    assert token() != before


def test_an_admin_inline_row_moves_the_version(cached, token, admin_client):
    round_ = build_cuba_us().rounds.get(number=3)
    delegation = make_delegation(round=round_, country=round_.dialogue.party_a)
    make_delegate(delegation=delegation, person=make_person(country=delegation.country))
    url = reverse("admin:rounds_delegation_change", args=[delegation.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    data = page_data(page)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.forms and formset.forms[0].instance.pk:
            data[f"{formset.prefix}-0-DELETE"] = "on"  # an inline row deleted
    before = token()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in [response.context["adminform"].form]
    ]
    assert not delegation.delegates.exists()
    assert token() != before
