"""Alerts: a missed target that someone must act on (a report overdue for publication, and later a deferral
request or a concern not answered in time). Raised by `inspectorate raise-alerts`, run on a schedule."""

from django.db import models
from django.db.models import Q


class Alert(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION_OVERDUE = "publication_overdue", "Report overdue for publication"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="alerts", null=True, blank=True
    )
    message = models.TextField()
    due_on = models.DateField(help_text="The target that was missed")
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            # One open alert of a kind per inspection: raising again is a no-op until it is resolved.
            models.UniqueConstraint(
                fields=["kind", "inspection"], condition=Q(resolved_at__isnull=True), name="one_open_alert_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"
