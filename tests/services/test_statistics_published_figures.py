"""The official statistics reproduced from the real register: Ofsted's published headline figures as at
31 August 2025 ("Main findings", 25 November 2025), to the release's rounding (whole percentages)."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from inspectorate.statistics.selectors import headline_statistics_as_at
from tests.conftest import REGISTER_FILE


@pytest.mark.django_db
def test_the_published_figures_for_31_august_2025_are_reproduced():
    call_command("import_register", str(REGISTER_FILE), stdout=io.StringIO(), stderr=io.StringIO())

    statistics = headline_statistics_as_at(as_at=dt.date(2025, 8, 31))

    national = statistics.national
    graded = national.graded_in_year.good_or_outstanding
    assert statistics.period.published_by == dt.date(2025, 9, 30)
    assert national.schools == 21_990
    assert national.academy_or_free_school.whole_pct == 52
    assert national.graded_under_eif.whole_pct == 60
    assert national.graded_or_ungraded_under_eif.whole_pct == 98
    assert graded["quality_of_education"].whole_pct == 83
    assert graded["behaviour_and_attitudes"].whole_pct == 94
    assert graded["personal_development"].whole_pct == 96
    assert graded["leadership_and_management"].whole_pct == 88
    assert national.ungraded_in_year.maintained_or_improved.whole_pct == 95
