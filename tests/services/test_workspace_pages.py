"""The staff workspace through Django's test client: the list, planning, the inspection page and its actions, who
may see and do what, and how refusals read."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.services.evidence import evidence_note_add
from tests import factories
from tests.lifecycle_support import NOTIFY_DATA, Cast, act, cast, drafted, judged, on_site, planned

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
NOTIFY_FORM = {
    "version": "1",
    "told_name": "Ada Fictional",
    "told_role": "Headteacher",
    "senior_inspector_contact_given": "true",
    "wellbeing_contacts_given": "true",
}


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def page_text(response: object) -> str:
    """The page's main content as a person reads it: tags stripped, spaces collapsed."""
    html = response.content.decode()  # type: ignore[attr-defined]
    main = html[html.index("<main") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).replace("&#39;", "'")


def detail_url(inspection: Inspection) -> str:
    return f"/workspace/inspections/{inspection.pk}/"


def act_url(inspection: Inspection, action: str) -> str:
    return f"/workspace/inspections/{inspection.pk}/act/{action}/"


def in_quality_assurance(c: Cast) -> Inspection:
    inspection = drafted(c)
    return act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))


def provisional_views(inspection: Inspection) -> int:
    return AuditEntry.objects.filter(action="provisional_outcome.viewed", object_id=str(inspection.pk)).count()


# The list.


def test_an_inspector_lists_only_the_inspections_they_are_on() -> None:
    c = cast()
    mine = planned(c)
    other = cast(name="Fictional Meadow Academy")
    planned(other)
    response = signed_in(c.lead).get("/workspace/")
    text = page_text(response)
    assert response.status_code == 200
    assert mine.reference in text
    assert "Fictional Brook Primary School (fictional)" in text
    assert "Fictional Meadow Academy" not in text
    assert "Planned" in text
    assert "3 March 2026 First on-site day" in text  # the next deadline, as a date


def test_the_list_filters_by_state_and_searches_by_name_or_urn() -> None:
    brook = cast()
    planned(brook)
    meadow = cast(name="Fictional Meadow Academy")
    live = on_site(meadow)
    scheduler = signed_in(brook.scheduler)

    on_site_only = page_text(scheduler.get("/workspace/", {"state": "on_site"}))
    assert live.reference in on_site_only
    assert "Fictional Brook" not in on_site_only

    by_name = page_text(scheduler.get("/workspace/", {"q": "meadow"}))
    assert "Fictional Meadow Academy" in by_name and "Fictional Brook" not in by_name
    by_urn = page_text(scheduler.get("/workspace/", {"q": str(brook.school.urn)}))
    assert "Fictional Brook" in by_urn and "Fictional Meadow" not in by_urn

    nothing = page_text(scheduler.get("/workspace/", {"q": "meadow", "state": "published"}))
    assert "No inspections match your search and filters" in nothing


def test_the_list_sorts_by_start_date_and_pages() -> None:
    c = cast()
    first = planned(c, starts_on=dt.date(2026, 3, 3))
    for day in range(20):
        planned(c, starts_on=dt.date(2026, 4, 1) + dt.timedelta(days=day))
    scheduler = signed_in(c.scheduler)
    newest_first = page_text(scheduler.get("/workspace/"))
    assert "1 to 20 of 21" in newest_first
    assert first.reference not in newest_first  # the earliest start is on page 2
    assert first.reference in page_text(scheduler.get("/workspace/", {"page": "2"}))
    earliest_first = page_text(scheduler.get("/workspace/", {"sort": "start_oldest"}))
    assert earliest_first.index(first.reference) < earliest_first.index("1 April 2026")


