"""Helpers of the admin tests: staff users and admin forms as a browser would post them."""

import datetime

from django.contrib.auth import get_user_model
from django.forms import ModelMultipleChoiceField
from django.urls import reverse

PASSWORD = "a-long-test-password-42"


def make_staff(username, group=None, **extra):
    user = get_user_model().objects.create_user(
        username=username, password=PASSWORD, is_staff=True, **extra
    )
    if group is not None:
        user.groups.add(group)
    return user


def change_url(obj):
    return reverse(f"admin:rounds_{obj._meta.model_name}_change", args=[obj.pk])


ROUND_ADD = "admin:rounds_round_add"


def _value(value):
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _form_data(form) -> dict:
    data = {}
    for bound in form:
        value = bound.value()
        if value is None and isinstance(bound.field, ModelMultipleChoiceField):
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [_value(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = _value(value)
    return data


def page_data(response) -> dict:
    """The POST data a browser would send for an admin add/change page, unchanged."""
    data = _form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


def add_inline_row(data: dict, prefix: str, **fields) -> None:
    """Append a new row to an inline formset in POST data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)


def new_round_data(client, dialogue, **fields) -> dict:
    data = page_data(client.get(reverse(ROUND_ADD)))
    data.update(
        {
            "dialogue": str(dialogue.pk),
            "number": "4",
            "start_date": "2018-07-10",
            "end_date": "2018-07-10",
            "date_precision": "day",
            "city": "Washington",
            **fields,
        }
    )
    return data


def error_codes(response) -> set[str]:
    """Every error code on the page: main form, inline rows and inline formsets."""
    assert response.status_code == 200, "expected the form again, with errors"
    codes = set()

    def collect(errors):
        for error_list in errors.values():
            for error in error_list:
                codes.add(error.code)

    collect(response.context["adminform"].form.errors.as_data())
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            collect(form.errors.as_data())
        for error in inline.formset.non_form_errors().as_data():
            codes.add(error.code)
    return codes


def error_text(response) -> str:
    return response.content.decode()
