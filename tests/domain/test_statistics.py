"""Worked examples for the official statistics' headline figures, on hand-built records."""

import datetime as dt

import pytest

from inspectorate.domain.frameworks import EIF_2019, EIF_2024, PRE_2019, framework_on
from inspectorate.domain.statistics import (
    HeadlineStatistics,
    InspectionRecord,
    ReleasePeriod,
    SchoolRecord,
    Share,
    headline_statistics,
    is_academy_or_free_school,
)

AS_AT = dt.date(2025, 8, 31)


def school(urn: int, *, type_of_education: str = "Community School", phase: str = "Primary", region: str = "London"):
    return SchoolRecord(urn=urn, type_of_education=type_of_education, phase=phase, ofsted_region=region)


def graded(urn: int, start: dt.date, *, published: dt.date | None = None, grades: str = "2222") -> InspectionRecord:
    """A graded inspection; `grades` gives the four key judgements in order (QoE, B&A, PD, L&M)."""
    return InspectionRecord(
        urn=urn,
        kind="graded",
        start_date=start,
        publication_date=published if published is not None else start + dt.timedelta(days=20),
        framework=framework_on(start).code,
        quality_of_education=grades[0],
        behaviour_and_attitudes=grades[1],
        personal_development=grades[2],
        leadership_and_management=grades[3],
    )


def ungraded(urn: int, start: dt.date, outcome: str, *, published: dt.date | None = None) -> InspectionRecord:
    return InspectionRecord(
        urn=urn,
        kind="ungraded",
        start_date=start,
        publication_date=published if published is not None else start + dt.timedelta(days=20),
        framework=framework_on(start).code,
        ungraded_outcome=outcome,
    )


def stats(schools, inspections, as_at=AS_AT, published_by=None) -> HeadlineStatistics:
    return headline_statistics(schools, inspections, as_at=as_at, published_by=published_by)


class TestReleasePeriod:
    def test_the_cut_off_defaults_to_thirty_days_after_the_as_at_date(self):
        assert ReleasePeriod.ending(AS_AT).published_by == dt.date(2025, 9, 30)

    @pytest.mark.parametrize(
        ("as_at", "year_start", "label"),
        [
            (dt.date(2025, 8, 31), dt.date(2024, 9, 1), "2024/25"),
            (dt.date(2024, 12, 31), dt.date(2024, 9, 1), "2024/25"),
            (dt.date(2024, 9, 1), dt.date(2024, 9, 1), "2024/25"),
            (dt.date(2024, 8, 31), dt.date(2023, 9, 1), "2023/24"),
            (dt.date(1999, 10, 1), dt.date(1999, 9, 1), "1999/00"),
        ],
    )
    def test_the_year_runs_from_the_most_recent_1_september(self, as_at, year_start, label):
        period = ReleasePeriod.ending(as_at)
        assert (period.year_start, period.academic_year) == (year_start, label)

    def test_a_cut_off_before_the_as_at_date_is_refused(self):
        with pytest.raises(ValueError, match="published-by"):
            ReleasePeriod.ending(AS_AT, AS_AT - dt.timedelta(days=1))

    def test_the_cut_off_may_be_the_as_at_date_itself(self):
        assert ReleasePeriod.ending(AS_AT, AS_AT).published_by == AS_AT


class TestShare:
    def test_percentages_are_unrounded(self):
        assert Share(1, 3).pct == pytest.approx(33.3333333)

    def test_an_empty_denominator_gives_none(self):
        assert Share(0, 0).pct is None
        assert Share(0, 0).whole_pct is None

    @pytest.mark.parametrize(("count", "total", "whole"), [(1, 8, 13), (5, 8, 63), (1, 3, 33), (2, 3, 67), (0, 5, 0)])
    def test_whole_percentages_round_halves_up(self, count, total, whole):
        assert Share(count, total).whole_pct == whole