def test_the_workspace_needs_sign_in_and_is_for_staff_only() -> None:
    c = cast()
    planned(c)
    anonymous = Client().get("/workspace/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert signed_in(c.head).get("/workspace/").status_code == 403
    statistician = signed_in(factories.person(Role.STATISTICIAN)).get("/workspace/")
    assert "There are no inspections for you to see yet" in page_text(statistician)


def test_the_header_offers_the_workspace_to_staff_and_not_to_schools() -> None:
    c = cast()
    assert ">Workspace</a>" in signed_in(c.lead).get("/").content.decode()
    assert ">Workspace</a>" not in signed_in(c.head).get("/").content.decode()
    assert ">Workspace</a>" not in Client().get("/").content.decode()


# Planning.


def test_a_scheduler_plans_an_inspection_and_lands_on_its_page() -> None:
    c = cast()
    starts = TODAY + dt.timedelta(days=21)
    response = signed_in(c.scheduler).post(
        "/workspace/plan/",
        {
            "urn": str(c.school.urn),
            "starts_on-day": str(starts.day),
            "starts_on-month": str(starts.month),
            "starts_on-year": str(starts.year),
            "lead": c.lead.username,
            "team": [c.team.username],
            "on_site_days": "2",
        },
        follow=True,
    )
    text = page_text(response)
    inspection = Inspection.objects.get(establishment=c.school)
    assert inspection.starts_on == starts
    assert f"{inspection.reference} is planned" in text  # the notification banner
    assert "Record the notification call" in text


def test_planning_errors_are_listed_in_the_error_summary_and_beside_each_field() -> None:
    c = cast()
    response = signed_in(c.scheduler).post(
        "/workspace/plan/",
        {"urn": "", "starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2027", "on_site_days": "2"},
    )
    text = page_text(response)
    assert response.status_code == 422
    assert "There is a problem" in text
    assert 'href="#starts_on-day"' in response.content.decode()
    assert text.count("Enter the school's URN") == 2  # summary and field
    assert "31 2 2027 is not one" in text
    assert "Choose the lead inspector" in text


def test_the_service_refusals_of_a_plan_name_the_field() -> None:
    c = cast()
    yesterday = TODAY - dt.timedelta(days=1)
    response = signed_in(c.scheduler).post(
        "/workspace/plan/",
        {
            "urn": "999",
            "starts_on-day": str(yesterday.day),
            "starts_on-month": str(yesterday.month),
            "starts_on-year": str(yesterday.year),
            "lead": c.lead.username,
            "on_site_days": "2",
        },
    )
    text = page_text(response)
    assert "No school in the register has URN 999" in text
    assert "First on-site day must be after today" in text


def test_only_planners_may_plan() -> None:
    c = cast()
    assert signed_in(c.lead).get("/workspace/plan/").status_code == 403
    assert signed_in(c.admin).get("/workspace/plan/").status_code == 200


# The inspection page: who sees what.


def test_an_inspector_not_on_the_team_gets_not_found() -> None:
    c = cast()
    inspection = planned(c)
    stranger = signed_in(factories.person(Role.LEAD_INSPECTOR))
    assert stranger.get(detail_url(inspection)).status_code == 404
    assert stranger.post(act_url(inspection, "notify"), NOTIFY_FORM).status_code == 404


def test_the_scheduler_does_not_see_provisional_judgements() -> None:
    c = cast()
    inspection = judged(c)
    act(c.lead, inspection, "give_final_feedback", dt.date(2026, 3, 4))
    response = signed_in(c.scheduler).get(detail_url(inspection))
    text = page_text(response)
    assert "The provisional outcome is not shown to you" in text
    assert "Strong standard" not in text  # neither in the judgements nor in the timeline's final-feedback entry
    assert "Lessons seen" not in text
    assert provisional_views(inspection) == 0


def test_the_team_sees_judgements_traced_to_evidence_and_the_view_is_audited() -> None:
    c = cast()
    inspection = judged(c)
    note = inspection.evidence_notes.get()
    response = signed_in(c.lead).get(detail_url(inspection))
    html = response.content.decode()
    assert "Strong standard" in page_text(response)
    assert f'id="evidence-{note.pk}"' in html
    assert f'href="#evidence-{note.pk}"' in html  # each grade links to what was seen
    assert provisional_views(inspection) == 1


def test_the_head_sees_their_schools_inspection_read_only_without_evidence_notes() -> None:
    c = cast()
    inspection = judged(c)
    act(c.lead, inspection, "give_final_feedback", dt.date(2026, 3, 4))
    response = signed_in(c.head).get(detail_url(inspection))
    text = page_text(response)
    assert response.status_code == 200
    assert "There is nothing for you to do on this inspection now" in text
    assert "Strong standard" in text  # told at final feedback
    assert "Lessons seen" not in text  # the team's evidence notes stay with the team
    assert provisional_views(inspection) == 1


def test_the_page_shows_deadlines_as_dates_in_working_days_and_the_calendar() -> None:
    c = cast()
    inspection = in_quality_assurance(c)
    act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))
    text = page_text(signed_in(c.qa).get(detail_url(inspection)))
    assert "17 March 2026: 5 working days after the draft was issued on 10 March 2026" in text
    assert "29 April 2026: 30 working days after the last on-site day, 4 March 2026" in text
    assert "illustrative calendar" in text


