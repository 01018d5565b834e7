"""The HTTP API through Django's test client with a bearer token: every lifecycle action, every error shape, the
schema, who sees what, and that a provisional outcome read through the API is audited."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from inspectorate.accounts.models import ApiToken, User
from inspectorate.api.services import api_token_create, api_token_user
from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import BY_ACTION
from inspectorate.inspections.models import Inspection, StateChange
from tests import factories
from tests.lifecycle_support import (
    FIRST_DAY,
    NOTIFIED_ON,
    NOTIFY_DATA,
    SECOND_DAY,
    Cast,
    act,
    cast,
    drafted,
    judged,
    on_site,
    planned,
    published,
)

pytestmark = pytest.mark.django_db

ERROR_CODES = {"401", "403", "404", "409", "422"}


_token_names = itertools.count(1)


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user, f'tests-{next(_token_names)}')}"}


def get(user: User | None, path: str) -> Any:
    return Client().get(path, headers=bearer(user) if user else {})


def post(user: User | None, path: str, body: Any) -> Any:
    headers = bearer(user) if user else {}
    return Client().post(path, data=json.dumps(body), content_type="application/json", headers=headers)


def take(user: User, inspection: Inspection, action: str, body: dict[str, Any] | None = None) -> Any:
    return post(user, f"/api/inspections/{inspection.pk}/{action}", body or {})


def later(days: int = 30) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


# --- every lifecycle action, one success each ---------------------------------------------------------------------


def _notified(c: Cast) -> Inspection:
    inspection = planned(c)
    return act(c.lead, inspection, "notify", NOTIFIED_ON, data=NOTIFY_DATA)


def _call_held(c: Cast) -> Inspection:
    inspection = _notified(c)
    return act(c.lead, inspection, "hold_planning_call", NOTIFIED_ON)


def _fed_back(c: Cast, safeguarding: str = "met") -> Inspection:
    inspection = judged(c, safeguarding=safeguarding)
    return act(c.lead, inspection, "give_final_feedback", SECOND_DAY)


def _at_quality_assurance(c: Cast) -> Inspection:
    inspection = drafted(c)
    return act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))


def _draft_issued(c: Cast) -> Inspection:
    inspection = _at_quality_assurance(c)
    return act(c.qa, inspection, "issue_draft", dt.date(2026, 3, 10))


def _finalised(c: Cast) -> Inspection:
    inspection = _draft_issued(c)
    return act(c.lead, inspection, "finalise", dt.date(2026, 3, 18))


def _deferred(c: Cast) -> Inspection:
    inspection = planned(c)
    return act(c.scheduler, inspection, "defer", NOTIFIED_ON, reason="Headteacher in hospital")


def _paused(c: Cast) -> Inspection:
    inspection = on_site(c)
    return act(c.lead, inspection, "pause", FIRST_DAY, reason="A serious incident at the school")


def _fed_back_safeguarding_not_met(c: Cast) -> Inspection:
    return _fed_back(c, safeguarding="not met")


def _suspended(c: Cast) -> Inspection:
    inspection = _fed_back_safeguarding_not_met(c)
    return act(c.lead, inspection, "suspend_for_safeguarding_return", SECOND_DAY, reason="Safeguarding not met")


@dataclass(frozen=True)
class Step:
    given: Callable[[Cast], Inspection]
    who: str
    body: dict[str, Any]
    then: str


STEPS: dict[str, Step] = {
    "notify": Step(planned, "lead", NOTIFY_DATA, "notified"),
    "hold_planning_call": Step(_notified, "lead", {"notes": "Agreed the timetable"}, "planning_call_held"),
    "arrive_on_site": Step(_call_held, "lead", {}, "on_site"),
    "start_next_on_site_day": Step(on_site, "lead", {}, "on_site"),
    "give_final_feedback": Step(judged, "lead", {}, "final_feedback_given"),
    "start_drafting": Step(_fed_back, "lead", {}, "drafting"),
    "submit_for_quality_assurance": Step(drafted, "lead", {}, "quality_assurance"),
    "return_for_changes": Step(_at_quality_assurance, "qa", {"reason": "Tighten the summary"}, "drafting"),
    "issue_draft": Step(_at_quality_assurance, "qa", {}, "factual_accuracy_check"),
    "finalise": Step(_draft_issued, "lead", {}, "finalised"),
    "publish": Step(_finalised, "qa", {}, "published"),
    "decide_follow_up": Step(published, "lead", {"follow_up": "none"}, "follow_up_decided"),
    "defer": Step(
        planned,
        "scheduler",
        {"reason": "Bereavement", "unavailable_from": "2026-03-02", "unavailable_until": "2026-03-13"},
        "deferred",
    ),
    "replan": Step(_deferred, "scheduler", {"reason": "Ready again", "starts_on": later()}, "planned"),
    "record_refused_entry": Step(
        _call_held, "lead", {"reason": "Gates locked", "refused_by": "Chair"}, "entry_refused"
    ),
    "pause": Step(on_site, "lead", {"reason": "A serious incident"}, "paused"),
    "resume": Step(_paused, "lead", {}, "on_site"),
    "mark_incomplete": Step(_paused, "admin", {}, "incomplete"),
    "suspend_for_safeguarding_return": Step(
        lambda c: _fed_back(c, safeguarding="not met"),
        "lead",
        {"reason": "Safeguarding not met"},
        "suspended_for_safeguarding_return",
    ),
    "start_return_visit": Step(_suspended, "lead", {}, "on_site"),
    "withdraw": Step(planned, "admin", {"reason": "The school closed"}, "withdrawn"),
}


def test_every_lifecycle_action_has_a_step_here() -> None:
    assert set(STEPS) == set(BY_ACTION)


@pytest.mark.parametrize("action", list(STEPS))
def test_each_action_moves_the_inspection_and_appends_to_its_timeline(action: str) -> None:
    step = STEPS[action]
    c = cast()
    inspection = step.given(c)
    inspection.refresh_from_db()
    response = take(getattr(c, step.who), inspection, action, {**step.body, "expected_version": inspection.version})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["state"] == step.then
    assert body["version"] == inspection.version + 1
    assert body["timeline"][-1]["action"] == action
    assert StateChange.objects.filter(inspection=inspection).count() == inspection.version + 1


def test_notify_records_who_was_told() -> None:
    c = cast()
    inspection = planned(c)
    take(c.lead, inspection, "notify", NOTIFY_DATA)
    change = StateChange.objects.get(inspection=inspection, action="notify")
    assert change.payload["told_name"] == "A. Head"
    assert change.actor == c.lead


# --- errors --------------------------------------------------------------------------------------------------------


def test_no_token_is_401_with_a_json_error_saying_how_to_authenticate() -> None:
    response = Client().get("/api/inspections")
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_or_revoked_token_is_401() -> None:
    c = cast()
    assert Client().get("/api/inspections", headers={"Authorization": "Bearer insp_nonsense"}).status_code == 401
    headers = bearer(c.lead)
    assert Client().get("/api/inspections", headers=headers).status_code == 200
    ApiToken.objects.filter(user=c.lead).update(revoked_at=timezone.now())
    response = Client().get("/api/inspections", headers=headers)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_a_role_that_may_not_act_gets_403() -> None:
    c = cast()
    inspection = planned(c)
    response = take(c.team, inspection, "notify", NOTIFY_DATA)
    assert response.status_code == 403
    assert "Lead inspector" in response.json()["detail"]
    assert Inspection.objects.get(pk=inspection.pk).state == "planned"


def test_an_unknown_id_and_another_schools_inspection_are_both_404() -> None:
    c = cast()
    inspection = planned(c)
    other_head = factories.person(Role.HEADTEACHER)
    factories.school_member(other_head, factories.establishment(name="Another School", is_fictional=True))
    assert get(c.lead, "/api/inspections/999999").status_code == 404
    response = get(other_head, f"/api/inspections/{inspection.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": f"There is no inspection {inspection.pk} that you can see."}
    assert take(other_head, inspection, "notify", NOTIFY_DATA).status_code == 404


def test_an_action_in_the_wrong_state_is_409_with_the_state_and_what_is_allowed_now() -> None:
    c = cast()
    inspection = planned(c)
    response = take(c.lead, inspection, "arrive_on_site")
    assert response.status_code == 409
    body = response.json()
    assert body["current_state"] == "planned"
    assert body["allowed_actions"] == ["notify"]
    assert body["version"] == 1
    assert "arrive on site" in body["detail"]


def test_a_guard_that_refuses_is_409() -> None:
    c = cast()
    inspection = on_site(c)
    response = take(c.lead, inspection, "give_final_feedback")
    assert response.status_code == 409
    assert "on-site days" in response.json()["detail"]
    assert response.json()["current_state"] == "on_site"


def test_a_stale_expected_version_is_409_and_nothing_changes() -> None:
    c = cast()
    inspection = _notified(c)  # version 2 now
    response = take(c.lead, inspection, "hold_planning_call", {"expected_version": 1})
    assert response.status_code == 409
    body = response.json()
    assert body["version"] == 2
    assert body["current_state"] == "notified"
    assert body["allowed_actions"] == ["hold_planning_call"]
    assert "Someone else changed" in body["detail"]
    assert StateChange.objects.filter(inspection=inspection).count() == 2


def test_a_body_that_does_not_fit_the_schema_is_422_naming_each_field() -> None:
    c = cast()
    inspection = planned(c)
    response = take(c.lead, inspection, "notify", {"told_role": "Head", "senior_inspector_contact_given": "maybe"})
    assert response.status_code == 422
    body = response.json()
    assert set(body["errors"]) == {"told_name", "senior_inspector_contact_given", "wellbeing_contacts_given"}
    assert {tuple(p["loc"]) for p in body["detail"]} >= {("body", "told_name")}
    assert Inspection.objects.get(pk=inspection.pk).state == "planned"


def test_the_services_own_checks_are_422_in_the_same_shape() -> None:
    c = cast()
    inspection = planned(c)
    response = take(c.lead, inspection, "notify", {**NOTIFY_DATA, "senior_inspector_contact_given": False})
    assert response.status_code == 422
    body = response.json()
    assert body["errors"] == {
        "senior_inspector_contact_given": "confirm that the independent senior inspector's contact was given"
    }
    assert body["detail"][0]["loc"] == ["body", "senior_inspector_contact_given"]


def test_an_action_that_needs_a_reason_is_422_without_one() -> None:
    c = cast()
    inspection = planned(c)
    response = take(c.scheduler, inspection, "defer", {"reason": "  "})
    assert response.status_code == 422
    assert "reason" in response.json()["errors"]


def test_a_follow_up_that_is_not_one_of_the_choices_is_422() -> None:
    c = cast()
    inspection = published(c)
    response = take(c.lead, inspection, "decide_follow_up", {"follow_up": "sometime"})
    assert response.status_code == 422
    assert "follow_up" in response.json()["errors"]


def test_an_unknown_state_filter_is_422_naming_the_filter() -> None:
    c = cast()
    response = get(c.scheduler, "/api/inspections?state=asleep")
    assert response.status_code == 422
    assert "'planned'" in response.json()["errors"]["state"]


@pytest.mark.parametrize(
    ("raw", "says"),
    [("", "send a JSON object as the body"), ("{told_name", "is not valid JSON"), ("[]", "must be a JSON object")],
)
def test_a_missing_or_malformed_body_is_422_in_the_same_shape(raw: str, says: str) -> None:
    c = cast()
    inspection = planned(c)
    path = f"/api/inspections/{inspection.pk}/notify"
    response = Client().post(path, data=raw, content_type="application/json", headers=bearer(c.lead))
    assert response.status_code == 422
    assert response.json()["errors"]["body"].startswith(says)
    assert response.json()["detail"][0]["loc"] == ["body"]


# --- listing, reading, planning ------------------------------------------------------------------------------------


def test_the_list_filters_by_state_and_urn_and_pages() -> None:
    c = cast()
    first = planned(c)
    second = planned(c, starts_on=dt.date(2026, 3, 10))
    act(c.lead, second, "notify", NOTIFIED_ON, data=NOTIFY_DATA)
    elsewhere = cast()
    planned(elsewhere)

    everything = get(c.scheduler, "/api/inspections?page_size=2").json()
    assert everything["total"] == 3
    assert everything["pages"] == 2
    assert everything["links"]["next"].endswith("page=2&page_size=2")
    notified = get(c.scheduler, "/api/inspections?state=notified&state=withdrawn").json()
    assert [i["id"] for i in notified["items"]] == [second.pk]
    at_school = get(c.scheduler, f"/api/inspections?urn={c.school.urn}").json()
    assert [i["id"] for i in at_school["items"]] == [second.pk, first.pk]
    item = at_school["items"][1]
    assert item["reference"] == first.reference
    assert item["school_name"] == "Fictional Brook Primary School"
    assert item["is_fictional"] is True
    assert item["state_label"] == "Planned"
    assert item["framework"]["code"] == "report-card-2025"
    assert item["deadlines"] == {"factual_accuracy_deadline": None, "publication_target": None}
    assert item["links"]["self"] == f"/api/inspections/{first.pk}"


def test_a_page_size_over_100_is_refused() -> None:
    c = cast()
    response = get(c.scheduler, "/api/inspections?page_size=101")
    assert response.status_code == 422
    assert "page_size" in response.json()["errors"]


def test_a_school_user_lists_only_their_own_schools_inspections() -> None:
    c = cast()
    ours = planned(c)
    other = cast()
    planned(other)
    listed = get(c.head, "/api/inspections").json()
    assert [i["id"] for i in listed["items"]] == [ours.pk]


def test_the_detail_shows_team_timeline_and_the_actions_this_person_may_take() -> None:
    c = cast()
    inspection = planned(c)
    body = get(c.lead, f"/api/inspections/{inspection.pk}").json()
    assert {(m["username"], m["capacity"]) for m in body["team"]} == {
        (c.lead.username, "lead"),
        (c.team.username, "team"),
    }
    assert [t["action"] for t in body["timeline"]] == ["plan"]
    assert [a["action"] for a in body["actions"]] == ["notify"]
    assert body["actions"][0]["href"] == f"/api/inspections/{inspection.pk}/notify"
    assert [a["action"] for a in get(c.team, f"/api/inspections/{inspection.pk}").json()["actions"]] == []


def test_a_scheduler_plans_an_inspection() -> None:
    c = cast()
    body = {"urn": c.school.urn, "starts_on": later(), "lead": c.lead.username, "team": [c.team.username]}
    response = post(c.scheduler, "/api/inspections", body)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["state"] == "planned"
    assert created["version"] == 1
    assert Inspection.objects.filter(pk=created["id"], establishment=c.school).exists()


def test_planning_is_refused_to_an_inspector_and_for_a_bad_urn() -> None:
    c = cast()
    body = {"urn": c.school.urn, "starts_on": later(), "lead": c.lead.username}
    assert post(c.lead, "/api/inspections", body).status_code == 403
    response = post(c.scheduler, "/api/inspections", {**body, "urn": 1})
    assert response.status_code == 422
    assert response.json()["errors"]["urn"] == "no school in the register has URN 1"


# --- outcomes and audit --------------------------------------------------------------------------------------------


def _outcome_views(inspection: Inspection) -> int:
    return AuditEntry.objects.filter(action="provisional_outcome.viewed", object_id=str(inspection.pk)).count()


def test_a_provisional_outcome_read_through_the_api_is_audited() -> None:
    c = cast()
    inspection = judged(c)
    body = get(c.lead, f"/api/inspections/{inspection.pk}").json()
    assert body["outcome"]["provisional"] is True
    assert body["outcome"]["safeguarding"] == "met"
    assert {j["area"]: j["grade"] for j in body["outcome"]["judgements"]}[
        "curriculum_and_teaching"
    ] == "Strong standard"
    entry = AuditEntry.objects.get(action="provisional_outcome.viewed", object_id=str(inspection.pk))
    assert entry.actor_username == c.lead.username
    assert entry.content["details"]["where"] == "api"


def test_the_school_does_not_see_the_outcome_before_final_feedback() -> None:
    c = cast()
    inspection = judged(c)
    body = get(c.head, f"/api/inspections/{inspection.pk}").json()
    assert body["outcome"] is None
    assert body["outcome_withheld_reason"]
    assert _outcome_views(inspection) == 0


def test_a_published_outcome_is_shown_with_its_report_and_not_audited() -> None:
    c = cast()
    inspection = published(c)
    body = get(c.head, f"/api/inspections/{inspection.pk}").json()
    assert body["outcome"]["provisional"] is False
    assert body["outcome"]["report"]["summary"] == "Pupils learn well and are kept safe."
    assert body["outcome_withheld_reason"] is None
    assert body["published_on"] == "2026-03-20"
    assert _outcome_views(inspection) == 0


# --- evidence, judgements, report, factual-accuracy comments -------------------------------------------------------


def test_the_team_records_evidence_and_a_judgement_citing_it() -> None:
    c = cast()
    inspection = on_site(c)
    note = post(c.team, f"/api/inspections/{inspection.pk}/evidence", {"area": "achievement", "text": "Books seen"})
    assert note.status_code == 201, note.json()
    judgement = post(
        c.lead,
        f"/api/inspections/{inspection.pk}/judgements",
        {"area": "achievement", "grade": "Expected standard", "evidence_ids": [note.json()["id"]]},
    )
    assert judgement.status_code == 201, judgement.json()
    assert judgement.json()["evidence_ids"] == [note.json()["id"]]


def test_a_grade_not_on_the_frameworks_scale_is_422() -> None:
    c = cast()
    inspection = on_site(c)
    response = post(c.lead, f"/api/inspections/{inspection.pk}/judgements", {"area": "achievement", "grade": "2"})
    assert response.status_code == 422
    assert "grade" in response.json()["errors"]


def test_evidence_before_the_inspectors_are_on_site_is_409() -> None:
    c = cast()
    inspection = planned(c)
    response = post(c.team, f"/api/inspections/{inspection.pk}/evidence", {"area": "achievement", "text": "Early"})
    assert response.status_code == 409
    assert response.json()["current_state"] == "planned"


def test_the_lead_writes_the_report() -> None:
    c = cast()
    inspection = _fed_back(c)
    response = post(c.lead, f"/api/inspections/{inspection.pk}/report", {"summary": "Pupils thrive."})
    assert response.status_code == 201, response.json()
    assert response.json()["summary"] == "Pupils thrive."


def test_the_school_comments_on_the_draft_within_the_window() -> None:
    c = cast()
    inspection = _at_quality_assurance(c)
    act(c.qa, inspection, "issue_draft", timezone.localdate())
    path = f"/api/inspections/{inspection.pk}/factual-accuracy-comments"
    response = post(c.head, path, {"text": "Pupil numbers are 312, not 300."})
    assert response.status_code == 201, response.json()
    assert post(c.lead, path, {"text": "Not mine to say"}).status_code == 403


# --- the schema and the docs ---------------------------------------------------------------------------------------


def test_the_schema_lists_every_action_and_documents_every_error() -> None:
    schema = Client().get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Inspectorate API"
    for action in BY_ACTION:
        operation = schema["paths"][f"/api/inspections/{{inspection_id}}/{action}"]["post"]
        assert set(operation["responses"]) >= ERROR_CODES, action
        assert operation["requestBody"]["required"] is True
    conflict = schema["components"]["schemas"]["Conflict"]["properties"]
    assert {"detail", "current_state", "allowed_actions", "version"} <= set(conflict)
    assert {"detail", "errors"} <= set(schema["components"]["schemas"]["Invalid"]["properties"])
    assert "BearerToken" in schema["components"]["securitySchemes"]


def test_the_interactive_docs_are_served() -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    assert b"/api/openapi.json" in response.content
    # Swagger UI comes from this site, not a CDN.
    assert Client().get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200
    assert b"https://" not in response.content


# --- signing in instead of a token ---------------------------------------------------------------------------------


def test_a_signed_in_browser_session_works_and_needs_the_csrf_token_to_act() -> None:
    c = cast()
    inspection = planned(c)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(c.lead)
    assert browser.get(f"/api/inspections/{inspection.pk}").status_code == 200
    path = f"/api/inspections/{inspection.pk}/notify"
    refused = browser.post(path, data=json.dumps(NOTIFY_DATA), content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    browser.get("/accounts/login/")
    csrf = browser.cookies["csrftoken"].value
    accepted = browser.post(
        path, data=json.dumps(NOTIFY_DATA), content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert accepted.status_code == 200, accepted.content


# --- tokens --------------------------------------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_digest_and_notes_its_use_at_most_once_a_minute() -> None:
    c = cast()
    token = api_token_create(c.lead, "laptop")
    record = ApiToken.objects.get(user=c.lead, name="laptop")
    assert token not in record.digest
    moment = timezone.now()
    assert api_token_user(token, now=moment) == c.lead
    api_token_user(token, now=moment + dt.timedelta(seconds=30))
    record.refresh_from_db()
    assert record.last_used_at == moment
    api_token_user(token, now=moment + dt.timedelta(seconds=61))
    record.refresh_from_db()
    assert record.last_used_at == moment + dt.timedelta(seconds=61)


def test_the_command_prints_a_token_once_and_revokes_it_by_name() -> None:
    c = cast()
    out = StringIO()
    call_command("create_api_token", c.lead.username, "--name", "laptop", stdout=out, stderr=StringIO())
    token = out.getvalue().strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert Client().get("/api/inspections", headers=headers).status_code == 200
    with pytest.raises(CommandError, match="already has a token called 'laptop'"):
        call_command("create_api_token", c.lead.username, "--name", "laptop", stdout=StringIO(), stderr=StringIO())
    call_command("create_api_token", c.lead.username, "--revoke", "laptop", stdout=StringIO())
    assert Client().get("/api/inspections", headers=headers).status_code == 401
    with pytest.raises(CommandError, match="no live token"):
        call_command("create_api_token", c.lead.username, "--revoke", "laptop", stdout=StringIO())
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("create_api_token", "nobody", stdout=StringIO())
