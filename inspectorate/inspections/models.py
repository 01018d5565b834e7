"""Inspections run in the system: their current state, and their history as appended rows.

The current state and `version` on Inspection are kept in step with the appended StateChange rows in one
transaction (services.lifecycle). Judgements, evidence notes and report drafts are appended too: a changed grade
is a new row, so quality assurance's changes stay visible. Meanings: ../shared/domain/inspection-process.md.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspectorate.domain.workflow import State

STATE_LABELS = {
    State.PLANNED: "Planned",
    State.NOTIFIED: "Notified",
    State.PLANNING_CALL_HELD: "Planning call held",
    State.ON_SITE: "On site",
    State.FINAL_FEEDBACK_GIVEN: "Final feedback given",
    State.DRAFTING: "Drafting the report",
    State.QUALITY_ASSURANCE: "Quality assurance",
    State.FACTUAL_ACCURACY_CHECK: "Factual-accuracy check",
    State.FINALISED: "Finalised",
    State.PUBLISHED: "Published",
    State.FOLLOW_UP_DECIDED: "Follow-up decided",
    State.DEFERRED: "Deferred",
    State.ENTRY_REFUSED: "Entry refused",
    State.PAUSED: "Paused",
    State.INCOMPLETE: "Incomplete: paused too long",
    State.SUSPENDED_FOR_SAFEGUARDING_RETURN: "Suspended for a safeguarding return",
    State.WITHDRAWN: "Withdrawn",
}


class Inspection(models.Model):
    class FollowUp(models.TextChoices):
        MONITORING = "monitoring", "Monitoring inspection"
        RETURN_VISIT = "return_visit", "Return visit"
        NONE = "none", "None"

    establishment = models.ForeignKey(
        "register.Establishment", on_delete=models.PROTECT, related_name="lifecycle_inspections"
    )
    framework_code = models.CharField(max_length=32)
    state = models.CharField(
        max_length=40, choices=[(s.value, STATE_LABELS[s]) for s in State], default=State.PLANNED.value, db_index=True
    )
    # Bumped by every transition: a transition that read an older version loses (a conflict, HTTP 409).
    version = models.PositiveIntegerField(default=1)
    starts_on = models.DateField(help_text="The first on-site day planned")
    on_site_days_planned = models.PositiveSmallIntegerField(default=2)
    on_site_days_done = models.PositiveSmallIntegerField(default=0)
    notified_at = models.DateTimeField(null=True, blank=True)
    first_on_site_day = models.DateField(null=True, blank=True)
    last_on_site_day = models.DateField(null=True, blank=True)
    publication_target = models.DateField(null=True, blank=True)
    draft_issued_on = models.DateField(null=True, blank=True)
    factual_accuracy_deadline = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    working_days_to_publication = models.PositiveSmallIntegerField(null=True, blank=True)
    paused_on = models.DateField(null=True, blank=True)
    return_visit_by = models.DateField(null=True, blank=True)
    follow_up = models.CharField(max_length=20, choices=FollowUp.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["establishment", "starts_on"])]

    def __str__(self) -> str:
        return f"Inspection {self.reference} ({self.state})"

    @property
    def reference(self) -> str:
        return f"INS-{self.pk:06d}"

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state_enum]


class TeamMember(models.Model):
    class Capacity(models.TextChoices):
        LEAD = "lead", "Lead inspector"
        TEAM = "team", "Team inspector"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inspection_teams")
    capacity = models.CharField(max_length=10, choices=Capacity.choices)

    class Meta:
        ordering = ["capacity", "pk"]
        constraints = [models.UniqueConstraint(fields=["inspection", "inspector"], name="one_place_per_inspector")]

    def __str__(self) -> str:
        return f"{self.inspector} ({self.capacity})"


class StateChange(models.Model):
    """One transition, appended: who took which action, when, from which state to which, why, with what data."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="state_changes")
    sequence = models.PositiveIntegerField()
    action = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True)
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["inspection", "sequence"]
        constraints = [models.UniqueConstraint(fields=["inspection", "sequence"], name="one_change_per_sequence")]

    def __str__(self) -> str:
        return f"{self.inspection_id}#{self.sequence} {self.action}"


class EvidenceNote(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="evidence_notes")
    area = models.CharField(max_length=60)
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "area", "at", "pk"]

    def __str__(self) -> str:
        return f"Evidence {self.pk} on {self.area}"


class Judgement(models.Model):
    """A grade for one area (or safeguarding, or the category of concern), appended; the latest per area counts."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    area = models.CharField(max_length=60)
    grade = models.CharField(max_length=40)
    rationale = models.TextField(blank=True)
    evidence = models.ManyToManyField(EvidenceNote, blank=True, related_name="judgements")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "area", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.area}: {self.grade}"


class ReportDraft(models.Model):
    """One version of the report's text; the latest is the report. Earlier versions stay for quality assurance."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="report_drafts")
    summary = models.TextField()
    area_texts = models.JSONField(default=dict, blank=True)  # area -> paragraph(s)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "at", "pk"]

    def __str__(self) -> str:
        return f"Report draft {self.pk}"


class FactualAccuracyComment(models.Model):
    """The school's comments on the draft, within the factual-accuracy window."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="factual_accuracy_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    at = models.DateTimeField()

    class Meta:
        ordering = ["inspection", "at", "pk"]

    def __str__(self) -> str:
        return f"Comment {self.pk}"


class RegionalContact(models.Model):
    """Policy data: the Department's named regional contact who is told of a provisional inadequate outcome."""

    ofsted_region = models.CharField(max_length=60)
    contact = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    effective_from = models.DateField()

    class Meta:
        ordering = ["ofsted_region", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.ofsted_region}: {self.contact}"
