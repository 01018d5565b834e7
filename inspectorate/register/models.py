"""The national register: establishments, the inspections the official files record, and GIAS links.

Judgement cells are stored as the file gives them (codes, not labels): see inspectorate.domain.grades.
"""

from django.db import models

SEARCHED = [
    "search_text",
    "postcode",
    "is_fictional",
    "phase",
    "ofsted_region",
    "latest_graded_framework",
    "latest_graded_overall",
    "latest_graded_on",
]


class Establishment(models.Model):
    urn = models.PositiveIntegerField(unique=True)
    laestab = models.CharField(max_length=10, blank=True)
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=40, db_index=True)
    type_of_education = models.CharField(max_length=80)
    type_group = models.CharField(max_length=60, blank=True, help_text="Ofsted's current school type grouping")
    open_date = models.DateField(null=True, blank=True)
    admissions_policy = models.CharField(max_length=60, blank=True)
    sixth_form = models.CharField(max_length=60, blank=True)
    religious_character = models.CharField(max_length=80, blank=True)
    religious_ethos = models.CharField(max_length=80, blank=True)
    faith_grouping = models.CharField(max_length=60, blank=True)
    ofsted_region = models.CharField(max_length=60, db_index=True)
    region = models.CharField(max_length=60, blank=True)
    local_authority = models.CharField(max_length=80, db_index=True)
    constituency = models.CharField(max_length=100, blank=True)
    trust_uid = models.CharField(max_length=20, blank=True)
    trust_name = models.CharField(max_length=200, blank=True)
    sponsor_uid = models.CharField(max_length=20, blank=True)
    sponsor_name = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    pupils = models.PositiveIntegerField(null=True, blank=True)
    lowest_age = models.PositiveSmallIntegerField(null=True, blank=True)
    highest_age = models.PositiveSmallIntegerField(null=True, blank=True)
    idaci_quintile = models.PositiveSmallIntegerField(null=True, blank=True)
    warning_notices = models.PositiveSmallIntegerField(null=True, blank=True)
    ungraded_since_graded = models.PositiveSmallIntegerField(null=True, blank=True)
    monitoring_since_graded = models.PositiveSmallIntegerField(null=True, blank=True)
    # Fictional schools exist only for the demo and exercises: never in public search or statistics.
    is_fictional = models.BooleanField(default=False)
    source = models.CharField(max_length=120, blank=True, help_text="The file and mapping it last came from")
    # Kept for "Find a school" by services.search_fields, never set by hand: the folded words of the name, local
    # authority and postcode, and the latest graded inspection's date, framework and overall grade.
    search_text = models.TextField(blank=True, default="")
    latest_graded_on = models.DateField(null=True, blank=True)
    latest_graded_framework = models.CharField(max_length=20, blank=True, default="")
    latest_graded_overall = models.CharField(max_length=12, blank=True, default="")

    class Meta:
        ordering = ["name", "urn"]
        indexes = [
            # Everything a search filters and sorts on, in one narrow index: SQLite scans it rather than the wide
            # table (several times faster), sorts what matched, and reads only the page's rows from the table. It
            # replaces an index on the name alone, which SQLite walked in name order to skip the sort, reading
            # the table row by row: fast for "academy", thirty times slower for a rare word or a postcode.
            models.Index(fields=[*SEARCHED, "name", "urn"], name="establishment_search"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (URN {self.urn})"

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class RecordedInspection(models.Model):
    """An inspection as an official file records it: a school's latest graded, latest ungraded or previous
    graded inspection. Keyed by its inspection number, so a newer file updates it rather than duplicating."""

    class Kind(models.TextChoices):
        GRADED = "graded", "Graded"
        UNGRADED = "ungraded", "Ungraded"

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="inspections")
    inspection_number = models.CharField(max_length=20)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    inspection_type = models.CharField(max_length=100, blank=True)
    type_grouping = models.CharField(max_length=100, blank=True)
    event_grouping = models.CharField(max_length=100, blank=True)
    start_date = models.DateField()
    publication_date = models.DateField(null=True, blank=True)
    framework = models.CharField(max_length=20)
    overall_effectiveness = models.CharField(max_length=12, blank=True)
    category_of_concern = models.CharField(max_length=6, blank=True)
    quality_of_education = models.CharField(max_length=4, blank=True)
    behaviour_and_attitudes = models.CharField(max_length=4, blank=True)
    personal_development = models.CharField(max_length=4, blank=True)
    leadership_and_management = models.CharField(max_length=4, blank=True)
    safeguarding = models.CharField(max_length=4, blank=True)
    early_years = models.CharField(max_length=4, blank=True)
    sixth_form = models.CharField(max_length=4, blank=True)
    ungraded_outcome = models.CharField(max_length=60, blank=True)
    converted_to_graded = models.BooleanField(null=True, blank=True)
    relates_to_current_urn = models.BooleanField(default=True)
    urn_at_time = models.PositiveIntegerField(null=True, blank=True)
    laestab_at_time = models.CharField(max_length=10, blank=True)
    name_at_time = models.CharField(max_length=200, blank=True)
    type_at_time = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-start_date", "inspection_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "inspection_number"], name="one_record_per_inspection_per_school"
            )
        ]
        indexes = [models.Index(fields=["kind", "start_date"])]

    def __str__(self) -> str:
        return f"{self.inspection_number} ({self.start_date})"

    @property
    def carried_over_from_predecessor(self) -> bool:
        return not self.relates_to_current_urn


class EstablishmentLink(models.Model):
    """A GIAS link between two URNs. Either end may be a closed school that is not in the register, so the
    URNs are plain numbers, not foreign keys; the register is joined on them when a page needs names."""

    urn = models.PositiveIntegerField(db_index=True)
    link_urn = models.PositiveIntegerField(db_index=True)
    link_name = models.CharField(max_length=200, blank=True)
    link_type = models.CharField(max_length=100)  # GIAS has 62-character types ("Merged - expansion in ...")
    established_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["urn", "link_type", "link_urn"]
        constraints = [models.UniqueConstraint(fields=["urn", "link_urn", "link_type"], name="one_link_per_type")]

    def __str__(self) -> str:
        return f"{self.urn} {self.link_type} {self.link_urn}"
