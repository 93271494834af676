"""Versions of the dataset: a new one exactly when the public record changed.

`refresh()` builds the public record, hashes it and compares the hash with the latest
release's; only a different record becomes version N+1 (a draft edited, or a save that changed
nothing public, makes no new version). It runs from `manage.py export_dataset` (say, from cron
after imports) and from the /data/ page when a write to the record marked the dataset stale
(`mark_stale`, connected to every save and delete of the record in RoundsConfig.ready()).
"""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from rounds.cache import current_version
from rounds.models import Country, DatasetRelease, Ministry, ThreatTopic, is_part_of_the_record

from .package import base_name, build_zip
from .records import public_record

STALE_KEY = "dataset:stale"
# The data version (rounds.cache) the last check saw: a write in any worker of any host changes
# it, so a per-process cache (no Redis) still notices what another worker wrote.
CHECKED_KEY = "dataset:checked-version"
BUILD_LOCK_KEY = "dataset:building"
BUILD_LOCK_SECONDS = 15 * 60


def storage():
    return storages["datasets"]


def current_record() -> dict:
    """The whole public record in the import format."""
    return public_record(
        Country.objects.public(), Ministry.objects.public(), ThreatTopic.objects.public()
    )


def digest_of(record: dict) -> str:
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def latest() -> DatasetRelease | None:
    return DatasetRelease.objects.order_by("-version").first()


def mark_stale(sender, **_signal_kwargs) -> None:
    """A write to the record may have changed the public data: check at the next occasion.

    Only a flag in the shared cache, set after the commit; the build itself runs elsewhere.
    """
    if is_part_of_the_record(sender):
        transaction.on_commit(lambda: cache.set(STALE_KEY, True, timeout=None))


def is_stale() -> bool:
    return bool(cache.get(STALE_KEY)) or cache.get(CHECKED_KEY) != current_version().token


def refresh(*, site_url: str = "", force: bool = False) -> DatasetRelease | None:
    """Build a new release if the public record changed (or with `force`); return the latest.

    One build at a time (a cache lock); a caller that finds one running gets the latest.
    """
    if not cache.add(BUILD_LOCK_KEY, True, timeout=BUILD_LOCK_SECONDS):
        return latest()
    try:
        cache.delete(STALE_KEY)  # writes during the build mark it stale again
        before, previous = current_version().token, latest()
        release = _build(site_url=site_url, force=force)
        # A new release is itself a write (the /data/ page changed): it leaves the data checked.
        built = release is not None and (previous is None or release.pk != previous.pk)
        cache.set(CHECKED_KEY, current_version().token if built else before, timeout=None)
        return release
    finally:
        cache.delete(BUILD_LOCK_KEY)


def _build(*, site_url: str, force: bool) -> DatasetRelease | None:
    record = current_record()
    digest = digest_of(record)
    previous = latest()
    unchanged = previous is not None and previous.digest == digest and not force
    if unchanged and storage().exists(previous.filename):
        return previous
    version = (previous.version if previous else 0) + 1
    created = timezone.now()
    content, counts = build_zip(record, version=version, created=created, site_url=site_url)
    filename = base_name(version, created) + ".zip"
    saved = storage().save(filename, ContentFile(content))
    return DatasetRelease.objects.create(
        version=version,
        created_at=created,
        digest=digest,
        filename=saved,
        size=len(content),
        counts=counts,
    )


def open_file(release: DatasetRelease):
    return storage().open(release.filename, "rb")
