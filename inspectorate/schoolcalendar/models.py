"""Imported term calendars: a local authority's or one school's holidays and closures.

A school uses its own calendar when one is imported, else its local authority's (see services.school_calendar).
Rows are written only by `term_dates_import`; a calendar is found by its scope and key, so a re-import replaces
that calendar's holidays rather than adding a second calendar.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from inspectorate.domain.term_date_files import HOLIDAY_NAME_LENGTH, LOCAL_AUTHORITY_LENGTH, Scope
from inspectorate.domain.working_days import HolidayKind

SOURCE_FILE_LENGTH = 255


class TermCalendar(models.Model):
    class Scope(models.TextChoices):
        LOCAL_AUTHORITY = Scope.LOCAL_AUTHORITY.value, "Local authority"
        SCHOOL = Scope.SCHOOL.value, "School"

    scope = models.CharField(max_length=20, choices=Scope.choices)
    local_authority = models.CharField(max_length=LOCAL_AUTHORITY_LENGTH, blank=True, default="")
    urn = models.PositiveIntegerField(null=True, blank=True)
    source_file = models.CharField(max_length=SOURCE_FILE_LENGTH)
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority"],
                condition=Q(scope="local_authority"),
                name="one_calendar_per_local_authority",
            ),
            models.UniqueConstraint(fields=["urn"], condition=Q(scope="school"), name="one_calendar_per_school"),
            models.CheckConstraint(
                condition=(Q(scope="local_authority") & Q(urn__isnull=True) & ~Q(local_authority=""))
                | (Q(scope="school") & Q(urn__isnull=False) & Q(local_authority="")),
                name="calendar_key_matches_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.local_authority if self.scope == self.Scope.LOCAL_AUTHORITY else f"URN {self.urn}"


class CalendarHoliday(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = HolidayKind.HOLIDAY.value, "Holiday"
        CLOSURE = HolidayKind.CLOSURE.value, "Closure"

    calendar = models.ForeignKey(TermCalendar, on_delete=models.CASCADE, related_name="holidays")
    first_day = models.DateField()
    last_day = models.DateField()
    name = models.CharField(max_length=HOLIDAY_NAME_LENGTH)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)

    class Meta:
        constraints = [
            # Periods of one calendar never overlap (the import refuses it), so the first day is a key.
            models.UniqueConstraint(fields=["calendar", "first_day"], name="one_holiday_per_first_day"),
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="holiday_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_day} to {self.last_day})"
