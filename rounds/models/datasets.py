"""The versions of the public dataset (/data/): one row per build that changed something."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DatasetRelease(models.Model):
    version = models.PositiveIntegerField(
        unique=True, help_text=_("1, 2, 3...: raised only when the public record changed.")
    )
    created_at = models.DateTimeField()
    digest = models.CharField(
        max_length=64, db_index=True, help_text=_("SHA-256 of the public record it holds.")
    )
    filename = models.CharField(max_length=200, unique=True)
    size = models.PositiveBigIntegerField(help_text=_("Bytes of the zip."))
    counts = models.JSONField(default=dict, help_text=_("Rows per table."))

    class Meta:
        ordering = ["-version"]
        verbose_name = _("dataset release")

    def __str__(self) -> str:
        return f"Dataset v{self.version} ({self.created_at:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("rounds:dataset-file", args=[self.filename])
