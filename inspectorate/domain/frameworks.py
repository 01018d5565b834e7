"""The inspection frameworks, as versioned data.

A grade means something only under the framework it was given under: a 2 in 2015 and a 2 in 2023 are both
"good" on the four-point scale, but a report-card "strong standard" is on another scale altogether and is never
put beside them. Every inspection records the framework in force on its start date, chosen here.

The lifecycle issue adds each framework's rules for combining judgements; this module owns the registry.
Sources: ../shared/domain/inspection-process.md, sections 1 and 5.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Scale(StrEnum):
    FOUR_POINT = "four-point"  # 1 outstanding, 2 good, 3 requires improvement, 4 inadequate
    REPORT_CARD = "report-card"  # exceptional ... urgent improvement


@dataclass(frozen=True)
class Framework:
    code: str
    name: str
    short_name: str
    starts: dt.date
    scale: Scale
    has_overall_effectiveness: bool
    key_judgements: tuple[str, ...]

    def in_force_on(self, day: dt.date) -> bool:
        return day >= self.starts


FOUR_POINT_GRADES: dict[str, str] = {
    "1": "Outstanding",
    "2": "Good",
    "3": "Requires improvement",
    "4": "Inadequate",
}

REPORT_CARD_GRADES: tuple[str, ...] = (
    "Exceptional",
    "Strong standard",
    "Expected standard",
    "Needs attention",
    "Urgent improvement",
)

EIF_KEY_JUDGEMENTS = (
    "quality_of_education",
    "behaviour_and_attitudes",
    "personal_development",
    "leadership_and_management",
)

PRE_2019 = Framework(
    code="pre-2019",
    name="Section 5 frameworks before September 2019",
    short_name="before September 2019",
    starts=dt.date(2005, 9, 1),
    scale=Scale.FOUR_POINT,
    has_overall_effectiveness=True,
    key_judgements=("leadership_and_management",),
)
EIF_2019 = Framework(
    code="eif-2019",
    name="Education inspection framework (September 2019)",
    short_name="education inspection framework, 2019",
    starts=dt.date(2019, 9, 1),
    scale=Scale.FOUR_POINT,
    has_overall_effectiveness=True,
    key_judgements=EIF_KEY_JUDGEMENTS,
)
EIF_2024 = Framework(
    code="eif-2024",
    name="Education inspection framework without an overall grade (September 2024)",
    short_name="education inspection framework, no overall grade, 2024",
    starts=dt.date(2024, 9, 2),
    scale=Scale.FOUR_POINT,
    has_overall_effectiveness=False,
    key_judgements=EIF_KEY_JUDGEMENTS,
)
REPORT_CARDS_2025 = Framework(
    code="report-card-2025",
    name="Renewed education inspection framework: report cards (November 2025)",
    short_name="report cards, 2025",
    starts=dt.date(2025, 11, 10),
    scale=Scale.REPORT_CARD,
    has_overall_effectiveness=False,
    key_judgements=(
        "inclusion",
        "curriculum_and_teaching",
        "achievement",
        "attendance_and_behaviour",
        "personal_development_and_wellbeing",
        "leadership_and_governance",
    ),
)

FRAMEWORKS: tuple[Framework, ...] = (PRE_2019, EIF_2019, EIF_2024, REPORT_CARDS_2025)
BY_CODE: dict[str, Framework] = {f.code: f for f in FRAMEWORKS}

# The frameworks in force since 1 September 2019 that Ofsted's statistics call "the EIF".
EIF_FAMILY = frozenset({EIF_2019.code, EIF_2024.code})


def framework_on(day: dt.date) -> Framework:
    """The framework in force on `day`: the latest one that had started by then."""
    in_force = [f for f in FRAMEWORKS if f.in_force_on(day)]
    if not in_force:
        return PRE_2019
    return max(in_force, key=lambda f: f.starts)


def framework(code: str) -> Framework:
    try:
        return BY_CODE[code]
    except KeyError:
        known = ", ".join(BY_CODE)
        raise ValueError(f"Unknown framework {code!r}; known frameworks: {known}") from None
