"""Concerns raised through the independent route, and learning reviews after a serious incident.

Each has its current standing on the row (routed to whom, acknowledged when, closed when) kept in step, in one
transaction, with appended event rows that are its history: who did what, when, and what was said
(docs/adr/0017). Nothing is edited away: a re-routing or an escalation is a new event."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Concern(models.Model):
    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved with the school"
        INSPECTION_CHANGED = "inspection_changed", "The inspection was changed (a pause, another inspector, a review)"
        NOT_UPHELD = "not_upheld", "Not upheld, with reasons"
        REFERRED_TO_COMPLAINTS = "referred_to_complaints", "Referred to the formal complaints process"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField()
    text = models.TextField()
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="concerns_routed"
    )
    acknowledge_by = models.DateTimeField(help_text="the acknowledgement target, in working hours from raising")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalated_to = models.CharField(max_length=60, blank=True, help_text="the role escalated to (the duty desk)")

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["closed_at", "acknowledge_by"])]

    def __str__(self) -> str:
        return f"Concern {self.pk} about inspection {self.inspection_id}"

    @property
    def reference(self) -> str:
        return f"CON-{self.pk:06d}"


class ConcernEvent(models.Model):
    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        ROUTED = "routed", "Routed"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        RESPONDED = "responded", "Responded"
        ESCALATED = "escalated", "Escalated"
        CLOSED = "closed", "Closed"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["concern", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern_id} {self.kind}"


class LearningReview(models.Model):
    """Opened after a serious incident (a leader's death or serious harm after an inspection). The incident's
    description stays with the people running the review; only the findings are published."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_reviews"
    )
    establishment = models.ForeignKey("register.Establishment", on_delete=models.PROTECT, related_name="+")
    incident = models.TextField(help_text="confidential: never shown on the public page")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_reviews")
    terms_of_reference_due = models.DateField()
    report_due = models.DateField()
    terms_of_reference = models.TextField(blank=True)
    terms_of_reference_on = models.DateField(null=True, blank=True)
    report = models.TextField(blank=True)
    report_on = models.DateField(null=True, blank=True)
    findings = models.TextField(blank=True, help_text="public once published: no personal details")
    findings_published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return f"Learning review {self.pk}"

    @property
    def reference(self) -> str:
        return f"LR-{self.pk:05d}"


class LearningReviewEvent(models.Model):
    class Kind(models.TextChoices):
        OPENED = "opened", "Opened"
        TERMS_RECORDED = "terms_recorded", "Terms of reference recorded"
        REPORT_RECORDED = "report_recorded", "Report recorded"
        FINDINGS_PUBLISHED = "findings_published", "Findings published"

    review = models.ForeignKey(LearningReview, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.review_id} {self.kind}"
