"""The public register pages through Django's test client: "Find a school" and a school's page."""

import datetime as dt
import re

import pytest
from django.views.defaults import server_error

from inspectorate.register.models import Establishment, EstablishmentLink
from inspectorate.register.services.search_fields import establishment_search_fields_refresh
from tests import factories

pytestmark = pytest.mark.django_db

GRADE_WORDS = ("Outstanding", "Good", "Requires improvement", "Inadequate")


def search(client, **params):
    response = client.get("/schools/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="/schools/\d+/">([^<]+)</a>', html)


def text(html: str) -> str:
    """The page as a reader meets it: tags out, whitespace squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# Searching by each key


def test_name_search_ignores_case_and_word_order(client):
    factories.establishment(name="Caversham Primary School")
    factories.establishment(name="Emmer Green Primary School")

    html = search(client, q="primary CAVERSHAM")

    assert result_names(html) == ["Caversham Primary School"]


def test_words_match_from_the_start_of_a_word_so_hull_is_not_solihull(client):
    factories.establishment(name="Alpha School", local_authority="Kingston upon Hull, City of")
    factories.establishment(name="Beta School", local_authority="Solihull")

    assert result_names(search(client, q="hull")) == ["Alpha School"]


def test_urn_search_is_exact(client):
    wanted = factories.establishment(name="Wanted School")
    factories.establishment(name="Other School", urn=wanted.urn * 10 + 1)

    assert result_names(search(client, q=str(wanted.urn))) == ["Wanted School"]
    assert result_names(search(client, q=str(wanted.urn)[:-1])) == []


@pytest.mark.parametrize("typed", ["RG4 5NA", "rg45na", "  rg4   5na ", "RG45 NA"])
def test_full_postcode_search_ignores_spacing_and_case(client, typed):
    factories.establishment(name="Here School", postcode="RG4 5NA")
    factories.establishment(name="Next Door School", postcode="RG4 5NB")

    assert result_names(search(client, q=typed)) == ["Here School"]


def test_district_search_finds_the_district_but_not_a_longer_one(client):
    factories.establishment(name="In RG4 School", postcode="RG4 5NA")
    factories.establishment(name="In RG40 School", postcode="RG40 1AA")

    assert result_names(search(client, q="rg4")) == ["In RG4 School"]


def test_local_authority_search(client):
    factories.establishment(name="Alpha School", local_authority="Reading")
    factories.establishment(name="Beta School", local_authority="Wokingham")

    assert result_names(search(client, q="reading")) == ["Alpha School"]


def test_results_count_and_lines(client):
    school = factories.establishment(name="Caversham Primary School", phase="Primary", postcode="RG4 7RA")
    factories.inspection(school, start_date=dt.date(2023, 6, 21), overall_effectiveness="2")

    page = text(search(client, q="Caversham"))

    assert "1 school " in page
    for shown in (str(school.urn), "Primary", "Reading", "RG4 7RA"):
        assert shown in page
    assert "Good — 21 June 2023 — education inspection framework, 2019" in page


def test_count_reads_with_thousands_separator(client):
    Establishment.objects.bulk_create(
        Establishment(
            urn=800_000 + n,
            name=f"School {n:04}",
            phase="Primary",
            ofsted_region="London",
            local_authority="Camden",
            type_of_education="Academy",
        )
        for n in range(1_001)
    )
    assert "1,001 schools" in text(search(client))


def test_nothing_found_says_so_with_tips(client):
    factories.establishment(name="Caversham Primary School")

    page = text(search(client, q="Zzyzx"))

    assert "No schools match “Zzyzx”" in page
    assert "search by a 6-digit URN" in page


def test_nothing_found_with_filters_offers_the_search_without_them(client):
    factories.establishment(name="Caversham Primary School", phase="Primary")

    html = search(client, q="Caversham", phase="Primary", outcome="overall-1")

    assert "No schools match “Caversham” with these filters" in text(html)
    assert 'href="/schools/?q=Caversham"' in html


# Filters


def test_phase_and_region_filters(client):
    factories.establishment(name="Primary South East", phase="Primary", ofsted_region="South East")
    factories.establishment(name="Secondary South East", phase="Secondary", ofsted_region="South East")
    factories.establishment(name="Primary London", phase="Primary", ofsted_region="London")

    assert result_names(search(client, phase="Primary", region="South East")) == ["Primary South East"]


def test_outcome_filter_reads_the_latest_graded_inspection_not_an_earlier_one(client):
    improved = factories.establishment(name="Improved School")
    factories.inspection(improved, start_date=dt.date(2015, 3, 1), overall_effectiveness="3")
    factories.inspection(improved, start_date=dt.date(2022, 3, 1), overall_effectiveness="1")
    declined = factories.establishment(name="Declined School")
    factories.inspection(declined, start_date=dt.date(2016, 3, 1), overall_effectiveness="1")
    factories.inspection(declined, start_date=dt.date(2023, 3, 1), overall_effectiveness="3")

    assert result_names(search(client, outcome="overall-1")) == ["Improved School"]
    assert result_names(search(client, outcome="overall-3")) == ["Declined School"]


def test_outcome_filter_ignores_ungraded_inspections(client):
    school = factories.establishment(name="Good School")
    factories.inspection(school, start_date=dt.date(2019, 3, 1), overall_effectiveness="2")
    factories.inspection(
        school, kind="ungraded", start_date=dt.date(2023, 3, 1), ungraded_outcome="School remains Good"
    )

    assert result_names(search(client, outcome="overall-2")) == ["Good School"]


def test_overall_grades_group_the_four_point_frameworks_before_2024(client):
    old = factories.establishment(name="Graded 2014")
    factories.inspection(old, start_date=dt.date(2014, 5, 1), overall_effectiveness="2")
    eif = factories.establishment(name="Graded 2021")
    factories.inspection(eif, start_date=dt.date(2021, 5, 1), overall_effectiveness="2")

    assert result_names(search(client, outcome="overall-2")) == ["Graded 2014", "Graded 2021"]


def test_a_2024_inspection_without_an_overall_grade_is_never_counted_as_a_grade(client):
    school = factories.establishment(name="No Overall Grade School")
    factories.inspection(school, start_date=dt.date(2020, 1, 10), overall_effectiveness="2")
    factories.inspection(
        school, start_date=dt.date(2025, 1, 10), overall_effectiveness="Not judged", quality_of_education="2"
    )

    assert result_names(search(client, outcome="overall-2")) == []
    assert result_names(search(client, outcome="eif-2024")) == ["No Overall Grade School"]


def test_report_cards_are_a_group_of_their_own(client):
    school = factories.establishment(name="Report Card School")
    factories.inspection(school, start_date=dt.date(2021, 1, 10), overall_effectiveness="1")
    factories.inspection(school, start_date=dt.date(2025, 11, 20))

    assert result_names(search(client, outcome="overall-1")) == []
    assert result_names(search(client, outcome="report-card-2025")) == ["Report Card School"]
    assert "Report card — 20 November 2025 — report cards, 2025" in text(search(client, q="Report Card"))


def test_not_inspected_filter(client):
    factories.establishment(name="New School")
    inspected = factories.establishment(name="Inspected School")
    factories.inspection(inspected, overall_effectiveness="2")

    assert result_names(search(client, outcome="not-inspected")) == ["New School"]


def test_an_unknown_outcome_is_an_error_not_a_crash(client):
    factories.establishment(name="Any School")

    html = search(client, outcome="overall-9", phase="x" * 61)

    assert "There is a problem" in text(html)
    assert '<a href="#outcome">Select a latest graded outcome from the list</a>' in html
    assert '<a href="#phase">Phase must be 60 characters or fewer</a>' in html
    assert 'aria-describedby="outcome-hint outcome-error"' in html
    assert result_names(html) == []


def test_a_phase_the_register_does_not_hold_matches_nothing_and_stays_chosen(client):
    factories.establishment(name="Any School", phase="Primary")

    html = search(client, phase="Bogus")

    assert "No schools match these filters" in text(html)
    assert '<option value="Bogus" selected>Bogus</option>' in html


def test_a_query_too_long_is_an_error(client):
    assert "Search must be 100 characters or fewer" in text(search(client, q="x" * 101))


# Paging


def many_schools(count: int) -> None:
    Establishment.objects.bulk_create(
        Establishment(
            urn=700_000 + n,
            name=f"School {n:03}",
            phase="Primary",
            ofsted_region="London",
            local_authority="Camden",
            type_of_education="Academy",
        )
        for n in range(count)
    )
    establishment_search_fields_refresh()  # bulk_create bypasses the factories, which keep the search fields


def test_twenty_schools_a_page(client):
    many_schools(25)

    first, second = search(client), search(client, page=2)

    assert len(result_names(first)) == 20
    assert result_names(second) == [f"School {n:03}" for n in range(20, 25)]
    assert "Showing 21 to 25 of 25" in text(second)


def test_pagination_marks_the_current_page_and_elides_the_rest(client):
    many_schools(200)  # 10 pages

    html = search(client, page=5)

    assert 'aria-label="Page 5" aria-current="page"' in html
    labels = re.findall(r'aria-label="Page (\d+)"', html)
    assert labels == ["1", "4", "5", "6", "10"]
    assert html.count("govuk-pagination__item--ellipsis") == 2
    assert 'rel="prev"' in html and 'rel="next"' in html


def test_pagination_links_keep_the_search_and_filters(client):
    many_schools(30)

    html = search(client, q="school", phase="Primary", sort="urn")

    assert 'href="/schools/?q=school&amp;phase=Primary&amp;sort=urn&amp;page=2"' in html


def test_a_page_beyond_the_last_shows_the_last_page_and_says_so(client):
    many_schools(25)

    html = search(client, page=99)

    assert len(result_names(html)) == 5
    assert "There is no page 99: this is the last page, page 2." in text(html)


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "²", "99999999999999999999"])
def test_an_odd_page_number_shows_the_first_page(client, page):
    many_schools(25)

    assert result_names(search(client, page=page))[0] == "School 000"


def test_search_page_queries_do_not_grow_with_results(client, django_assert_max_num_queries):
    for n in range(20):
        school = factories.establishment(name=f"School {n:02}")
        factories.inspection(school, start_date=dt.date(2022, 1, 1))
        factories.inspection(school, start_date=dt.date(2017, 1, 1))

    with django_assert_max_num_queries(5):  # phases, regions, count, page, latest inspections
        client.get("/schools/", {"outcome": "overall-2", "sort": "latest-graded"})


# Sorting


def test_sorting_by_name_urn_and_latest_graded_inspection(client):
    b = factories.establishment(name="Bravo School", urn=600_003)
    a = factories.establishment(name="Alpha School", urn=600_002)
    factories.establishment(name="Charlie School", urn=600_001)  # never inspected: sorted last
    factories.inspection(a, start_date=dt.date(2018, 1, 1))
    factories.inspection(b, start_date=dt.date(2024, 1, 1))

    assert result_names(search(client)) == ["Alpha School", "Bravo School", "Charlie School"]
    assert result_names(search(client, sort="urn")) == ["Charlie School", "Alpha School", "Bravo School"]
    assert result_names(search(client, sort="latest-graded")) == ["Bravo School", "Alpha School", "Charlie School"]
    assert result_names(search(client, sort="nonsense")) == ["Alpha School", "Bravo School", "Charlie School"]


# Titles


@pytest.mark.parametrize(
    ("params", "title"),
    [
        ({}, "Find a school \N{EN DASH} Inspectorate"),
        ({"q": "Caversham"}, "Search results for Caversham \N{EN DASH} Find a school \N{EN DASH} Inspectorate"),
        ({"phase": "Primary"}, "Search results \N{EN DASH} Find a school \N{EN DASH} Inspectorate"),
        ({"outcome": "bogus"}, "Error: Find a school \N{EN DASH} Inspectorate"),
    ],
)
def test_page_titles(client, params, title):
    factories.establishment(name="Caversham Primary School")

    assert f"<title>{title}</title>" in search(client, **params)


# Fictional schools


def test_fictional_schools_never_appear_in_search(client):
    factories.establishment(name="Caversham Primary School")
    fictional = factories.establishment(name="Caversham Pretend School", is_fictional=True)

    assert result_names(search(client, q="Caversham")) == ["Caversham Primary School"]
    assert result_names(search(client, q=str(fictional.urn))) == []
    assert "Pretend" not in search(client)


def test_a_fictional_school_has_no_page(client):
    fictional = factories.establishment(name="Pretend School", is_fictional=True)

    response = client.get(f"/schools/{fictional.urn}/")

    assert response.status_code == 404
    assert "Pretend" not in response.content.decode()


# The school page


def test_unknown_urn_is_a_friendly_404(client):
    for urn in (123, 99_999_999_999):
        response = client.get(f"/schools/{urn}/")
        assert response.status_code == 404
        page = text(response.content.decode())
        assert "Page not found" in page
        assert "Find a school" in page


def test_school_page_shows_its_details(client):
    school = factories.establishment(
        name="Caversham Primary School",
        laestab="8702003",
        constituency="Reading Central",
        trust_name="Example Trust",
        religious_character="Does not apply",
        idaci_quintile=1,
        open_date=dt.date(2012, 9, 1),
        postcode="RG4 7RA",
        latitude=51.4998,
        longitude=-0.9689,
    )

    response = client.get(f"/schools/{school.urn}/")

    assert response.status_code == 200
    page = text(response.content.decode())
    assert (
        "<title>Caversham Primary School \N{EN DASH} Find a school \N{EN DASH} Inspectorate</title>"
        in response.content.decode()
    )
    for shown in (
        "8702003",
        "Primary",
        "Community School",
        "4 to 11",
        "300",
        "Reading",
        "South East",
        "Reading Central",
        "Example Trust",
        "1 (income deprivation",
        "1 September 2012",
        "RG4 7RA",
        "51.500, -0.969: the centre of the RG4 postcode district",
    ):
        assert shown in page


def test_school_page_without_a_location_says_why(client):
    school = factories.establishment(postcode="N1C 4AA", latitude=None, longitude=None)

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert "Location not known: the postcode district is not in our list" in page


def test_inspection_history_newest_first_with_framework_and_judgements(client):
    school = factories.establishment(name="History School")
    factories.inspection(
        school,
        start_date=dt.date(2013, 5, 1),
        overall_effectiveness="3",
        leadership_and_management="3",
        quality_of_education="9",
        safeguarding="9",
    )
    factories.inspection(
        school,
        start_date=dt.date(2022, 11, 15),
        publication_date=dt.date(2023, 3, 20),
        overall_effectiveness="4",
        quality_of_education="2",
        behaviour_and_attitudes="2",
        personal_development="2",
        leadership_and_management="4",
        safeguarding="No",
        category_of_concern="SWK",
    )
    factories.inspection(
        school,
        kind="ungraded",
        start_date=dt.date(2024, 1, 10),
        inspection_type="Section 8",
        ungraded_outcome="Standards maintained",
        converted_to_graded=False,
    )

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert page.index("Ungraded inspection, 10 January 2024") < page.index("Graded inspection, 15 November 2022")
    assert page.index("Graded inspection, 15 November 2022") < page.index("Graded inspection, 1 May 2013")
    assert "Latest graded inspection: Inadequate — 15 November 2022 — education inspection framework, 2019" in page
    assert "Framework Education inspection framework (September 2019)" in page
    assert "Published 20 March 2023" in page
    assert "Quality of education Good" in page
    assert "Leadership and management Inadequate" in page
    assert "Safeguarding effective Not effective" in page
    assert "Category of concern Serious weaknesses" in page
    assert "Outcome Standards maintained" in page
    assert "Became a graded inspection No" in page
    # Before 2019 the framework had no quality-of-education judgement: its 9 is not shown at all.
    older = page[page.index("Graded inspection, 1 May 2013") :]
    assert "Quality of education" not in older
    assert "Safeguarding effective Not recorded separately" in older


def test_no_grade_codes_are_never_shown_as_grades(client):
    school = factories.establishment(name="Codes School")
    factories.inspection(
        school,
        start_date=dt.date(2021, 5, 1),
        overall_effectiveness="2",
        quality_of_education="9",
        behaviour_and_attitudes="2",
        personal_development="2",
        leadership_and_management="2",
        early_years="8",
        sixth_form="0",
    )

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert "Early years" not in page
    assert "Sixth form" not in page
    assert "Quality of education Not graded" in page
    for code in ("9", "8", "0"):
        assert f"provision {code}" not in page


def test_early_years_and_sixth_form_are_shown_when_graded(client):
    school = factories.establishment()
    factories.inspection(
        school, start_date=dt.date(2021, 5, 1), overall_effectiveness="2", early_years="1", sixth_form="3"
    )

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert "Early years provision Outstanding" in page
    assert "Sixth form provision Requires improvement" in page


def test_a_2024_inspection_shows_key_judgements_and_no_overall_grade(client):
    school = factories.establishment(name="Key Judgements School")
    factories.inspection(
        school,
        start_date=dt.date(2025, 2, 4),
        overall_effectiveness="Not judged",
        quality_of_education="2",
        behaviour_and_attitudes="1",
        personal_development="2",
        leadership_and_management="2",
        safeguarding="Yes",
    )

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert (
        "Latest graded inspection: No overall grade — 4 February 2025 — "
        "education inspection framework, no overall grade, 2024"
    ) in page
    assert "Overall effectiveness No overall grade (abolished from 2 September 2024)" in page
    assert "Behaviour and attitudes Outstanding" in page
    assert "Safeguarding effective Effective" in page


def test_every_grade_shown_carries_its_date_and_framework(client):
    for n, grade in enumerate("1234"):
        school = factories.establishment(name=f"School {grade}")
        factories.inspection(school, start_date=dt.date(2015 + n, 3, 1), overall_effectiveness=grade)

    html = search(client)

    lines = re.findall(r"Latest graded inspection</dt>\s*<dd[^>]*>([^<]+)</dd>", html)
    assert len(lines) == 4
    for line in lines:
        words, date, framework = line.split(" — ")
        assert words in GRADE_WORDS
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", date)
        assert framework in ("before September 2019", "education inspection framework, 2019")


def test_a_school_never_inspected_says_so(client):
    school = factories.establishment(name="New School")

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert "Latest graded inspection: No graded inspection on record" in page
    assert "No inspections of this school are recorded in the register." in page
    assert "No links to other schools are recorded." in page


def test_inspection_of_a_predecessor_school_is_marked(client):
    school = factories.establishment(name="Academy Now")
    factories.inspection(
        school,
        relates_to_current_urn=False,
        urn_at_time=123456,
        name_at_time="Old Maintained School",
        overall_effectiveness="2",
    )

    page = text(client.get(f"/schools/{school.urn}/").content.decode())

    assert "This inspection was of the predecessor school, URN 123456: Old Maintained School." in page


def test_links_go_to_schools_in_the_register_and_show_closed_ones_as_text(client):
    school = factories.establishment(name="Successor Academy")
    open_school = factories.establishment(name="Sixth Form Partner")
    fictional = factories.establishment(name="Pretend Partner", is_fictional=True)
    EstablishmentLink.objects.create(
        urn=school.urn,
        link_urn=111111,
        link_name="Closed Predecessor School",
        link_type="Predecessor",
        established_date=dt.date(2019, 9, 1),
    )
    EstablishmentLink.objects.create(
        urn=school.urn, link_urn=open_school.urn, link_name="Partner", link_type="Sixth Form Centre Link"
    )
    EstablishmentLink.objects.create(
        urn=school.urn, link_urn=fictional.urn, link_name="Pretend Partner", link_type="Other"
    )

    html = client.get(f"/schools/{school.urn}/").content.decode()

    assert f'<a class="govuk-link" href="/schools/{open_school.urn}/">Sixth Form Partner</a>' in html
    assert "Closed Predecessor School (closed: not in the register)" in html
    assert "/schools/111111/" not in html
    assert f"/schools/{fictional.urn}/" not in html
    assert "1 September 2019" in text(html)
    assert '<th scope="col" class="govuk-table__header">Link</th>' in html
    assert "<caption" in html


def test_school_page_queries_are_few(client, django_assert_max_num_queries):
    school = factories.establishment()
    for year in (2014, 2019, 2023):
        factories.inspection(school, start_date=dt.date(year, 1, 1))
    for n in range(5):
        EstablishmentLink.objects.create(urn=school.urn, link_urn=500_000 + n, link_type="Predecessor")

    with django_assert_max_num_queries(4):  # school, inspections, links, linked schools
        client.get(f"/schools/{school.urn}/")


def test_search_accepts_only_get(client):
    assert client.post("/schools/").status_code == 405


def test_a_query_that_looks_like_a_default_value_is_kept_in_page_links(client):
    for n in range(25):
        factories.establishment(name=f"Name Lane School {n:02}")

    html = search(client, q="name")  # "name" is also the default sort: it must not be dropped as one

    assert 'href="/schools/?q=name&amp;page=2"' in html


def test_what_people_type_is_escaped(client):
    html = search(client, q="<script>alert(1)</script>")

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_server_error_page_renders_without_a_request(rf):
    response = server_error(rf.get("/schools/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
def test_a_fictional_school_is_shown_only_in_the_demo_and_says_it_is_fictional(client, settings) -> None:  # type: ignore[no-untyped-def]
    school = factories.establishment(name="Larkspur Primary School (fictional)", is_fictional=True)
    assert client.get(f"/schools/{school.urn}/").status_code == 404
    settings.INSPECTORATE_DEMO = True
    page = client.get(f"/schools/{school.urn}/")
    assert page.status_code == 200
    assert "This is a fictional school in the demo" in page.content.decode()
