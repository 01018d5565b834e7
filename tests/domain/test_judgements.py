from inspectorate.domain.frameworks import EIF_2019, EIF_2024, REPORT_CARDS_2025
from inspectorate.domain.judgements import assess

GOOD_EIF = {
    "overall_effectiveness": "2",
    "quality_of_education": "2",
    "behaviour_and_attitudes": "2",
    "personal_development": "2",
    "leadership_and_management": "2",
}
EXPECTED_CARD = {area: "Expected standard" for area in REPORT_CARDS_2025.key_judgements}


def test_a_good_school_under_the_2019_framework_needs_no_category() -> None:
    result = assess(EIF_2019, GOOD_EIF, "effective")
    assert result.valid and not result.category_required and not result.monitoring


def test_caversham_pattern_ineffective_safeguarding_forces_inadequate_leadership_and_overall() -> None:
    # Good everywhere but leadership and management, inadequate over safeguarding (the Caversham case, 2022).
    judgements = {**GOOD_EIF, "leadership_and_management": "4", "overall_effectiveness": "4"}
    result = assess(EIF_2019, judgements, "ineffective")
    assert result.valid
    assert result.forced == {"leadership_and_management": "4", "overall_effectiveness": "4"}
    assert result.category_required


def test_grades_that_break_the_limiting_rule_are_an_error() -> None:
    result = assess(EIF_2019, GOOD_EIF, "ineffective")
    assert not result.valid
    assert any("leadership_and_management must be inadequate" in e for e in result.errors)


def test_the_2024_framework_has_no_overall_grade() -> None:
    result = assess(EIF_2024, GOOD_EIF, "effective")
    assert any("has no judgement 'overall_effectiveness'" in e for e in result.errors)


def test_a_report_card_grade_is_not_allowed_under_the_four_point_scale() -> None:
    result = assess(EIF_2019, {**GOOD_EIF, "quality_of_education": "Strong standard"}, "effective")
    assert any("is not a grade under" in e for e in result.errors)


def test_report_card_safeguarding_alone_means_requires_significant_improvement_or_suspend_and_return() -> None:
    result = assess(REPORT_CARDS_2025, EXPECTED_CARD, "not met")
    assert result.category == "Requires significant improvement"
    assert result.suspend_and_return_possible


def test_report_card_urgent_leadership_with_another_urgent_area_means_special_measures() -> None:
    cards = {**EXPECTED_CARD, "leadership_and_governance": "Urgent improvement", "achievement": "Urgent improvement"}
    assert assess(REPORT_CARDS_2025, cards, "met").category == "Special measures"


def test_report_card_needs_attention_means_monitoring_without_a_category() -> None:
    result = assess(REPORT_CARDS_2025, {**EXPECTED_CARD, "inclusion": "Needs attention"}, "met")
    assert result.category is None and result.monitoring


def test_report_cards_never_carry_a_four_point_grade() -> None:
    result = assess(REPORT_CARDS_2025, {**EXPECTED_CARD, "inclusion": "2"}, "met")
    assert not result.valid
