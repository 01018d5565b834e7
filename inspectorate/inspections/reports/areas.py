"""How the areas of a judgement and their grades read, in words, under every framework.

One place for the names, so that a report, a school's page, a workspace form and the API say them alike.
"""

from __future__ import annotations

from inspectorate.domain.frameworks import FOUR_POINT_GRADES, Framework, Scale
from inspectorate.domain.judgements import OPTIONAL_AREAS

AREA_LABELS: dict[str, str] = {
    "overall_effectiveness": "Overall effectiveness",
    # The education inspection frameworks (2019, 2024): four-point grades.
    "quality_of_education": "Quality of education",
    "behaviour_and_attitudes": "Behaviour and attitudes",
    "personal_development": "Personal development",
    "leadership_and_management": "Leadership and management",
    # The renewed framework's report cards (November 2025).
    "inclusion": "Inclusion",
    "curriculum_and_teaching": "Curriculum and teaching",
    "achievement": "Achievement",
    "attendance_and_behaviour": "Attendance and behaviour",
    "personal_development_and_wellbeing": "Personal development and well-being",
    "leadership_and_governance": "Leadership and governance",
    # Either scale, where the school has them.
    "early_years": "Early years provision",
    "sixth_form": "Sixth form provision",
    "safeguarding": "Safeguarding",
    "category_of_concern": "Category of concern",
}

SAFEGUARDING_WORDS: dict[str, str] = {
    "effective": "Effective",
    "ineffective": "Not effective",
    "met": "Met",
    "not met": "Not met",
}


def area_label(area: str) -> str:
    """The area's name as a reader meets it; an area we have no name for reads from its code, never blank."""
    return AREA_LABELS.get(area) or area.replace("_", " ").capitalize()


def grade_words(fw: Framework, grade: str) -> str:
    """Four-point grades are stored as "1".."4" and read as words; report-card grades are stored as their words."""
    if fw.scale is Scale.FOUR_POINT:
        return FOUR_POINT_GRADES.get(grade, grade)
    return grade


def safeguarding_words(grade: str) -> str:
    return SAFEGUARDING_WORDS.get(grade, grade)


def optional_area(fw: Framework, area: str) -> bool:
    """Early years and sixth form are judged only where a school has them."""
    return area in OPTIONAL_AREAS[fw.scale]
