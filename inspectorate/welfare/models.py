"""Welfare records kept beside an inspection: wellbeing check-ins, signs of distress, and every pause.

Check-ins and distress records are appended and never changed (a follow-up by the duty desk is its own fields, set
once). A pause is one central row per pause: opened when the inspection is paused and closed when it is resumed,
marked incomplete or withdrawn, with the working days it ran and the deadlines it moved (docs/adr/0015)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from inspectorate.domain.wellbeing import Outcome, Point


class WellbeingCheckIn(models.Model):
    class PointChoice(models.TextChoices):
        NOTIFICATION = Point.NOTIFICATION.value, "At notification"
        END_OF_DAY = Point.END_OF_DAY.value, "At the end of an on-site day"
        FINAL_FEEDBACK = Point.FINAL_FEEDBACK.value, "At final feedback"
        FOLLOW_UP = Point.FOLLOW_UP.value, "Follow-up after final feedback"

    class OutcomeChoice(models.TextChoices):
        RECORDED = Outcome.RECORDED.value, "Check-in held"
        DECLINED = Outcome.DECLINED.value, "The headteacher declined it"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="checkins")
    point = models.CharField(max_length=20, choices=PointChoice.choices)
    on_site_day = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=OutcomeChoice.choices)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    # The inspection's version when this was recorded: a check-in counts only for the round it was made in (a
    # re-planned inspection or a safeguarding return visit needs its own).
    inspection_version = models.PositiveIntegerField()

    class Meta:
        ordering = ["inspection", "at", "pk"]

    def __str__(self) -> str:
        day = f" day {self.on_site_day}" if self.on_site_day else ""
        return f"Check-in {self.point}{day}: {self.outcome}"


class DistressRecord(models.Model):
    """Signs of distress an inspector saw, recorded at once; the duty desk follows each one up."""

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="distress")
    person = models.CharField(max_length=200)  # whose distress, by role: "Headteacher", "Deputy headteacher"
    signs = models.TextField()
    on_site_day = models.PositiveSmallIntegerField(null=True, blank=True)
    state_when_recorded = models.CharField(max_length=40)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    followed_up_at = models.DateTimeField(null=True, blank=True)
    follow_up_note = models.TextField(blank=True)

    class Meta:
        ordering = ["inspection", "at", "pk"]

    def __str__(self) -> str:
        return f"Distress recorded {self.pk} ({self.person})"


class PauseRecord(models.Model):
    """One pause of one inspection: who asked, why, when it started and ended, and how many working days it ran."""

    class Ending(models.TextChoices):
        RESUMED = "resumed", "Resumed"
        INCOMPLETE = "incomplete", "Marked incomplete: paused too long"
        WITHDRAWN = "withdrawn", "The inspection was withdrawn"

    inspection = models.ForeignKey("inspections.Inspection", on_delete=models.CASCADE, related_name="pauses")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_as = models.CharField(max_length=60)  # the role they asked in: Lead inspector, Headteacher, ...
    reason = models.TextField()
    after_distress = models.ForeignKey(
        DistressRecord, on_delete=models.SET_NULL, null=True, blank=True, related_name="pauses"
    )
    on_site_day = models.PositiveSmallIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    started_on = models.DateField()
    normally_until = models.DateField()  # the next working day
    at_most_until = models.DateField()  # the policy's limit; after it the inspection becomes incomplete
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    ending = models.CharField(max_length=12, choices=Ending.choices, blank=True)
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    moved = models.JSONField(default=dict, blank=True)  # deadline -> [before, after], ISO dates

    class Meta:
        ordering = ["inspection", "started_at", "pk"]

    def __str__(self) -> str:
        return f"Pause {self.pk} of inspection {self.inspection_id}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None
