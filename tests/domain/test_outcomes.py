"""Outcome words and the latest-graded-outcome groups: each grade on its own framework's scale."""

from inspectorate.domain.frameworks import EIF_2019, EIF_2024, PRE_2019, REPORT_CARDS_2025, Scale, framework
from inspectorate.domain.outcomes import (
    NOT_INSPECTED,
    OUTCOME_GROUPS,
    OUTCOME_GROUPS_BY_KEY,
    four_point_key_judgements,
    overall_outcome,
)


def test_overall_outcome_words():
    assert overall_outcome(EIF_2019, "1") == "Outstanding"
    assert overall_outcome(PRE_2019, "4") == "Inadequate"
    assert overall_outcome(EIF_2024, "Not judged") == "No overall grade"
    assert overall_outcome(EIF_2024, "2") == "No overall grade"  # the framework has none, whatever the cell says
    assert overall_outcome(REPORT_CARDS_2025, "") == "Report card"


def test_no_grade_codes_never_read_as_a_grade():
    for code in ("9", "8", "0", "", "Not judged"):
        assert overall_outcome(EIF_2019, code) == "No overall grade recorded"


def test_overall_grade_groups_cover_only_four_point_frameworks_with_an_overall_grade():
    groups = [g for g in OUTCOME_GROUPS if g.overall_grade is not None]
    assert [g.label for g in groups] == [
        "Outstanding (frameworks before September 2024)",
        "Good (frameworks before September 2024)",
        "Requires improvement (frameworks before September 2024)",
        "Inadequate (frameworks before September 2024)",
    ]
    for group in groups:
        assert group.frameworks == {PRE_2019.code, EIF_2019.code}
        for code in group.frameworks:
            fw = framework(code)
            assert fw.scale is Scale.FOUR_POINT and fw.has_overall_effectiveness


def test_frameworks_without_an_overall_grade_are_groups_of_their_own():
    assert OUTCOME_GROUPS_BY_KEY[EIF_2024.code].frameworks == {EIF_2024.code}
    assert OUTCOME_GROUPS_BY_KEY[EIF_2024.code].overall_grade is None
    assert OUTCOME_GROUPS_BY_KEY[REPORT_CARDS_2025.code].label == "Report card (framework from November 2025)"
    assert OUTCOME_GROUPS_BY_KEY[NOT_INSPECTED].frameworks == frozenset()


def test_report_cards_have_no_four_point_key_judgements():
    assert four_point_key_judgements(REPORT_CARDS_2025) == ()
    assert four_point_key_judgements(PRE_2019) == ("leadership_and_management",)