class TestAcademyTypes:
    @pytest.mark.parametrize(
        "kind",
        [
            "Academy Converter",
            "Academy Sponsor Led",
            "Academy Special Converter",
            "Academy Special Sponsor Led",
            "Academy Alternative Provision Converter",
            "Academy Alternative Provision Sponsor Led",
            "Free School",
            "Free School Special",
            "Free School - Alternative Provision",
            "Studio School",
            "University Technical College",
        ],
    )
    def test_academy_free_school_studio_and_utc_types_count(self, kind):
        assert is_academy_or_free_school(kind)

    @pytest.mark.parametrize(
        "kind",
        [
            "Community School",
            "Voluntary Aided School",
            "Voluntary Controlled School",
            "Foundation School",
            "Community Special School",
            "Foundation Special School",
            "LA Nursery School",
            "Pupil Referral Unit",
            "Non-Maintained Special School",
            "City Technology College",
        ],
    )
    def test_maintained_and_other_types_do_not(self, kind):
        assert not is_academy_or_free_school(kind)

    def test_share_of_all_schools(self):
        schools = [school(1, type_of_education="Academy Converter"), school(2), school(3), school(4)]
        figures = stats(schools, []).national
        assert figures.schools == 4
        assert figures.academy_or_free_school == Share(1, 4)
        assert figures.academy_or_free_school.pct == 25.0


class TestMostRecentGradedInspection:
    def test_the_most_recent_graded_inspection_decides(self):
        # School 1: graded before the EIF, then under it; school 2: only before it; school 3: never inspected.
        schools = [school(1), school(2), school(3)]
        inspections = [
            graded(1, dt.date(2015, 3, 1), grades="9992"),
            graded(1, dt.date(2021, 11, 10)),
            graded(2, dt.date(2018, 5, 1), grades="9992"),
        ]
        figures = stats(schools, inspections).national
        assert figures.graded_under_eif == Share(1, 3)

    def test_a_newer_graded_inspection_replaces_an_older_one_whatever_the_order_given(self):
        eif = graded(1, dt.date(2021, 11, 10))
        older = graded(1, dt.date(2015, 3, 1), grades="9992")
        assert stats([school(1)], [eif, older]).national.graded_under_eif == Share(1, 1)
        assert stats([school(1)], [older, eif]).national.graded_under_eif == Share(1, 1)

    def test_an_inspection_after_the_as_at_date_is_not_yet_the_most_recent(self):
        schools = [school(1)]
        inspections = [graded(1, dt.date(2018, 5, 1), grades="9992"), graded(1, dt.date(2025, 9, 10))]
        assert stats(schools, inspections).national.graded_under_eif == Share(0, 1)
        assert stats(schools, inspections, as_at=dt.date(2025, 12, 31)).national.graded_under_eif == Share(1, 1)

    def test_an_inspection_published_after_the_cut_off_does_not_count(self):
        late = graded(1, dt.date(2025, 7, 10), published=dt.date(2025, 10, 1))
        inspections = [graded(1, dt.date(2018, 5, 1), grades="9992"), late]
        figures = stats([school(1)], inspections).national
        assert figures.graded_under_eif == Share(0, 1)
        assert figures.graded_in_year.count == 0
        assert stats([school(1)], inspections, published_by=dt.date(2025, 10, 1)).national.graded_in_year.count == 1

    def test_an_unpublished_inspection_never_counts(self):
        unpublished = InspectionRecord(1, "graded", dt.date(2025, 3, 1), None, EIF_2024.code, "2", "2", "2", "2")
        figures = stats([school(1)], [unpublished], published_by=dt.date(2030, 1, 1)).national
        assert figures.graded_in_year.count == 0
        assert figures.graded_under_eif == Share(0, 1)

    def test_publication_on_the_cut_off_day_counts(self):
        on_the_day = graded(1, dt.date(2025, 7, 10), published=dt.date(2025, 9, 30))
        assert stats([school(1)], [on_the_day]).national.graded_under_eif == Share(1, 1)

    def test_an_ungraded_inspection_is_never_the_most_recent_graded(self):
        inspections = [
            graded(1, dt.date(2018, 5, 1), grades="9992"),
            ungraded(1, dt.date(2023, 1, 10), "School remains Good"),
        ]
        figures = stats([school(1)], inspections).national
        assert figures.graded_under_eif == Share(0, 1)
        assert figures.graded_or_ungraded_under_eif == Share(1, 1)

    def test_graded_or_ungraded_under_the_eif(self):
        schools = [school(1), school(2), school(3), school(4)]
        inspections = [
            graded(1, dt.date(2022, 1, 10)),  # graded under the EIF
            ungraded(2, dt.date(2019, 9, 20), "School remains Good"),  # ungraded under the EIF
            ungraded(3, dt.date(2019, 6, 20), "School remains Good"),  # ungraded before it
        ]
        assert stats(schools, inspections).national.graded_or_ungraded_under_eif == Share(2, 4)

    def test_only_graded_and_ungraded_inspections_count_as_inspected_under_the_eif(self):
        visit = InspectionRecord(1, "monitoring", dt.date(2022, 1, 10), dt.date(2022, 2, 1), EIF_2019.code)
        figures = stats([school(1)], [visit]).national
        assert figures.graded_or_ungraded_under_eif == Share(0, 1)
        assert (figures.graded_in_year.count, figures.ungraded_in_year.count) == (0, 0)

    def test_both_eif_versions_are_the_eif_and_earlier_frameworks_are_not(self):
        records = [
            InspectionRecord(1, "graded", dt.date(2020, 1, 1), dt.date(2020, 2, 1), EIF_2019.code),
            InspectionRecord(2, "graded", dt.date(2025, 1, 1), dt.date(2025, 2, 1), EIF_2024.code),
            InspectionRecord(3, "graded", dt.date(2019, 7, 1), dt.date(2019, 8, 1), PRE_2019.code),
        ]
        figures = stats([school(1), school(2), school(3)], records).national
        assert figures.graded_under_eif == Share(2, 3)


