"""Journeys of inspectorate staff and school users signing in with the demo accounts, in Chromium."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from inspectorate.accounts.services import DEMO_PASSWORD, demo_accounts_create
from tests.browser.support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_demo_user_signs_in_and_out(page: Any, live_server: Any) -> None:
    # Given the demo accounts exist
    demo_accounts_create()
    # When the scheduler signs in from the header
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign in").click()
    assert_accessible(page)
    page.get_by_label("Username").fill("scheduler")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Then the header names them, and signing out returns them to the public view
    sign_out = page.get_by_role("button", name="Sign out Sam Scheduler")
    expect(sign_out).to_be_visible()
    assert_accessible(page)
    sign_out.click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_a_wrong_password_is_refused_with_an_error_summary(page: Any, live_server: Any) -> None:
    # Given the demo accounts exist
    demo_accounts_create()
    # When someone signs in with the wrong password
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("head")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    # Then the page says what is wrong, and the error summary is announced and accessible
    expect(page.get_by_role("alert")).to_contain_text("Enter a correct username and password")
    assert_accessible(page)
