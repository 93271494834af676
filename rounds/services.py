"""Multi-record writes: keyword-only, typed, atomic."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"
PUBLISHERS = "Publishers"

# Editors keep the record; Publishers also decide what the public sees.
_EDITED_MODELS = [
    "country",
    "ministry",
    "person",
    "threattopic",
    "dialogue",
    "round",
    "delegation",
    "delegate",
    "cooperationrequest",
    "requestupdate",
    "communique",
    "statement",
    "agreement",
]
_EDITOR_ACTIONS = ["view", "add", "change", "delete"]


@transaction.atomic
def setup_staff_groups() -> list[Group]:
    """Create or refresh the Editors and Publishers groups; return them."""
    codenames = [f"{action}_{model}" for model in _EDITED_MODELS for action in _EDITOR_ACTIONS]
    editor_perms = list(
        Permission.objects.filter(content_type__app_label="rounds", codename__in=codenames)
    )
    publish = Permission.objects.get(content_type__app_label="rounds", codename="publish_round")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(editor_perms)
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set([*editor_perms, publish])
    return [editors, publishers]
