"""The rules that combine an inspection's judgements, for each framework.

`assess(framework, judgements, policy)` checks every judgement against what its framework allows and returns
what follows from them: grades that a limiting rule forces, whether a category of concern must be decided, and
for report cards the category itself. Policy that the process reference marks as coming from secondary sources
(the renewed framework's category rules, from a union summary) is data: CategoryPolicy, with an effective date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from inspectorate.domain.frameworks import (
    EIF_2019,
    EIF_2024,
    FOUR_POINT_GRADES,
    PRE_2019,
    REPORT_CARD_GRADES,
    Framework,
    Scale,
)

URGENT = "Urgent improvement"
NEEDS_ATTENTION = "Needs attention"
OPTIONAL_AREAS = {
    Scale.FOUR_POINT: ("early_years", "sixth_form"),
    Scale.REPORT_CARD: ("early_years", "sixth_form"),
}


@dataclass(frozen=True)
class CategoryPolicy:
    """Renewed-framework category rules (NEU summary of Ofsted's arrangements; confirm against the operating guide)."""

    effective_from: dt.date = dt.date(2025, 11, 10)
    suspend_and_return_months: int = 3
    leadership_area: str = "leadership_and_governance"


@dataclass(frozen=True)
class Assessment:
    errors: tuple[str, ...] = ()
    forced: Mapping[str, str] = field(default_factory=dict)  # area -> grade a limiting rule requires
    category_required: bool = False  # four-point frameworks: the inspectors choose SWK or SM
    category: str | None = None  # report cards: "Requires significant improvement" or "Special measures"
    monitoring: bool = False
    suspend_and_return_possible: bool = False

    @property
    def valid(self) -> bool:
        return not self.errors


def allowed_grades(framework: Framework) -> tuple[str, ...]:
    return tuple(FOUR_POINT_GRADES) if framework.scale == Scale.FOUR_POINT else REPORT_CARD_GRADES


def allowed_areas(framework: Framework) -> tuple[str, ...]:
    overall = ("overall_effectiveness",) if framework.has_overall_effectiveness else ()
    return (*overall, *framework.key_judgements, *OPTIONAL_AREAS[framework.scale])


def validate(framework: Framework, judgements: Mapping[str, str], safeguarding: str | None) -> list[str]:
    errors = []
    areas = allowed_areas(framework)
    grades = allowed_grades(framework)
    for area, grade in judgements.items():
        if area not in areas:
            errors.append(f"{framework.name} has no judgement {area!r}; its areas are {', '.join(areas)}")
        elif grade not in grades:
            errors.append(f"{area}: {grade!r} is not a grade under {framework.name}; allowed: {', '.join(grades)}")
    missing = [a for a in areas if a not in judgements and a not in OPTIONAL_AREAS[framework.scale]]
    errors.extend(f"{a}: no judgement recorded" for a in missing)
    allowed_safeguarding = ("met", "not met") if framework.scale == Scale.REPORT_CARD else ("effective", "ineffective")
    if safeguarding not in allowed_safeguarding:
        errors.append(f"safeguarding: {safeguarding!r} is not allowed; say {' or '.join(allowed_safeguarding)}")
    return errors


def assess(
    framework: Framework,
    judgements: Mapping[str, str],
    safeguarding: str | None,
    policy: CategoryPolicy | None = None,
) -> Assessment:
    errors = validate(framework, judgements, safeguarding)
    if errors:
        return Assessment(errors=tuple(errors))
    if framework.scale == Scale.FOUR_POINT:
        return _assess_four_point(framework, judgements, safeguarding)
    return _assess_report_card(judgements, safeguarding, policy or CategoryPolicy())


def _assess_four_point(framework: Framework, judgements: Mapping[str, str], safeguarding: str | None) -> Assessment:
    forced: dict[str, str] = {}
    if safeguarding == "ineffective":
        # Ineffective safeguarding limits leadership and management to inadequate, and so overall effectiveness.
        forced["leadership_and_management"] = "4"
        if framework.has_overall_effectiveness:
            forced["overall_effectiveness"] = "4"
    errors = tuple(
        f"{area} must be inadequate (4) because safeguarding is ineffective; it is {judgements.get(area)!r}"
        for area, grade in forced.items()
        if judgements.get(area) != grade
    )
    if framework in (PRE_2019, EIF_2019):
        inadequate = judgements.get("overall_effectiveness") == "4"
    else:  # EIF_2024: no overall grade; any inadequate key judgement or ineffective safeguarding
        inadequate = safeguarding == "ineffective" or any(judgements.get(a) == "4" for a in EIF_2024.key_judgements)
    requires_improvement = any(g == "3" for g in judgements.values())
    return Assessment(
        errors=errors,
        forced=forced,
        category_required=inadequate,
        monitoring=inadequate or requires_improvement,
    )


def _assess_report_card(judgements: Mapping[str, str], safeguarding: str | None, policy: CategoryPolicy) -> Assessment:
    leadership_urgent = judgements.get(policy.leadership_area) == URGENT
    other_urgent = any(g == URGENT for a, g in judgements.items() if a != policy.leadership_area)
    safeguarding_not_met = safeguarding == "not met"
    category = None
    if leadership_urgent and (other_urgent or safeguarding_not_met):
        category = "Special measures"
    elif other_urgent or safeguarding_not_met or leadership_urgent:
        category = "Requires significant improvement"
    return Assessment(
        category=category,
        monitoring=category is not None or any(g == NEEDS_ATTENTION for g in judgements.values()),
        # Only a safeguarding failure on its own can wait for a return visit instead of a category now.
        suspend_and_return_possible=safeguarding_not_met and not leadership_urgent and not other_urgent,
    )
