"""What the judgement codes in Ofsted's files mean, and how to say them.

The files keep 9, 8 and 0 for "no grade" (not applicable, not judged, or undefined); they are stored as given
and never shown as a grade. "Not judged" in overall effectiveness marks a graded inspection after
2 September 2024, when the overall grade was abolished.
"""

from __future__ import annotations

from enum import StrEnum

from inspectorate.domain.frameworks import FOUR_POINT_GRADES

NO_GRADE_CODES = frozenset({"9", "8", "0"})
NOT_JUDGED = "Not judged"


class Safeguarding(StrEnum):
    EFFECTIVE = "Yes"
    INEFFECTIVE = "No"
    NOT_RECORDED = "9"  # before September 2015 safeguarding was not recorded separately


CATEGORIES_OF_CONCERN: dict[str, str] = {
    "SM": "Special measures",
    "SWK": "Serious weaknesses",
    "NTI": "Notice to improve",
}

# Ungraded (section 8) outcomes: which ones say the school kept or improved its standards.
UNGRADED_OUTCOMES: dict[str, bool] = {
    "Standards maintained": True,
    "Improved significantly": True,
    "Some aspects not as strong": False,
    "School remains Good": True,
    "School remains Outstanding": True,
    "School remains Good (Improving) - S5 Next": True,
    "School remains Good (Concerns) - S5 Next": False,
    "School remains Outstanding (Concerns) - S5 Next": False,
}


def is_grade(code: str) -> bool:
    """True for a real grade on the four-point scale (1 to 4)."""
    return code in FOUR_POINT_GRADES


def is_good_or_better(code: str) -> bool:
    return code in {"1", "2"}


def grade_label(code: str) -> str | None:
    """The words for a four-point grade, or None when the code is no grade (never shown as one)."""
    return FOUR_POINT_GRADES.get(code)


def describe(code: str) -> str:
    """How a judgement cell reads on a page: a grade's words, or why there is none."""
    if code in FOUR_POINT_GRADES:
        return FOUR_POINT_GRADES[code]
    if code == NOT_JUDGED:
        return "No overall grade (abolished from 2 September 2024)"
    if code in NO_GRADE_CODES:
        return "Not graded"
    if code == "":
        return "Not recorded"
    return code


def describe_safeguarding(code: str) -> str:
    return {
        "Yes": "Effective",
        "No": "Not effective",
        "9": "Not recorded separately",
        "": "Not recorded",
    }.get(code, code)
