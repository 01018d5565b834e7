"""Journeys of the public (a parent, a journalist) through the national register, in Chromium.

Each journey reads as given / when / then; every page it reaches passes the axe-core check.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from inspectorate.register.models import Establishment, EstablishmentLink
from tests import factories
from tests.browser.support import assert_accessible, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Given ...


def given_the_register_has_caversham_primary_school_in_reading() -> Establishment:
    school = factories.establishment(
        urn=109778, name="Caversham Primary School", local_authority="Reading", postcode="RG4 7RA"
    )
    factories.inspection(
        school,
        start_date=dt.date(2022, 11, 15),
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
        start_date=dt.date(2023, 6, 21),
        overall_effectiveness="2",
        quality_of_education="2",
        behaviour_and_attitudes="2",
        personal_development="2",
        leadership_and_management="2",
        safeguarding="Yes",
        early_years="2",
    )
    factories.establishment(name="Emmer Green Primary School", local_authority="Reading")
    EstablishmentLink.objects.create(
        urn=school.urn,
        link_urn=100001,
        link_name="Caversham Infant School",
        link_type="Predecessor - merged",
        established_date=dt.date(2008, 9, 1),
    )
    return school


def given_many_good_primary_schools_in_london(count: int) -> None:
    for n in range(count):
        school = factories.establishment(
            name=f"London Primary {n:02}", phase="Primary", ofsted_region="London", local_authority="Camden"
        )
        factories.inspection(school, start_date=dt.date(2021, 1, 1) + dt.timedelta(days=n), overall_effectiveness="2")
    outstanding = factories.establishment(name="London Primary Outstanding", phase="Primary", ofsted_region="London")
    factories.inspection(outstanding, start_date=dt.date(2022, 5, 5), overall_effectiveness="1")
    secondary = factories.establishment(name="London Secondary", phase="Secondary", ofsted_region="London")
    factories.inspection(secondary, start_date=dt.date(2022, 5, 5), overall_effectiveness="2")


# When ...


def when_a_parent_searches_from_the_home_page(page: Any, words: str) -> None:
    page.goto("/")
    page.get_by_label("Find a school").fill(words)
    page.get_by_role("button", name="Search").click()


# Then ...


def then_the_results_say(page: Any, heading: str) -> None:
    expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
    assert_accessible(page)


def test_given_caversham_in_reading_when_a_parent_searches_then_they_open_its_inspection_history(page):
    given_the_register_has_caversham_primary_school_in_reading()

    when_a_parent_searches_from_the_home_page(page, "Caversham")

    then_the_results_say(page, "1 school")
    expect(page).to_have_title("Search results for Caversham \N{EN DASH} Find a school \N{EN DASH} Inspectorate")
    result = page.get_by_role("listitem").filter(has_text="Caversham Primary School")
    expect(result).to_contain_text("Good — 21 June 2023 — education inspection framework, 2019")
    save_screenshot(page, "search-results")

    page.get_by_role("link", name="Caversham Primary School").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Caversham Primary School")
    expect(page).to_have_title("Caversham Primary School \N{EN DASH} Find a school \N{EN DASH} Inspectorate")
    history = page.get_by_role("heading", level=3, name=re.compile(r"inspection, "))
    expect(history).to_have_text(["Graded inspection, 21 June 2023", "Graded inspection, 15 November 2022"])
    expect(page.get_by_text("Serious weaknesses")).to_be_visible()
    closed = page.get_by_role("cell", name="Caversham Infant School (closed: not in the register)")
    expect(closed).to_be_visible()
    expect(closed.get_by_role("link")).to_have_count(0)
    assert_accessible(page)
    save_screenshot(page, "school-page")


def test_given_an_unknown_urn_when_someone_follows_it_then_they_see_a_helpful_page_not_found(page):
    response = page.goto("/schools/1/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Find a school").last).to_be_visible()
    assert_accessible(page)


def test_given_many_schools_when_a_journalist_filters_and_pages_then_each_page_keeps_the_filters(page):
    given_many_good_primary_schools_in_london(25)
    page.goto("/schools/")

    page.get_by_label("Phase").select_option("Primary")
    page.get_by_label("Ofsted region").select_option("London")
    page.get_by_label("Latest graded outcome").select_option(label="Good (frameworks before September 2024)")
    page.get_by_label("Sort by").select_option(label="Latest graded inspection (newest first)")
    page.get_by_role("button", name="Search").click()

    then_the_results_say(page, "25 schools")
    expect(page.get_by_role("link", name="Page 1")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=3).first).to_have_text("London Primary 24")

    page.get_by_role("link", name="Next page").click()

    then_the_results_say(page, "25 schools")
    expect(page).to_have_title("Search results (page 2 of 2) \N{EN DASH} Find a school \N{EN DASH} Inspectorate")
    expect(page.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", level=3)).to_have_count(5)
    expect(page.get_by_label("Phase")).to_have_value("Primary")
    expect(page.get_by_label("Latest graded outcome")).to_have_value("overall-2")
    expect(page.get_by_text("London Secondary")).to_have_count(0)
    expect(page.get_by_text("London Primary Outstanding")).to_have_count(0)


def test_given_a_keyboard_user_when_they_search_without_a_mouse_then_they_reach_the_school(page):
    given_the_register_has_caversham_primary_school_in_reading()
    page.goto("/schools/")

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search", exact=True)).to_be_focused()
    page.keyboard.type("caversham primary")
    page.keyboard.press("Enter")

    then_the_results_say(page, "1 school")
    school_link = page.get_by_role("link", name="Caversham Primary School")
    for _ in range(20):
        page.keyboard.press("Tab")
        if school_link.evaluate("link => link === document.activeElement"):
            break
    expect(school_link).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Caversham Primary School")
