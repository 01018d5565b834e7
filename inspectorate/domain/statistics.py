"""The headline figures of Ofsted's official statistics, "State-funded schools inspections and outcomes".

Plain records in, frozen figures out; no Django. The caller chooses the schools (the selector leaves out
fictional ones) and passes every recorded inspection it has for them.

A release is fixed by two dates (see ../shared/domain/inspection-process.md, section 9):

- the *as-at* date: each school's most recent inspection as at that date counts, and "the year" is the academic
  year ending on it, from the most recent 1 September on or before it to the as-at date itself;
- the *published-by* cut-off (by default 30 days after the as-at date, so 30 September for 31 August): an
  inspection counts only if its report was published on or before the cut-off. An inspection with no
  publication date has not been published and never counts.

An inspection is *eligible* when its start date is on or before the as-at date and it was published by the
cut-off. Every figure below reads eligible inspections only.

Figures (each school and inspection is counted once nationally, and once in its phase and in its Ofsted region;
inspections are grouped by the school's current phase and region):

- ``schools``: the schools given.
- ``academy_or_free_school``: schools whose type of education is an academy, free school, studio school or
  university technical college type (see ``is_academy_or_free_school``); of all schools.
- ``graded_under_eif``: schools whose most recent eligible graded inspection (latest start date) is under the
  education inspection framework of September 2019 or its 2024 variant (``EIF_FAMILY``); of all schools, so a
  school never inspected counts in the denominator and not in the numerator.
- ``graded_or_ungraded_under_eif``: schools with at least one eligible graded or ungraded inspection under that
  framework; of all schools.
- ``graded_in_year``: eligible graded inspections that started in the year (every such inspection, not one per
  school). For each key judgement, the share graded good or outstanding (code 1 or 2) of those with a grade
  (1 to 4) for that judgement: inspections before September 2019 have no grade (code 9) for three of them.
- ``ungraded_in_year``: eligible ungraded inspections that started in the year, and the share whose outcome
  says standards were maintained or improved (``grades.UNGRADED_OUTCOMES``). The denominator is those with a
  recorded, known outcome: an ungraded inspection converted to a graded one has no ungraded outcome (its graded
  inspection is counted among graded inspections instead), and an outcome phrase this module does not know
  cannot be classed either way. So ``count`` can exceed the denominator; both are reported.

Percentages (``Share.pct``) are unrounded floats from 0 to 100, and None when the denominator is 0. Ofsted
publishes them rounded to whole numbers: ``Share.whole_pct`` does that exactly, for pages; compute with ``pct``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from inspectorate.domain.frameworks import EIF_FAMILY, EIF_KEY_JUDGEMENTS
from inspectorate.domain.grades import UNGRADED_OUTCOMES, is_good_or_better, is_grade

DEFAULT_PUBLICATION_WINDOW = dt.timedelta(days=30)

KEY_JUDGEMENT_NAMES: dict[str, str] = {
    "quality_of_education": "Quality of education",
    "behaviour_and_attitudes": "Behaviour and attitudes",
    "personal_development": "Personal development",
    "leadership_and_management": "Leadership and management",
}

# Ofsted's own order of phases in its tables; any phase not listed follows, alphabetically.
PHASE_ORDER = ("Nursery", "Primary", "Secondary", "Special", "PRU")

# Type-of-education values in Ofsted's files that make a school an academy or free school: "Academy Converter",
# "Academy Special Sponsor Led", "Free School - Alternative Provision", ... and two single types. The release names
# academy, free school, studio school and university technical college types only, so city technology colleges
# (3 schools in the August 2025 file) are left out.
_ACADEMY_TYPE_PREFIXES = ("academy", "free school")
_ACADEMY_TYPES = frozenset({"studio school", "university technical college"})


class InspectionKind(StrEnum):
    GRADED = "graded"
    UNGRADED = "ungraded"


@dataclass(frozen=True, slots=True)
class SchoolRecord:
    urn: int
    type_of_education: str
    phase: str
    ofsted_region: str


@dataclass(frozen=True, slots=True)
class InspectionRecord:
    """One recorded inspection of the school with `urn`. Judgement cells hold the file's codes ("1" to "4",
    "9", ""); `framework` is a code from inspectorate.domain.frameworks."""

    urn: int
    kind: str
    start_date: dt.date
    publication_date: dt.date | None
    framework: str
    quality_of_education: str = ""
    behaviour_and_attitudes: str = ""
    personal_development: str = ""
    leadership_and_management: str = ""
    ungraded_outcome: str = ""

    def judgement(self, name: str) -> str:
        return str(getattr(self, name))


def is_academy_or_free_school(type_of_education: str) -> bool:
    kind = type_of_education.strip().casefold()
    return kind.startswith(_ACADEMY_TYPE_PREFIXES) or kind in _ACADEMY_TYPES


@dataclass(frozen=True)
class ReleasePeriod:
    """The two dates that fix a release, and the year they imply."""

    as_at: dt.date
    published_by: dt.date

    def __post_init__(self) -> None:
        if self.published_by < self.as_at:
            raise ValueError(
                f"The published-by date ({self.published_by}) must not be before the as-at date ({self.as_at})"
            )

    @classmethod
    def ending(cls, as_at: dt.date, published_by: dt.date | None = None) -> ReleasePeriod:
        """Raises ValueError when the cut-off is before the as-at date, or the default one is past year 9999."""
        if published_by is None:
            try:
                published_by = as_at + DEFAULT_PUBLICATION_WINDOW
            except OverflowError:
                raise ValueError(f"No date comes 30 days after {as_at}: give the published-by date") from None
        return cls(as_at, published_by)

    @cached_property
    def year_start(self) -> dt.date:
        """The most recent 1 September on or before the as-at date."""
        year = self.as_at.year if self.as_at.month >= 9 else self.as_at.year - 1
        return dt.date(year, 9, 1)

    @property
    def academic_year(self) -> str:
        """As Ofsted writes it: "2024/25"."""
        start = self.year_start.year
        return f"{start}/{(start + 1) % 100:02d}"

    def counts(self, inspection: InspectionRecord) -> bool:
        """Started by the as-at date and published by the cut-off."""
        published = inspection.publication_date
        return inspection.start_date <= self.as_at and published is not None and published <= self.published_by

    def in_year(self, inspection: InspectionRecord) -> bool:
        return self.year_start <= inspection.start_date <= self.as_at


@dataclass(frozen=True)
class Share:
    """`count` of `total`, and the percentage it makes (None when `total` is 0)."""

    count: int
    total: int

    @property
    def pct(self) -> float | None:
        return 100 * self.count / self.total if self.total else None

    @property
    def whole_pct(self) -> int | None:
        """The percentage as Ofsted publishes it: a whole number, halves rounded up (exact, in integers, so
        12.5% is 13%, never the float rounding's 12%)."""
        return (200 * self.count + self.total) // (2 * self.total) if self.total else None


@dataclass(frozen=True)
class GradedYear:
    count: int
    good_or_outstanding: Mapping[str, Share]  # keyed by EIF_KEY_JUDGEMENTS, in that order


@dataclass(frozen=True)
class UngradedYear:
    count: int
    maintained_or_improved: Share  # of those with a recorded, known outcome


@dataclass(frozen=True)
class Figures:
    """The headline figures for one group of schools: the nation, a phase or an Ofsted region."""

    schools: int
    academy_or_free_school: Share
    graded_under_eif: Share
    graded_or_ungraded_under_eif: Share
    graded_in_year: GradedYear
    ungraded_in_year: UngradedYear

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values: counts, denominators and unrounded percentages."""
        graded, ungraded = self.graded_in_year, self.ungraded_in_year
        return {
            "schools": self.schools,
            **_share_items("academy_or_free_school", self.academy_or_free_school),
            **_share_items("graded_under_eif", self.graded_under_eif),
            **_share_items("graded_or_ungraded_under_eif", self.graded_or_ungraded_under_eif),
            "graded_in_year": {
                "count": graded.count,
                "good_or_outstanding": {name: s.count for name, s in graded.good_or_outstanding.items()},
                "judged": {name: s.total for name, s in graded.good_or_outstanding.items()},
                "pct_good_or_outstanding": {name: s.pct for name, s in graded.good_or_outstanding.items()},
            },
            "ungraded_in_year": {
                "count": ungraded.count,
                "with_outcome": ungraded.maintained_or_improved.total,
                "maintained_or_improved": ungraded.maintained_or_improved.count,
                "pct_maintained_or_improved": ungraded.maintained_or_improved.pct,
            },
        }


def _share_items(name: str, share: Share) -> dict[str, int | float | None]:
    return {name: share.count, f"pct_{name}": share.pct}


@dataclass(frozen=True)
class HeadlineStatistics:
    period: ReleasePeriod
    national: Figures
    by_phase: Mapping[str, Figures]
    by_region: Mapping[str, Figures]

    @property
    def is_empty(self) -> bool:
        return self.national.schools == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_at": self.period.as_at.isoformat(),
            "published_by": self.period.published_by.isoformat(),
            "year_start": self.period.year_start.isoformat(),
            "academic_year": self.period.academic_year,
            **self.national.as_dict(),
            "by_phase": {phase: figures.as_dict() for phase, figures in self.by_phase.items()},
            "by_region": {region: figures.as_dict() for region, figures in self.by_region.items()},
        }


@dataclass
class _Tally:
    """Running counts for one group while the records are read; frozen into Figures at the end."""

    schools: int = 0
    academies: int = 0
    graded_under_eif: int = 0
    inspected_under_eif: int = 0
    graded_in_year: int = 0
    good_or_outstanding: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EIF_KEY_JUDGEMENTS, 0))
    judged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EIF_KEY_JUDGEMENTS, 0))
    ungraded_in_year: int = 0
    ungraded_with_outcome: int = 0
    maintained_or_improved: int = 0

    def add_school(self, academy: bool, graded_under_eif: bool, inspected_under_eif: bool) -> None:
        self.schools += 1
        self.academies += academy
        self.graded_under_eif += graded_under_eif
        self.inspected_under_eif += inspected_under_eif

    def add_graded_in_year(self, inspection: InspectionRecord) -> None:
        self.graded_in_year += 1
        for name in EIF_KEY_JUDGEMENTS:
            code = inspection.judgement(name)
            if is_grade(code):
                self.judged[name] += 1
                self.good_or_outstanding[name] += is_good_or_better(code)

    def add_ungraded_in_year(self, inspection: InspectionRecord) -> None:
        self.ungraded_in_year += 1
        kept_or_improved = UNGRADED_OUTCOMES.get(inspection.ungraded_outcome)
        if kept_or_improved is not None:
            self.ungraded_with_outcome += 1
            self.maintained_or_improved += kept_or_improved

    def figures(self) -> Figures:
        return Figures(
            schools=self.schools,
            academy_or_free_school=Share(self.academies, self.schools),
            graded_under_eif=Share(self.graded_under_eif, self.schools),
            graded_or_ungraded_under_eif=Share(self.inspected_under_eif, self.schools),
            graded_in_year=GradedYear(
                count=self.graded_in_year,
                good_or_outstanding={n: Share(self.good_or_outstanding[n], self.judged[n]) for n in self.judged},
            ),
            ungraded_in_year=UngradedYear(
                count=self.ungraded_in_year,
                maintained_or_improved=Share(self.maintained_or_improved, self.ungraded_with_outcome),
            ),
        )


class _Groups:
    """The tallies a school adds to: national, its phase and its Ofsted region."""

    def __init__(self) -> None:
        self.national = _Tally()
        self.by_phase: dict[str, _Tally] = {}
        self.by_region: dict[str, _Tally] = {}

    def of(self, school: SchoolRecord) -> tuple[_Tally, _Tally, _Tally]:
        return self.national, _tally(self.by_phase, school.phase), _tally(self.by_region, school.ofsted_region)


def _tally(tallies: dict[str, _Tally], group: str) -> _Tally:
    if group not in tallies:
        tallies[group] = _Tally()
    return tallies[group]


def headline_statistics(
    schools: Iterable[SchoolRecord],
    inspections: Iterable[InspectionRecord],
    *,
    as_at: dt.date,
    published_by: dt.date | None = None,
) -> HeadlineStatistics:
    """The release's headline figures as at `as_at`, counting inspections published by `published_by`
    (default: 30 days after `as_at`). Inspections of schools not in `schools` are ignored. Raises ValueError
    when `published_by` is before `as_at`."""
    period = ReleasePeriod.ending(as_at, published_by)
    groups = _Groups()
    schools_by_urn = {school.urn: school for school in schools}
    tallies = {urn: groups.of(school) for urn, school in schools_by_urn.items()}
    latest_graded, any_eif = _read_inspections(period, inspections, tallies)
    for urn, school in schools_by_urn.items():
        academy = is_academy_or_free_school(school.type_of_education)
        graded = latest_graded.get(urn)
        graded_under_eif = graded is not None and graded.framework in EIF_FAMILY
        for tally in tallies[urn]:
            tally.add_school(academy, graded_under_eif, urn in any_eif)
    return HeadlineStatistics(
        period=period,
        national=groups.national.figures(),
        by_phase={phase: groups.by_phase[phase].figures() for phase in _phase_order(groups.by_phase)},
        by_region={region: groups.by_region[region].figures() for region in sorted(groups.by_region)},
    )


def _read_inspections(
    period: ReleasePeriod, inspections: Iterable[InspectionRecord], tallies: Mapping[int, tuple[_Tally, ...]]
) -> tuple[dict[int, InspectionRecord], set[int]]:
    """One pass over the inspections: tallies the year's inspections, and returns each school's most recent
    eligible graded inspection and the schools with any eligible inspection under the EIF."""
    latest_graded: dict[int, InspectionRecord] = {}
    any_eif: set[int] = set()
    for inspection in inspections:
        urn = inspection.urn
        if urn not in tallies or not period.counts(inspection):
            continue
        graded = inspection.kind == InspectionKind.GRADED
        if inspection.framework in EIF_FAMILY and inspection.kind in InspectionKind:
            any_eif.add(urn)
        if graded and _more_recent(inspection, latest_graded.get(urn)):
            latest_graded[urn] = inspection
        if period.in_year(inspection):
            for tally in tallies[urn]:
                if graded:
                    tally.add_graded_in_year(inspection)
                elif inspection.kind == InspectionKind.UNGRADED:
                    tally.add_ungraded_in_year(inspection)
    return latest_graded, any_eif


def _more_recent(inspection: InspectionRecord, than: InspectionRecord | None) -> bool:
    """Later start date wins; on the same day, the later publication (a report that superseded another)."""
    if than is None:
        return True
    return (inspection.start_date, inspection.publication_date or dt.date.min) > (
        than.start_date,
        than.publication_date or dt.date.min,
    )


def _phase_order(phases: Iterable[str]) -> list[str]:
    known = [p for p in PHASE_ORDER if p in phases]
    return known + sorted(p for p in phases if p not in PHASE_ORDER)
