"""The outbox: every email and SMS the system means to send, one row per event and recipient.

A message is written in the transaction of the event that causes it, under a unique key, so an event retried or
replayed never messages the same person twice; the background worker sends it afterwards (docs/adr/0019)."""

from django.conf import settings
from django.db import models


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will retry"
        GAVE_UP = "gave_up", "Failed, gave up"
        UNKNOWN = "unknown", "Outcome unknown: check before resending"
        RESOLVED = "resolved", "Checked by a person"

    key = models.CharField(max_length=200, unique=True, help_text="event and recipient: one message each")
    event = models.CharField(max_length=120, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to = models.CharField(max_length=200, help_text="the email address or phone number")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # When the attempt now under way began: a message left `sending` long after this was interrupted mid-send.
    sending_since = models.DateTimeField(null=True, blank=True)
    # A person's decision on a message whose outcome was unknown or that was given up on (also in the audit trail).
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.channel} to {self.to}: {self.subject or self.body[:40]}"