class TestGradedInspectionsInTheYear:
    def test_good_or_outstanding_for_each_key_judgement(self):
        schools = [school(1), school(2), school(3), school(4)]
        inspections = [
            graded(1, dt.date(2024, 10, 1), grades="1111"),
            graded(2, dt.date(2025, 1, 15), grades="2223"),
            graded(3, dt.date(2025, 3, 3), grades="3224"),
            graded(4, dt.date(2025, 6, 30), grades="4342"),
        ]
        year = stats(schools, inspections).national.graded_in_year
        assert year.count == 4
        assert {name: share.count for name, share in year.good_or_outstanding.items()} == {
            "quality_of_education": 2,
            "behaviour_and_attitudes": 3,
            "personal_development": 3,
            "leadership_and_management": 2,
        }
        assert year.good_or_outstanding["quality_of_education"].pct == 50.0
        assert year.good_or_outstanding["behaviour_and_attitudes"].pct == 75.0

    def test_the_year_starts_on_1_september_and_ends_on_the_as_at_date(self):
        inspections = [
            graded(1, dt.date(2024, 8, 31)),  # the year before
            graded(2, dt.date(2024, 9, 1)),  # first day
            graded(3, dt.date(2025, 8, 31), published=dt.date(2025, 9, 20)),  # last day
            graded(4, dt.date(2025, 9, 1), published=dt.date(2025, 9, 20)),  # after the as-at date
        ]
        year = stats([school(n) for n in range(1, 5)], inspections).national.graded_in_year
        assert year.count == 2

    def test_every_graded_inspection_in_the_year_counts_not_only_the_latest(self):
        inspections = [graded(1, dt.date(2024, 10, 1), grades="3333"), graded(1, dt.date(2025, 6, 1), grades="2222")]
        year = stats([school(1)], inspections).national.graded_in_year
        assert year.count == 2
        assert year.good_or_outstanding["quality_of_education"] == Share(1, 2)

    def test_judgements_without_a_grade_are_left_out_of_that_judgements_denominator(self):
        # As at 31 August 2019: inspections before the EIF have code 9 for three key judgements.
        inspections = [graded(1, dt.date(2019, 3, 1), grades="9992"), graded(2, dt.date(2019, 5, 1), grades="9993")]
        year = stats([school(1), school(2)], inspections, as_at=dt.date(2019, 8, 31)).national.graded_in_year
        assert year.count == 2
        assert year.good_or_outstanding["quality_of_education"] == Share(0, 0)
        assert year.good_or_outstanding["quality_of_education"].pct is None
        assert year.good_or_outstanding["leadership_and_management"] == Share(1, 2)

    def test_no_inspections_gives_no_percentages(self):
        year = stats([school(1)], []).national.graded_in_year
        assert year.count == 0
        assert all(share.pct is None for share in year.good_or_outstanding.values())


