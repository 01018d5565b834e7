"""`inspectorate stats`: the headline figures from the register, as a table or one JSON object."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from inspectorate.statistics.selectors import headline_statistics_as_at
from tests import factories

pytestmark = pytest.mark.django_db

JUDGEMENTS = ("quality_of_education", "behaviour_and_attitudes", "personal_development", "leadership_and_management")


def stats(*args: str) -> str:
    out = StringIO()
    call_command("stats", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register():
    """Two real schools and one fictional one, each with a graded inspection in 2024/25."""
    academy = factories.establishment(type_of_education="Academy Converter", phase="Secondary", ofsted_region="London")
    community = factories.establishment()
    fictional = factories.establishment(is_fictional=True, type_of_education="Free School")
    for school, grade in ((academy, "2"), (community, "3"), (fictional, "1")):
        factories.inspection(
            school,
            start_date=dt.date(2025, 3, 10),
            quality_of_education=grade,
            behaviour_and_attitudes=grade,
            personal_development=grade,
            leadership_and_management=grade,
        )
    factories.inspection(
        community,
        kind="ungraded",
        inspection_type="Section 8 inspection of good and outstanding schools",
        start_date=dt.date(2024, 11, 5),
        ungraded_outcome="Standards maintained",
    )
    return academy, community, fictional


def test_json_has_the_headline_keys_with_their_types(register):
    result = json.loads(stats("--as-at", "2025-08-31", "--json"))
    assert result["as_at"] == "2025-08-31"
    assert result["published_by"] == "2025-09-30"
    assert result["schools"] == 2
    for key in ("pct_academy_or_free_school", "pct_graded_under_eif", "pct_graded_or_ungraded_under_eif"):
        assert isinstance(result[key], float)
    assert result["graded_in_year"]["count"] == 2
    assert set(result["graded_in_year"]["pct_good_or_outstanding"]) == set(JUDGEMENTS)
    assert result["graded_in_year"]["pct_good_or_outstanding"]["quality_of_education"] == 50.0
    assert result["ungraded_in_year"]["count"] == 1
    assert result["ungraded_in_year"]["pct_maintained_or_improved"] == 100.0
    assert set(result["by_phase"]) == {"Primary", "Secondary"}
    assert set(result["by_region"]) == {"London", "South East"}
    assert result["by_phase"]["Secondary"]["pct_academy_or_free_school"] == 100.0
    assert result["by_region"]["South East"]["graded_in_year"]["pct_good_or_outstanding"]["personal_development"] == 0.0


def test_fictional_schools_and_their_inspections_are_never_counted(register):
    figures = headline_statistics_as_at(as_at=dt.date(2025, 8, 31)).national
    assert figures.schools == 2
    assert figures.academy_or_free_school.count == 1
    assert figures.graded_in_year.count == 2


def test_published_by_moves_the_cut_off(register):
    academy, _, _ = register
    factories.inspection(academy, start_date=dt.date(2025, 7, 1), publication_date=dt.date(2025, 10, 20))
    assert json.loads(stats("--as-at", "2025-08-31", "--json"))["graded_in_year"]["count"] == 2
    later = json.loads(stats("--as-at", "2025-08-31", "--published-by", "2025-10-31", "--json"))
    assert later["published_by"] == "2025-10-31"
    assert later["graded_in_year"]["count"] == 3


def test_the_table_reads_as_text(register):
    table = stats("--as-at", "2025-08-31")
    assert "Academies and free schools" in table
    assert "50.00%" in table
    assert "Graded inspections in 2024/25" in table
    assert "London" in table


def test_an_empty_register_says_how_to_fill_it():
    assert "No schools are in the register yet: run inspectorate import-register" in stats("--as-at", "2025-08-31")
    result = json.loads(stats("--as-at", "2025-08-31", "--json"))
    assert result["schools"] == 0
    assert result["pct_academy_or_free_school"] is None


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("--as-at", "31/08/2025"), "--as-at"),
        (("--as-at", "2025-02-30"), "--as-at"),
        (("--as-at", "20250831"), "--as-at"),
        (("--as-at", "2025-08-31", "--published-by", "tomorrow"), "--published-by"),
        (("--as-at", "2025-08-31", "--published-by", "2025-08-30"), "--published-by"),
        (("--as-at", "9999-12-31"), "--published-by"),  # no default cut-off exists
    ],
)
def test_bad_options_name_the_option_and_the_format(args, named):
    with pytest.raises(CommandError, match=named) as error:
        stats(*args)
    assert "YYYY-MM-DD" in str(error.value)


def test_as_at_is_required():
    with pytest.raises(CommandError, match="--as-at"):
        stats("--json")
