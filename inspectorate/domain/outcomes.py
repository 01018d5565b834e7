"""How a graded inspection's outcome reads, and the "latest graded outcome" groups people filter schools by.

Every outcome is read on its own framework's scale. The four-point overall grade means the same under the
section 5 frameworks before September 2019 and the 2019 education inspection framework, so those share one set
of groups; inspections from 2 September 2024 have key judgements but no overall grade, and report cards use
another scale altogether: each of those is a group of its own, never folded into the four-point grades.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspectorate.domain.frameworks import FOUR_POINT_GRADES, FRAMEWORKS, Framework, Scale
from inspectorate.domain.grades import grade_label
from inspectorate.domain.statistics import KEY_JUDGEMENT_NAMES

# The statistics named the four-point key judgements first; they belong with the frameworks, but one list it is.
KEY_JUDGEMENT_LABELS = KEY_JUDGEMENT_NAMES

NO_OVERALL_GRADE = "No overall grade"
REPORT_CARD = "Report card"


def four_point_key_judgements(fw: Framework) -> tuple[str, ...]:
    """The key judgements recorded on the four-point scale under `fw` (none for report cards)."""
    return fw.key_judgements if fw.scale is Scale.FOUR_POINT else ()


def overall_outcome(fw: Framework, overall_effectiveness: str) -> str:
    """The words that head a graded inspection: its overall grade, or why it has none."""
    if fw.scale is Scale.REPORT_CARD:
        return REPORT_CARD
    if not fw.has_overall_effectiveness:
        return NO_OVERALL_GRADE
    return grade_label(overall_effectiveness) or "No overall grade recorded"


@dataclass(frozen=True)
class OutcomeGroup:
    """Schools whose latest graded inspection was under one of `frameworks`, with `overall_grade` if set."""

    key: str
    label: str
    frameworks: frozenset[str]
    overall_grade: str | None = None


NOT_INSPECTED = "not-inspected"


def _frameworks_with_overall_grade() -> tuple[Framework, ...]:
    return tuple(f for f in FRAMEWORKS if f.scale is Scale.FOUR_POINT and f.has_overall_effectiveness)


def _overall_grade_groups() -> list[OutcomeGroup]:
    first_without = min(f.starts for f in FRAMEWORKS if not f.has_overall_effectiveness)
    era = f"frameworks before {first_without:%B %Y}"
    codes = frozenset(f.code for f in _frameworks_with_overall_grade())
    return [
        OutcomeGroup(key=f"overall-{grade}", label=f"{words} ({era})", frameworks=codes, overall_grade=grade)
        for grade, words in FOUR_POINT_GRADES.items()
    ]


def _framework_groups() -> list[OutcomeGroup]:
    """One group per framework without a four-point overall grade."""
    return [
        OutcomeGroup(key=f.code, label=_framework_group_label(f), frameworks=frozenset({f.code}))
        for f in FRAMEWORKS
        if f not in _frameworks_with_overall_grade()
    ]


def _framework_group_label(fw: Framework) -> str:
    era = f"framework from {fw.starts:%B %Y}"
    if fw.scale is Scale.REPORT_CARD:
        return f"{REPORT_CARD} ({era})"
    return f"{NO_OVERALL_GRADE}, key judgements only ({era})"


OUTCOME_GROUPS: tuple[OutcomeGroup, ...] = (
    *_overall_grade_groups(),
    *_framework_groups(),
    OutcomeGroup(key=NOT_INSPECTED, label="No graded inspection on record", frameworks=frozenset()),
)
OUTCOME_GROUPS_BY_KEY: dict[str, OutcomeGroup] = {g.key: g for g in OUTCOME_GROUPS}