class TestUngradedInspectionsInTheYear:
    def test_maintained_or_improved_of_those_with_a_recorded_outcome(self):
        inspections = [
            ungraded(1, dt.date(2024, 11, 1), "Standards maintained"),
            ungraded(2, dt.date(2025, 1, 1), "Improved significantly"),
            ungraded(3, dt.date(2025, 2, 1), "Some aspects not as strong"),
            ungraded(4, dt.date(2025, 3, 1), ""),  # converted to a graded inspection: no ungraded outcome
            ungraded(5, dt.date(2024, 6, 1), "School remains Good"),  # the year before
        ]
        year = stats([school(n) for n in range(1, 6)], inspections).national.ungraded_in_year
        assert year.count == 4
        assert year.maintained_or_improved == Share(2, 3)
        assert year.maintained_or_improved.pct == pytest.approx(66.666667)

    def test_phrases_before_september_2024(self):
        as_at = dt.date(2024, 8, 31)
        inspections = [
            ungraded(1, dt.date(2023, 10, 1), "School remains Good"),
            ungraded(2, dt.date(2023, 10, 1), "School remains Outstanding"),
            ungraded(3, dt.date(2023, 10, 1), "School remains Good (Improving) - S5 Next"),
            ungraded(4, dt.date(2023, 10, 1), "School remains Good (Concerns) - S5 Next"),
            ungraded(5, dt.date(2023, 10, 1), "School remains Outstanding (Concerns) - S5 Next"),
        ]
        year = stats([school(n) for n in range(1, 6)], inspections, as_at=as_at).national.ungraded_in_year
        assert year.maintained_or_improved == Share(3, 5)

    def test_an_unknown_outcome_is_counted_but_not_classed(self):
        year = stats([school(1)], [ungraded(1, dt.date(2025, 1, 1), "Something new")]).national.ungraded_in_year
        assert year.count == 1
        assert year.maintained_or_improved == Share(0, 0)
        assert year.maintained_or_improved.pct is None


class TestBreakdowns:
    def test_by_phase_and_region_with_the_same_figures(self):
        schools = [
            school(1, phase="Primary", region="London", type_of_education="Academy Converter"),
            school(2, phase="Secondary", region="London"),
            school(3, phase="Primary", region="North West"),
        ]
        inspections = [graded(1, dt.date(2025, 1, 10), grades="2222"), graded(3, dt.date(2025, 2, 10), grades="3333")]
        result = stats(schools, inspections)
        assert list(result.by_phase) == ["Primary", "Secondary"]
        assert list(result.by_region) == ["London", "North West"]
        primary = result.by_phase["Primary"]
        assert primary.schools == 2
        assert primary.academy_or_free_school == Share(1, 2)
        assert primary.graded_in_year.good_or_outstanding["quality_of_education"] == Share(1, 2)
        assert result.by_region["London"].graded_under_eif == Share(1, 2)
        assert result.by_phase["Secondary"].graded_in_year.count == 0

    def test_phases_follow_ofsteds_order_then_any_other_alphabetically(self):
        phases = ["Special", "Zeta", "Primary", "Nursery", "PRU", "Secondary", "All-through"]
        result = stats([school(n, phase=p) for n, p in enumerate(phases)], [])
        assert list(result.by_phase) == ["Nursery", "Primary", "Secondary", "Special", "PRU", "All-through", "Zeta"]


class TestEdges:
    def test_an_empty_register(self):
        result = stats([], [])
        assert result.is_empty
        assert result.national.schools == 0
        assert result.national.academy_or_free_school.pct is None
        assert result.national.graded_under_eif.pct is None
        assert result.by_phase == {}
        assert result.by_region == {}

    def test_inspections_of_schools_not_given_are_ignored(self):
        result = stats([school(1)], [graded(2, dt.date(2025, 1, 10))])
        assert result.national.graded_in_year.count == 0

    def test_the_schools_may_be_any_iterable(self):
        result = stats((school(n) for n in range(3)), iter([graded(1, dt.date(2025, 1, 10))]))
        assert result.national.schools == 3
        assert result.national.graded_under_eif == Share(1, 3)


class TestAsDict:
    def test_json_ready_keys_and_values(self):
        result = stats([school(1, type_of_education="Free School")], [graded(1, dt.date(2025, 1, 10))]).as_dict()
        assert result["as_at"] == "2025-08-31"
        assert result["published_by"] == "2025-09-30"
        assert result["schools"] == 1
        assert result["pct_academy_or_free_school"] == 100.0
        assert result["graded_in_year"]["pct_good_or_outstanding"]["quality_of_education"] == 100.0
        assert result["ungraded_in_year"] == {
            "count": 0,
            "with_outcome": 0,
            "maintained_or_improved": 0,
            "pct_maintained_or_improved": None,
        }
        assert set(result["by_phase"]["Primary"]) == set(result) - {
            "as_at",
            "published_by",
            "year_start",
            "academic_year",
            "by_phase",
            "by_region",
        }