def test_the_timeline_tells_each_change_in_words() -> None:
    c = cast()
    inspection = planned(c)
    act(c.lead, inspection, "notify", dt.date(2026, 3, 2), data=NOTIFY_DATA)
    text = page_text(signed_in(c.lead).get(detail_url(inspection)))
    assert "Record the notification call" in text
    assert "2 March 2026 at 12:00. Planned to Notified." in text
    assert "Told: A. Head (Headteacher)" in text
    assert "The wellbeing support contacts were given" in text


# Actions.


def offered(client: Client, inspection: Inspection) -> set[str]:
    html = client.get(detail_url(inspection)).content.decode()
    return set(re.findall(rf'action="/workspace/inspections/{inspection.pk}/act/(\w+)/"', html))


def test_the_actions_offered_follow_the_role_and_the_state() -> None:
    c = cast()
    inspection = planned(c)
    assert offered(signed_in(c.lead), inspection) == {"notify"}
    assert offered(signed_in(c.scheduler), inspection) == {"notify", "defer"}
    assert offered(signed_in(c.qa), inspection) == set()
    assert offered(signed_in(c.admin), inspection) == {"notify", "defer", "withdraw"}
    in_qa = in_quality_assurance(cast(name="Fictional Meadow Academy"))
    qa = signed_in(Inspection.objects.get(pk=in_qa.pk).team.get(capacity="lead").inspector)
    assert offered(qa, in_qa) == set()  # the lead waits for quality assurance
    assert offered(signed_in(factories.person(Role.QUALITY_ASSURANCE)), in_qa) == {"return_for_changes", "issue_draft"}


def test_an_action_succeeds_with_a_banner_and_the_new_state() -> None:
    c = cast()
    inspection = planned(c)
    response = signed_in(c.lead).post(act_url(inspection, "notify"), NOTIFY_FORM, follow=True)
    text = page_text(response)
    assert "Record the notification call: done. The inspection is now: Notified." in text
    assert Inspection.objects.get(pk=inspection.pk).state == "notified"


def test_bad_input_shows_the_error_summary_and_changes_nothing() -> None:
    c = cast()
    inspection = planned(c)
    form = {**NOTIFY_FORM, "wellbeing_contacts_given": ""}
    response = signed_in(c.lead).post(act_url(inspection, "notify"), form)
    text = page_text(response)
    assert response.status_code == 422
    assert "There is a problem" in text
    assert 'href="#act-notify-wellbeing_contacts_given"' in response.content.decode()
    assert "Confirm that the wellbeing support contacts were given" in text
    assert 'value="Ada Fictional"' in response.content.decode()  # what was typed is kept
    assert Inspection.objects.get(pk=inspection.pk).state == "planned"


def test_a_missing_reason_is_an_error_on_the_reason_field() -> None:
    c = cast()
    inspection = in_quality_assurance(c)
    response = signed_in(c.qa).post(act_url(inspection, "return_for_changes"), {"version": "8", "reason": " "})
    assert response.status_code == 422
    assert 'href="#act-return_for_changes-reason"' in response.content.decode()


def test_a_stale_version_is_a_conflict_naming_the_current_state() -> None:
    c = cast()
    inspection = planned(c)
    act(c.scheduler, inspection, "notify", dt.date(2026, 3, 2), data=NOTIFY_DATA)  # someone else got there first
    response = signed_in(c.lead).post(act_url(inspection, "notify"), NOTIFY_FORM)
    text = page_text(response)
    assert response.status_code == 409
    assert "Someone else changed this inspection first" in text
    assert "The inspection is now: Notified (version 2)" in text
    assert "What you can do now: Record the planning call." in text
    assert 'name="version" value="2"' in response.content.decode()  # the page shows the inspection as it is now


def test_a_wrong_state_is_a_conflict_and_not_allowed_is_forbidden() -> None:
    c = cast()
    inspection = planned(c)
    wrong_state = signed_in(c.lead).post(act_url(inspection, "give_final_feedback"), {"version": "1"})
    assert wrong_state.status_code == 409
    assert "while the inspection is planned" in page_text(wrong_state)
    team_member = signed_in(c.team).post(act_url(inspection, "notify"), NOTIFY_FORM)
    assert team_member.status_code == 403
    assert signed_in(c.lead).post(act_url(inspection, "no_such_action"), {}).status_code == 404
    assert signed_in(c.lead).get(act_url(inspection, "notify")).status_code == 405


