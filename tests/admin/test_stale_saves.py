"""No lost updates: every admin change form, and every row of its inlines, refuses to save
over a change made since it was loaded (rounds/admin/stale.py)."""

import pytest
from django.contrib import admin as django_admin

from rounds.models import Communique, Delegate, Dialogue, Ministry, Office, RoundStatus
from tests.admin.pages import (
    change_url,
    error_codes,
    page_data,
)
from tests.factories import (
    make_communique,
    make_delegate,
    make_delegation,
    make_dialogue,
    make_ministry,
    make_person,
    make_round,
    make_topic,
)

pytestmark = pytest.mark.django_db


def make_office() -> Office:
    return Office.objects.create(ministry=make_ministry(), title="Minister")


def two_stale_saves(client, obj, field: str, first: str, second: str):
    """Two people load the same form; the first saves, then the second."""
    page_a = page_data(client.get(change_url(obj)))
    page_b = dict(page_a)
    page_a[field] = first
    assert client.post(change_url(obj), page_a).status_code == 302, "the first save works"
    page_b[field] = second
    return client.post(change_url(obj), page_b)


@pytest.fixture
def draft():
    return make_round(status=RoundStatus.DRAFT)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda draft: make_communique(round=draft), "title"),
        (lambda draft: draft.dialogue, "description"),
        (lambda draft: make_delegate(delegation=make_delegation(round=draft)), "title"),
        (lambda draft: make_ministry(), "aliases"),
        (lambda draft: make_person(), "notes"),
        (lambda draft: make_topic(), "description"),
        (
            lambda draft: Office.objects.create(ministry=make_ministry(), title="Minister"),
            "aliases",
        ),
        (lambda draft: make_dialogue().party_a, "aliases"),
    ],
    ids=["communique", "dialogue", "delegate", "ministry", "person", "topic", "office", "country"],
)
def test_the_second_of_two_stale_saves_is_refused(publisher_client, draft, build, field):
    obj = build(draft)
    response = two_stale_saves(publisher_client, obj, field, "First person's text", "Second")
    assert "edit_conflict" in error_codes(response)
    text = response.content.decode()
    assert "while you were editing it" in text and "Nothing was saved" in text
    obj.refresh_from_db()
    assert getattr(obj, field) == "First person's text"


def test_the_conflict_names_who_saved_first(publisher_client, editor_client, draft):
    communique = make_communique(round=draft, title="MINREX")
    stale = page_data(editor_client.get(change_url(communique)))
    fresh = page_data(publisher_client.get(change_url(communique)))
    fresh["title"] = "MINREX communiqué"
    assert publisher_client.post(change_url(communique), fresh).status_code == 302
    stale["text"] = "The full text."
    response = editor_client.post(change_url(communique), stale)
    assert "last change by pia" in response.content.decode()
    assert Communique.objects.get(pk=communique.pk).text == ""


def test_an_inline_row_changed_elsewhere_is_not_overwritten(publisher_client, draft):
    """The delegation page's delegate rows: one person edits a delegate on its own page,
    another saves the delegation page loaded before."""
    delegate = make_delegate(delegation=make_delegation(round=draft), title="Director")
    stale = page_data(publisher_client.get(change_url(delegate.delegation)))
    fresh = page_data(publisher_client.get(change_url(delegate)))
    fresh["title"] = "Director General"
    assert publisher_client.post(change_url(delegate), fresh).status_code == 302
    response = publisher_client.post(change_url(delegate.delegation), stale)
    assert "edit_conflict" in error_codes(response)
    assert Delegate.objects.get(pk=delegate.pk).title == "Director General"


def test_a_save_without_a_conflict_still_works_and_many_in_a_row(publisher_client):
    dialogue = make_dialogue()
    for n in range(3):
        data = page_data(publisher_client.get(change_url(dialogue)))
        data["description"] = f"Version {n}"
        assert publisher_client.post(change_url(dialogue), data).status_code == 302
    assert Dialogue.objects.get(pk=dialogue.pk).description == "Version 2"


def test_a_form_without_its_stamp_is_refused(publisher_client):
    ministry = make_ministry()
    data = page_data(publisher_client.get(change_url(ministry)))
    data.pop("loaded_state")
    data["aliases"] = "Overwrite"
    assert "missing_version" in error_codes(publisher_client.post(change_url(ministry), data))
    assert Ministry.objects.get(pk=ministry.pk).aliases == ""


def test_every_change_form_of_the_record_carries_a_stamp_or_a_version(publisher_client, draft):
    """One mechanism for every model: no change form is left without the check."""
    make_delegate(delegation=make_delegation(round=draft))
    make_communique(round=draft)
    Office.objects.create(ministry=make_ministry(), title="Minister")
    make_person()
    for model in django_admin.site._registry:
        if model._meta.app_label != "rounds" or not model.objects.exists():
            continue
        form = publisher_client.get(change_url(model.objects.first())).context["adminform"].form
        assert {"loaded_state", "loaded_version"} & set(form.fields), model.__name__


def test_a_read_only_page_shows_no_stamp(editor_client):
    person = make_delegate(delegation=make_delegation(round=make_round())).person
    page = editor_client.get(change_url(person)).content.decode()
    assert "only a publisher can change" in page
    assert 'name="loaded_state"' not in page and "Loaded state" not in page
