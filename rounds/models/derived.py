"""Figures stored beside the record because public pages read them on every request, and the
signal receivers that keep them true after any write (admin, intake, import, services, shell):

- a request's public status (`CooperationRequest.public_status*`, rule `status_subqueries`);
- a dialogue's published rounds and their first and last dates (`Dialogue.public_*`, rule
  `round_totals`);
- a topic's published rounds (`ThreatTopic.public_round_count`, rule `topic_round_count`).

Each rule is written once, as SQL expressions; the refresh methods store it in one UPDATE
(`store_derived`). `bulk_create`, COPY and queryset `update()` send no signal: code that writes
that way calls `refresh_all()` (or a narrower refresh) itself.
"""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .dialogues import Dialogue, Round
from .reference import ThreatTopic
from .requests import CooperationRequest, RequestUpdate


def refresh_all() -> None:
    """Store every derived figure again (after a bulk load)."""
    CooperationRequest.objects.refresh_public_status()
    Dialogue.objects.refresh_round_totals()
    ThreatTopic.objects.refresh_round_counts()


def refresh_after_update_write(sender, instance: RequestUpdate, **_kwargs) -> None:
    """An update was saved or deleted: its request's public status may have moved."""
    ids = {instance.request_id, getattr(instance, "loaded_request_id", None)} - {None}
    CooperationRequest.objects.filter(pk__in=ids).refresh_public_status()


def refresh_own_row(sender, instance, **_kwargs) -> None:
    """A request, dialogue or topic was saved: save() wrote the figures it had in memory,
    which another transaction may have moved since it was read; store them again."""
    queryset = sender._default_manager.filter(pk=instance.pk)
    if sender is CooperationRequest:
        queryset.refresh_public_status()
    elif sender is Dialogue:
        queryset.refresh_round_totals()
    else:
        queryset.refresh_round_counts()


def refresh_after_round_save(sender, instance: Round, raw: bool = False, **_kwargs) -> None:
    """A round was saved: publishing, unpublishing, moving, renumbering or redating it moves
    its dialogue's figures, its topics' counts and the status of every request it has an
    update of. A save that changed none of these (most edits) refreshes nothing."""
    if not raw and not instance.changed_what_derived_figures_read():
        return
    loaded = getattr(instance, "loaded_values", {})
    dialogues = {instance.dialogue_id, loaded.get("dialogue_id")} - {None}
    Dialogue.objects.filter(pk__in=dialogues).refresh_round_totals()
    ThreatTopic.objects.filter(rounds=instance).refresh_round_counts()
    CooperationRequest.objects.filter(updates__round=instance).refresh_public_status()
    instance.remember_loaded_values()


def remember_topics_before_delete(sender, instance: Round, **_kwargs) -> None:
    """The round's topic links are deleted with it, before post_delete: note them now."""
    instance.topic_ids_before_delete = list(instance.topics.values_list("pk", flat=True))


def refresh_after_round_delete(sender, instance: Round, **_kwargs) -> None:
    Dialogue.objects.filter(pk=instance.dialogue_id).refresh_round_totals()
    topic_ids = getattr(instance, "topic_ids_before_delete", [])
    ThreatTopic.objects.filter(pk__in=topic_ids).refresh_round_counts()


def refresh_after_topics_change(sender, instance, action: str, reverse: bool, pk_set, **_kw):
    """Round.topics changed, from either side: recount the topics concerned."""
    if action == "pre_clear" and not reverse:
        instance.topic_ids_before_clear = list(instance.topics.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # topic.rounds.add(...): the one topic changed
        topics = Q(pk=instance.pk)
    elif action == "post_clear":
        topics = Q(pk__in=getattr(instance, "topic_ids_before_clear", []))
    else:
        topics = Q(pk__in=pk_set or [])
    ThreatTopic.objects.filter(topics).refresh_round_counts()


def connect() -> None:
    """Connect the receivers (from RoundsConfig.ready())."""
    uid = "diplotrack_derived_"
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(refresh_after_update_write, sender=RequestUpdate, dispatch_uid=uid + name)
    for model in (CooperationRequest, Dialogue, ThreatTopic):
        post_save.connect(refresh_own_row, sender=model, dispatch_uid=uid + model.__name__)
    post_save.connect(refresh_after_round_save, sender=Round, dispatch_uid=uid + "round_save")
    pre_delete.connect(remember_topics_before_delete, sender=Round, dispatch_uid=uid + "pre")
    post_delete.connect(refresh_after_round_delete, sender=Round, dispatch_uid=uid + "delete")
    m2m_changed.connect(
        refresh_after_topics_change, sender=Round.topics.through, dispatch_uid=uid + "topics"
    )
