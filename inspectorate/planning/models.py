"""Schedule plans made from the database, with every figure that says how good they are, and their assignments.

A plan is kept whole once made (its figures describe the problem as it stood); accepting it links each assignment
to the planned inspection it became, and a re-plan after a deferral is a new plan pointing at the one it replaces.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SchedulePlan(models.Model):
    class Workforce(models.TextChoices):
        REAL = "real", "Real workforce"
        GENERATED = "generated", "Generated, fictional workforce"

    class Schools(models.TextChoices):
        REGISTER = "register", "Schools on the register"
        FICTIONAL = "fictional", "The demo's fictional schools"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACCEPTED = "accepted", "Accepted: planned inspections created"
        REPLACED = "replaced", "Replaced by a re-plan"

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    starts_on = models.DateField(help_text="The plan's start date: its 'today' for who is due")
    weeks = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=60, blank=True, help_text="One Ofsted region, or blank for all")
    schools = models.CharField(max_length=10, choices=Schools.choices, default=Schools.REGISTER)
    selection = models.CharField(max_length=10, default="capacity")
    workforce = models.CharField(max_length=10, choices=Workforce.choices)
    workforce_notice = models.TextField()
    seed = models.IntegerField(default=0)
    time_limit_s = models.FloatField()
    is_exercise = models.BooleanField(help_text="Made with a generated workforce: an exercise, not a plan to carry out")
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replanned_as"
    )  # the plan this one re-plans after a deferral or a pause
    urns = models.JSONField(default=list)  # every school in the problem, placed or not (a re-plan rebuilds from it)
    notes = models.JSONField(default=list)  # what the scheduler should know about the problem as read
    unplaced = models.JSONField(default=list)  # [{"urn", "name", "reason"}]: schools the plan could not cover
    queue_size = models.PositiveIntegerField(default=0)
    inspectors = models.PositiveIntegerField(default=0)
    slots = models.PositiveSmallIntegerField(default=0)
    # The figures: every value is total = constant (lateness no plan can avoid) + avoidable.
    constant = models.BigIntegerField(help_text="Lateness no plan can avoid: the same for every plan of the problem")
    greedy_value = models.FloatField()
    greedy_travel_km = models.PositiveIntegerField()
    greedy_days_late = models.PositiveIntegerField()
    greedy_unplaced = models.PositiveIntegerField()
    solver_value = models.FloatField()
    solver_avoidable = models.FloatField()
    travel_km = models.PositiveIntegerField()
    days_late = models.PositiveIntegerField()
    days_above_share = models.IntegerField(
        help_text="On-site days above the fair share of their employment, over all inspectors"
    )
    unplaced_count = models.PositiveIntegerField()
    solver_status = models.TextField()
    solver_bound = models.FloatField(null=True, blank=True)
    solver_bound_scope = models.TextField(help_text="What the solver's bound bounds, or why there is none")
    lower_bound = models.FloatField(null=True, blank=True)
    lower_bound_relaxation = models.TextField(blank=True)
    lower_bound_note = models.TextField(blank=True)
    violations = models.PositiveIntegerField(help_text="Hard constraints the independent checker found broken")
    seconds = models.FloatField()
    changed = models.JSONField(default=dict)  # for a re-plan: URN -> why its assignment had to change
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Schedule plan {self.pk} from {self.starts_on} for {self.weeks} week(s)"

    @property
    def greedy_avoidable(self) -> float:
        return self.greedy_value - self.constant


class PlannedAssignment(models.Model):
    """One school's place in a plan: its dates and team. `lead_user` is null for a generated inspector."""

    plan = models.ForeignKey(SchedulePlan, on_delete=models.CASCADE, related_name="assignments")
    urn = models.PositiveIntegerField()
    school_name = models.CharField(max_length=200)
    notify_on = models.DateField()
    on_site = models.JSONField()  # the on-site days, ISO dates in order
    first_day = models.DateField()
    due_date = models.DateField()
    priority = models.IntegerField()
    lead_ref = models.CharField(max_length=40, help_text="The lead's id in the workforce the plan was made with")
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_name = models.CharField(max_length=200)
    team_refs = models.JSONField(default=list)
    team_names = models.JSONField(default=list)
    travel_km = models.PositiveIntegerField()
    days_late = models.PositiveIntegerField()
    changed = models.BooleanField(default=False, help_text="In a re-plan: different from the plan it replaces")
    reason = models.TextField(
        blank=True, help_text="Why this school, this week and this team, in plain words (planning/reasons.py)"
    )
    inspection = models.ForeignKey(
        "inspections.Inspection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["first_day", "urn"]
        constraints = [models.UniqueConstraint(fields=["plan", "urn"], name="one_assignment_per_school_per_plan")]

    def __str__(self) -> str:
        return f"URN {self.urn} on {self.first_day} in plan {self.plan_id}"
