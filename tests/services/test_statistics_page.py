"""The statistics page: figures as at a chosen date, tables by phase and region, errors, the empty state."""

import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/statistics/"


def as_at(day: str, month: str, year: str, /, **published_by: str) -> dict[str, str]:
    """The query string for an as-at date, and a published-by date given as day=, month=, year=."""
    query = {"as-at-day": day, "as-at-month": month, "as-at-year": year}
    query.update({f"published-by-{part}": value for part, value in published_by.items()})
    return query


@pytest.fixture
def register():
    academy = factories.establishment(
        type_of_education="Academy Sponsor Led", phase="Secondary", ofsted_region="London"
    )
    community = factories.establishment(name="Community Primary School")
    factories.establishment(name="Imaginary Academy", type_of_education="Academy Converter", is_fictional=True)
    factories.inspection(academy, start_date=dt.date(2025, 2, 3), quality_of_education="2")
    factories.inspection(community, start_date=dt.date(2025, 5, 6), quality_of_education="3")
    return academy, community


def test_the_default_is_31_august_2025_with_rounded_figures_and_exact_counts(client, register):
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "As at 31 August 2025, counting inspections published by 30 September 2025" in page
    assert "50%" in page
    assert "1 of 2 schools" in page
    assert 'href="/statistics/" aria-current="true">Statistics</a>' in page  # active_nav


def test_fictional_schools_are_not_counted(client, register):
    page = client.get(URL).content.decode()
    assert '<dd class="govuk-summary-list__value">2</dd>' in page  # state-funded schools
    assert "1 of 2 schools" in page  # academies: the fictional academy is left out


def test_tables_by_phase_and_region_have_captions_and_scoped_headers(client, register):
    page = client.get(URL).content.decode()
    assert page.count('<table class="govuk-table') == 5
    assert "Schools by phase, as at 31 August 2025" in page
    assert "Schools by Ofsted region, as at 31 August 2025" in page
    assert '<th scope="row" class="govuk-table__header">Secondary</th>' in page
    assert '<th scope="row" class="govuk-table__header">London</th>' in page
    assert 'scope="col"' in page
    assert "What the figures count" in page


def test_a_chosen_date_changes_the_year(client, register):
    response = client.get(URL, as_at("31", "12", "2024"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "As at 31 December 2024, counting inspections published by 30 January 2025" in page
    assert "Inspections in 2024/25" in page
    assert "from 1 September 2024 to 31 December 2024 and were published by 30 January 2025: 0 graded" in page


def test_a_chosen_cut_off(client, register):
    page = client.get(URL, as_at("31", "8", "2025", day="28", month="2", year="2026")).content.decode()
    assert "counting inspections published by 28 February 2026" in page
    assert 'name="published-by-year" type="text" inputmode="numeric" value="2026"' in page


@pytest.mark.parametrize(
    ("query", "message", "href"),
    [
        (as_at("31", "13", "2025"), "The as-at date must be a real date", "#as-at-day"),
        (as_at("31", "", ""), "The as-at date must include a month and year", "#as-at-month"),
        (as_at("31", "8", "25"), "The year of the as-at date must include 4 numbers", "#as-at-year"),
        (
            as_at("31", "8", "2025", day="x", month="9", year="2025"),
            "The published-by date must be a real date",
            "#published-by-day",
        ),
        (
            as_at("31", "12", "9999"),
            "Enter a published-by date: no date comes 30 days after this as-at date",
            "#published-by-day",
        ),
        (
            as_at("31", "8", "2025", day="30", month="8", year="2025"),
            "The published-by date must be the same as or after the as-at date",
            "#published-by-day",
        ),
    ],
)
def test_bad_dates_give_an_error_summary_naming_the_field(client, register, query, message, href):
    response = client.get(URL, query)
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    assert 'class="govuk-error-summary"' in page
    assert f'<a href="{href}">{message}</a>' in page
    assert "govuk-form-group--error" in page
    assert "Headline figures" not in page


def test_an_empty_register_says_how_to_fill_it(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "No schools are in the register yet: run inspectorate import-register" in response.content.decode()
    assert "<table" not in response.content.decode()


def test_only_get_is_allowed(client):
    assert client.post(URL).status_code == 405
