"""Where a school's latest graded inspection left it, in the terms the due rules use."""

from __future__ import annotations

from enum import StrEnum

from inspectorate.domain.frameworks import REPORT_CARD_GRADES, Scale, framework
from inspectorate.domain.grades import is_good_or_better, is_grade
from inspectorate.domain.scheduling.school import GradedInspection

LEADERSHIP = "leadership_and_management"
INEFFECTIVE_SAFEGUARDING = frozenset({"No", "Not met"})
NEEDS_ATTENTION, URGENT_IMPROVEMENT = REPORT_CARD_GRADES[3], REPORT_CARD_GRADES[4]


class Standing(StrEnum):
    GOOD_OR_BETTER = "good or outstanding"
    REQUIRES_IMPROVEMENT = "requires improvement"
    NEEDS_ATTENTION = "needs attention in at least one area"
    INADEQUATE_SOLELY_FOR_SAFEGUARDING = "inadequate solely because safeguarding was not effective"
    IN_CATEGORY = "in a category of concern"
    INADEQUATE = "inadequate"
    NOT_KNOWN = "no grade recorded"


def standing_of(graded: GradedInspection) -> Standing:
    if _solely_for_safeguarding(graded):
        return Standing.INADEQUATE_SOLELY_FOR_SAFEGUARDING
    if graded.category_of_concern:
        return Standing.IN_CATEGORY
    if framework(graded.framework).scale == Scale.REPORT_CARD:
        return _report_card_standing(graded)
    return _four_point_standing(graded)


def _four_point_standing(graded: GradedInspection) -> Standing:
    # Since September 2024 there is no overall grade: the worst key judgement stands in for it.
    if is_grade(graded.overall_effectiveness):
        worst = graded.overall_effectiveness
    else:
        worst = max((g for g in graded.key_judgements.values() if is_grade(g)), default="")
    return {"1": Standing.GOOD_OR_BETTER, "2": Standing.GOOD_OR_BETTER, "3": Standing.REQUIRES_IMPROVEMENT}.get(
        worst, Standing.INADEQUATE if worst == "4" else Standing.NOT_KNOWN
    )


def _report_card_standing(graded: GradedInspection) -> Standing:
    grades = set(graded.key_judgements.values())
    if URGENT_IMPROVEMENT in grades or graded.safeguarding in INEFFECTIVE_SAFEGUARDING:
        return Standing.INADEQUATE
    if NEEDS_ATTENTION in grades:
        return Standing.NEEDS_ATTENTION
    return Standing.GOOD_OR_BETTER if grades else Standing.NOT_KNOWN


def _solely_for_safeguarding(graded: GradedInspection) -> bool:
    """Four-point frameworks only: report cards have their own suspend-and-return, which the lifecycle owns."""
    if framework(graded.framework).scale != Scale.FOUR_POINT or graded.safeguarding not in INEFFECTIVE_SAFEGUARDING:
        return False
    others = [g for area, g in graded.key_judgements.items() if area != LEADERSHIP and is_grade(g)]
    return bool(others) and all(is_good_or_better(g) for g in others)
