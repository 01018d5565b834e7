"""The audit trail: every action, and every view of a provisional outcome, as a hash-chained row.

Rows are only ever appended (services.audit_record). The columns beside `content` are copies for querying; the
hash covers `content`, and `inspectorate audit verify` also checks that the copies still agree with it.
"""

from django.db import models


class AuditEntry(models.Model):
    sequence = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True, db_index=True)
    content = models.JSONField()
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["sequence"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.sequence} {self.action} {self.object_type} {self.object_id}"


class AuditHead(models.Model):
    """One row holding the chain's newest sequence and hash. Appending locks it, so entries never race."""

    sequence = models.PositiveBigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head {self.sequence}"