def test_posts_need_the_csrf_token_that_every_form_on_the_page_carries() -> None:
    c = cast()
    inspection = planned(c)
    client = Client(enforce_csrf_checks=True)
    client.force_login(c.lead)
    assert client.post(act_url(inspection, "notify"), NOTIFY_FORM).status_code == 403
    assert Inspection.objects.get(pk=inspection.pk).state == "planned"
    html = client.get(detail_url(inspection)).content.decode()
    notify_form = html[html.index('id="act-notify"') : html.index("</form>", html.index('id="act-notify"'))]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', notify_form)
    assert token is not None
    posted = client.post(act_url(inspection, "notify"), {**NOTIFY_FORM, "csrfmiddlewaretoken": token.group(1)})
    assert posted.status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).state == "notified"


# Evidence, judgements, the report, the school's comments.


def test_the_team_records_evidence_and_a_judgement_linked_to_it() -> None:
    c = cast()
    inspection = on_site(c)
    lead = signed_in(c.lead)
    saved = lead.post(
        f"/workspace/inspections/{inspection.pk}/evidence/", {"area": "achievement", "text": "Books show progress"}
    )
    assert saved.status_code == 302
    note = inspection.evidence_notes.get()
    response = lead.post(
        f"/workspace/inspections/{inspection.pk}/judgements/",
        {"area": "achievement", "grade": "Strong standard", "evidence": [str(note.pk)], "rationale": "Clear gains"},
        follow=True,
    )
    text = page_text(response)
    assert "The judgement is saved: Achievement, Strong standard." in text
    assert f'href="#evidence-{note.pk}"' in response.content.decode()


def test_a_grade_the_area_does_not_allow_is_shown_against_the_grade() -> None:
    c = cast()
    inspection = on_site(c)
    response = signed_in(c.lead).post(
        f"/workspace/inspections/{inspection.pk}/judgements/", {"area": "achievement", "grade": "met"}
    )
    assert response.status_code == 422
    assert 'href="#judgement-grade"' in response.content.decode()
    assert "'met' is not allowed for achievement" in page_text(response)


def test_a_team_inspector_may_not_write_the_report() -> None:
    c = cast()
    inspection = drafted(c)
    refused = signed_in(c.team).post(f"/workspace/inspections/{inspection.pk}/report/", {"summary": "Mine"})
    assert refused.status_code == 403
    saved = signed_in(c.lead).post(
        f"/workspace/inspections/{inspection.pk}/report/",
        {"summary": "Pupils thrive.", "area_text-achievement": "Pupils achieve well."},
        follow=True,
    )
    assert "The report draft is saved." in page_text(saved)
    assert "Pupils achieve well." in page_text(saved)


def test_the_head_comments_on_the_draft_within_the_window() -> None:
    c = cast()
    inspection = in_quality_assurance(c)
    act(c.qa, inspection, "issue_draft", TODAY)
    head = signed_in(c.head)
    page = page_text(head.get(detail_url(inspection)))
    assert "Comment on the draft report" in page
    empty = head.post(f"/workspace/inspections/{inspection.pk}/comment/", {"text": ""})
    assert empty.status_code == 422 and "Write your comments on the draft" in page_text(empty)
    sent = head.post(
        f"/workspace/inspections/{inspection.pk}/comment/", {"text": "We have 310 pupils, not 300."}, follow=True
    )
    assert "Your comments are sent to the inspection team." in page_text(sent)
    assert "We have 310 pupils, not 300." in page_text(signed_in(c.lead).get(detail_url(inspection)))
    assert "finalise" in offered(signed_in(c.lead), inspection)


def test_evidence_from_someone_outside_the_team_is_refused() -> None:
    c = cast()
    inspection = on_site(c)
    evidence_note_add(user=c.team, inspection_id=inspection.pk, area="achievement", text="Seen")
    response = signed_in(c.qa).post(
        f"/workspace/inspections/{inspection.pk}/evidence/", {"area": "achievement", "text": "Not mine to add"}
    )
    assert response.status_code == 403
    assert inspection.evidence_notes.count() == 1
