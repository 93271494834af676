"""Figures stored beside the record because public pages read them on every request, and the
signal receivers that keep them true after any write (admin, intake, import, services, shell):

- a request's public status (`CooperationRequest.public_status*`, rule `status_subqueries`);
- a dialogue's published rounds and their first and last dates (`Dialogue.public_*`, rule
  `round_totals`);
- a topic's published rounds (`ThreatTopic.public_round_count`, rule `topic_round_count`).

Each rule is written once, as SQL expressions; the refresh methods store it in one UPDATE
(`store_derived`). `bulk_create`, COPY and queryset `update()` send no signal: code that writes
that way calls `refresh_all()` (or a narrower refresh) itself. A bulk write that does send
signals (an import) runs inside `stored_once()`: each figure it moved is stored once, at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import router, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import is_part_of_the_record
from .base import lock_before_writing, lock_derived_figures
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
    mark_stale(requests=ids)


def refresh_own_row(sender, instance, **_kwargs) -> None:
    """A request, dialogue or topic was saved: save() wrote the figures it had in memory,
    which another transaction may have moved since it was read; store them again."""
    if sender is CooperationRequest:
        mark_stale(requests=[instance.pk])
    elif sender is Dialogue:
        mark_stale(dialogues=[instance.pk])
    else:
        mark_stale(topics=[instance.pk])


def refresh_after_round_save(sender, instance: Round, raw: bool = False, **_kwargs) -> None:
    """A round was saved: publishing, unpublishing, moving, renumbering or redating it moves
    its dialogue's figures, its topics' counts and the status of every request it has an
    update of. A save that changed none of these (most edits) refreshes nothing."""
    if not raw and not instance.changed_what_derived_figures_read():
        return
    loaded = getattr(instance, "loaded_values", {})
    dialogues = {instance.dialogue_id, loaded.get("dialogue_id")} - {None}
    mark_stale(dialogues=dialogues, rounds=[instance.pk])
    instance.remember_loaded_values()


def remember_topics_before_delete(sender, instance: Round, **_kwargs) -> None:
    """The round's topic links are deleted with it, before post_delete: note them now."""
    instance.topic_ids_before_delete = list(instance.topics.values_list("pk", flat=True))


def refresh_after_round_delete(sender, instance: Round, **_kwargs) -> None:
    mark_stale(
        dialogues=[instance.dialogue_id], topics=getattr(instance, "topic_ids_before_delete", [])
    )


def refresh_after_topics_change(sender, instance, action: str, reverse: bool, pk_set, **_kw):
    """Round.topics changed, from either side: recount the topics concerned."""
    if action == "pre_clear" and not reverse:
        instance.topic_ids_before_clear = list(instance.topics.values_list("pk", flat=True))
        return
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # topic.rounds.add(...): the one topic changed
        mark_stale(topics=[instance.pk])
    elif action == "post_clear":
        mark_stale(topics=getattr(instance, "topic_ids_before_clear", []))
    else:
        mark_stale(topics=pk_set or [])


@dataclass
class Stale:
    """Records whose stored figures a write moved: by id, and rounds whose topics and requests
    must be refreshed (looked up when stored, so a deferred refresh sees the final links)."""

    dialogues: set = field(default_factory=set)
    topics: set = field(default_factory=set)
    requests: set = field(default_factory=set)
    rounds: set = field(default_factory=set)

    def store(self) -> None:
        if self.dialogues:
            Dialogue.objects.filter(pk__in=self.dialogues).refresh_round_totals()
        topics = self.by_id_or_round(self.topics, Round.topics.through, "threattopic_id")
        if topics:
            ThreatTopic.objects.filter(topics).refresh_round_counts()
        requests = self.by_id_or_round(self.requests, RequestUpdate, "request_id")
        if requests:
            CooperationRequest.objects.filter(requests).refresh_public_status()

    def by_id_or_round(self, ids: set, link, column: str) -> Q:
        """The records of `ids`, and those `link` rows tie to the stale rounds (empty: none)."""
        condition = Q(pk__in=ids) if ids else Q()
        if self.rounds:
            condition |= Q(pk__in=link.objects.filter(round_id__in=self.rounds).values(column))
        return condition


_deferred = threading.local()


@contextmanager
def stored_once() -> Iterator[None]:
    """Around a bulk write inside a transaction (an import, a bulk admin action): the receivers
    only note what moved, and each figure is stored once when the block ends, not once per
    round written. Nested blocks store with the outermost; after an error, or when the block
    marked its transaction for rollback, nothing is stored (the transaction is rolled back)."""
    outer = getattr(_deferred, "stale", None)
    if outer is not None:
        yield
        return
    # Held from now to the end of the transaction, before the rows the import will lock
    # (see base.locked_for_update).
    using = router.db_for_write(Round)
    lock_derived_figures(using)
    _deferred.stale = Stale()
    try:
        yield
        stale, _deferred.stale = _deferred.stale, None
        if not transaction.get_rollback(using):  # a refused bulk action rolls everything back
            stale.store()
    finally:
        _deferred.stale = None


def mark_stale(
    *,
    dialogues: Iterable = (),
    topics: Iterable = (),
    requests: Iterable = (),
    rounds: Iterable = (),
) -> None:
    """Store the figures of these records now, or at the end of the enclosing stored_once()."""
    pending = getattr(_deferred, "stale", None)
    stale = pending if pending is not None else Stale()
    stale.dialogues.update(dialogues)
    stale.topics.update(topics)
    stale.requests.update(requests)
    stale.rounds.update(rounds)
    if pending is None:
        stale.store()


def lock_before_writing_the_record(sender, **kwargs) -> None:
    if is_part_of_the_record(sender):
        lock_before_writing(sender, **kwargs)


def connect_lock() -> None:
    """Connect lock_before_writing_the_record (from RoundsConfig.ready(), before any other
    receiver of these signals: the page cache's moves the data version on m2m pre_add)."""
    for name, signal in (("save", pre_save), ("delete", pre_delete), ("m2m", m2m_changed)):
        signal.connect(lock_before_writing_the_record, dispatch_uid=f"diplotrack_lock_{name}")


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
