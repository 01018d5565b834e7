"""The inspection workforce as stored: one profile per inspector, with appended training records, leave and
declared conflicts of interest. `records.inspector_record` turns a profile into the domain's `Inspector`, the one
model national allocation and the lifecycle's planning both judge by."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspectorate.domain.scheduling.workforce import Employment, TrainingKind


class InspectorProfile(models.Model):
    class EmploymentKind(models.TextChoices):
        EMPLOYED = Employment.EMPLOYED.value, "Employed (His Majesty's Inspector)"
        CONTRACTED = Employment.CONTRACTED.value, "Contracted (Ofsted Inspector)"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_profile")
    employment = models.CharField(max_length=12, choices=EmploymentKind.choices)
    may_lead = models.BooleanField(default=False, help_text="For a contracted inspector; employed ones may always")
    home_district = models.CharField(max_length=8, blank=True, help_text="Postcode district (outcode), e.g. RG4")
    home_latitude = models.FloatField(null=True, blank=True)
    home_longitude = models.FloatField(null=True, blank=True)
    phases = models.JSONField(default=list, blank=True)  # the register's phase names, e.g. ["Primary"]
    specialisms = models.JSONField(default=list, blank=True)
    weekly_limit = models.PositiveSmallIntegerField(default=1)
    is_generated = models.BooleanField(default=False, help_text="A fictional record, never a real person")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "user__username"]

    def __str__(self) -> str:
        return f"Inspector profile of {self.user}"


class TrainingRecord(models.Model):
    """One completed course. Appended, never edited: a renewal is a new record, and the latest expiry counts."""

    class Kind(models.TextChoices):
        SAFEGUARDING = TrainingKind.SAFEGUARDING.value, "Safeguarding"
        MENTAL_HEALTH_AWARENESS = TrainingKind.MENTAL_HEALTH_AWARENESS.value, "Mental-health awareness"
        FRAMEWORK = TrainingKind.FRAMEWORK.value, "The framework in force"
        LEADING = TrainingKind.LEADING.value, "Leading inspections"

    inspector = models.ForeignKey(InspectorProfile, on_delete=models.CASCADE, related_name="training_records")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    completed_on = models.DateField()
    expires_on = models.DateField(help_text="The last day it still counts")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-expires_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("completed_on")), name="training_expires_after_completion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} training of {self.inspector.user}, to {self.expires_on}"


class LeavePeriod(models.Model):
    inspector = models.ForeignKey(InspectorProfile, on_delete=models.CASCADE, related_name="leave_periods")
    first_day = models.DateField()
    last_day = models.DateField()
    reason = models.CharField(max_length=100, default="leave")

    class Meta:
        ordering = ["first_day", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="leave_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason}: {self.first_day} to {self.last_day}"


class ConflictOfInterest(models.Model):
    """A declared interest: a school the inspector worked at (by URN) or a trust they are connected with."""

    inspector = models.ForeignKey(InspectorProfile, on_delete=models.CASCADE, related_name="conflicts")
    urn = models.PositiveIntegerField(null=True, blank=True)
    trust_uid = models.CharField(max_length=20, blank=True)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(urn__isnull=False, trust_uid="") | models.Q(urn__isnull=True) & ~models.Q(trust_uid="")
                ),
                name="conflict_names_a_school_or_a_trust",
            )
        ]

    def __str__(self) -> str:
        return f"Conflict of {self.inspector.user}: {self.urn or self.trust_uid}"
