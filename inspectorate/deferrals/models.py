"""Deferral requests and blanket deferral windows: records beside the lifecycle. A granted request takes the
lifecycle's `defer` transition; the request itself is never deleted or rewritten after its decision."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspectorate.domain.deferral_policy import BY_CODE


class BlanketDeferralWindow(models.Model):
    """Every request for an inspection starting in [first_day, last_day] is granted unless there are significant
    concerns (as Ofsted did for the week of 11 December 2023)."""

    first_day = models.DateField()
    last_day = models.DateField()
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    declared_at = models.DateTimeField()

    class Meta:
        ordering = ["-first_day", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")), name="window_in_order")
        ]

    def __str__(self) -> str:
        return f"Blanket deferral window {self.first_day} to {self.last_day}"


class DeferralRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting a decision"
        GRANTED = "granted", "Granted"
        DECLINED = "declined", "Declined"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="deferral_requests")
    ground = models.CharField(max_length=40)
    details = models.TextField()
    unavailable_from = models.DateField(null=True, blank=True)
    unavailable_until = models.DateField(null=True, blank=True)
    significant_concerns = models.TextField(
        blank=True, help_text="why a blanket window should not grant this request at once"
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    response_due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    decider = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reasons = models.TextField(blank=True)
    blanket_window = models.ForeignKey(
        BlanketDeferralWindow, on_delete=models.PROTECT, null=True, blank=True, related_name="requests"
    )
    overdue_alerted_at = models.DateTimeField(null=True, blank=True, help_text="when the duty desk was alerted")

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Deferral request {self.pk} ({self.status})"

    @property
    def ground_label(self) -> str:
        ground = BY_CODE.get(self.ground)
        return ground.label if ground else self.ground
