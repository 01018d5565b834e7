import datetime as dt

import pytest

from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import (
    BY_ACTION,
    TERMINAL,
    TRANSITIONS,
    Facts,
    GuardRefused,
    NotPermitted,
    State,
    UnknownAction,
    WrongState,
    available,
    decide,
    waiting_for_checkins,
)

TODAY = dt.date(2026, 1, 14)
LEAD = [Role.LEAD_INSPECTOR]
QA = [Role.QUALITY_ASSURANCE]
ALL_CHECKINS = frozenset({"notification", "end_of_day:1", "end_of_day:2", "final_feedback", "follow_up"})
HAPPY_PATH = [
    ("notify", LEAD, Facts(TODAY)),
    ("hold_planning_call", LEAD, Facts(TODAY, checkins_done=ALL_CHECKINS)),
    ("arrive_on_site", LEAD, Facts(TODAY, on_site_days_done=1)),
    ("start_next_on_site_day", LEAD, Facts(TODAY, on_site_days_done=1, checkins_done=ALL_CHECKINS)),
    (
        "give_final_feedback",
        LEAD,
        Facts(TODAY, on_site_days_done=2, judgements_recorded=True, checkins_done=ALL_CHECKINS),
    ),
    ("start_drafting", LEAD, Facts(TODAY, checkins_done=ALL_CHECKINS)),
    ("submit_for_quality_assurance", LEAD, Facts(TODAY, judgements_recorded=True, report_drafted=True)),
    ("issue_draft", QA, Facts(TODAY)),
    (
        "finalise",
        QA,
        Facts(TODAY, factual_accuracy_deadline=TODAY - dt.timedelta(days=1), checkins_done=ALL_CHECKINS),
    ),
    ("publish", QA, Facts(TODAY)),
    ("decide_follow_up", LEAD, Facts(TODAY)),
]


def test_an_inspection_can_go_from_planned_to_follow_up() -> None:
    state = State.PLANNED
    for action, roles, facts in HAPPY_PATH:
        state = decide(state=state, action=action, roles=roles, facts=facts).target
    assert state == State.FOLLOW_UP_DECIDED


def test_every_state_is_reachable_and_every_non_terminal_state_has_a_way_out() -> None:
    targets = {t.target for t in TRANSITIONS} | {State.PLANNED}
    assert targets == set(State)
    for state in set(State) - TERMINAL:
        assert any(state in t.sources for t in TRANSITIONS), state


def test_a_wrong_state_names_the_current_state_and_the_allowed_actions() -> None:
    with pytest.raises(WrongState) as err:
        decide(state=State.PLANNED, action="publish", roles=QA, facts=Facts(TODAY))
    assert "planned" in str(err.value)
    assert "notify" in str(err.value)
    assert err.value.allowed == ["notify", "defer", "withdraw"]


def test_an_unknown_action_is_an_error_not_a_no_op() -> None:
    with pytest.raises(UnknownAction):
        decide(state=State.PLANNED, action="teleport", roles=LEAD, facts=Facts(TODAY))


def test_a_team_inspector_cannot_publish() -> None:
    with pytest.raises(NotPermitted):
        decide(state=State.FINALISED, action="publish", roles=[Role.TEAM_INSPECTOR], facts=Facts(TODAY))


def test_no_finalising_while_the_factual_accuracy_window_is_open_and_the_school_has_not_responded() -> None:
    open_window = Facts(TODAY, factual_accuracy_deadline=TODAY + dt.timedelta(days=3))
    with pytest.raises(GuardRefused, match="factual-accuracy window is open"):
        decide(state=State.FACTUAL_ACCURACY_CHECK, action="finalise", roles=QA, facts=open_window)
    responded = Facts(
        TODAY,
        factual_accuracy_deadline=TODAY + dt.timedelta(days=3),
        school_responded_to_draft=True,
        checkins_done=ALL_CHECKINS,
    )
    assert decide(state=State.FACTUAL_ACCURACY_CHECK, action="finalise", roles=QA, facts=responded).target == (
        State.FINALISED
    )


def test_no_final_feedback_before_judgements_are_recorded() -> None:
    facts = Facts(TODAY, on_site_days_done=2, judgements_recorded=False)
    with pytest.raises(GuardRefused, match="no judgements"):
        decide(state=State.ON_SITE, action="give_final_feedback", roles=LEAD, facts=facts)


def test_a_pause_becomes_incomplete_only_after_the_limit() -> None:
    within = Facts(TODAY, pause_working_days=5)
    with pytest.raises(GuardRefused):
        decide(state=State.PAUSED, action="mark_incomplete", roles=[Role.DUTY_DESK], facts=within)
    over = Facts(TODAY, pause_working_days=6)
    assert decide(state=State.PAUSED, action="mark_incomplete", roles=[Role.DUTY_DESK], facts=over).target == (
        State.INCOMPLETE
    )


def test_side_paths_need_a_reason() -> None:
    with pytest.raises(GuardRefused, match="reason"):
        decide(state=State.NOTIFIED, action="defer", roles=[Role.SCHEDULER], facts=Facts(TODAY))
    decision = decide(state=State.NOTIFIED, action="defer", roles=[Role.SCHEDULER], facts=Facts(TODAY), reason="x")
    assert decision.target == State.DEFERRED


def test_deferral_is_only_possible_before_on_site_work_starts() -> None:
    assert State.ON_SITE not in BY_ACTION["defer"].sources


def test_available_offers_only_what_the_person_may_do_now() -> None:
    actions = available(
        state=State.ON_SITE, roles=LEAD, facts=Facts(TODAY, on_site_days_done=1, checkins_done=ALL_CHECKINS)
    )
    names = {t.action for t in actions}
    assert "start_next_on_site_day" in names
    assert "give_final_feedback" not in names
    assert "pause" in names


def test_a_draft_without_text_or_complete_judgements_cannot_go_to_quality_assurance() -> None:
    facts = Facts(TODAY, judgement_problems=("achievement: no judgement recorded",))
    with pytest.raises(GuardRefused) as err:
        decide(state=State.DRAFTING, action="submit_for_quality_assurance", roles=LEAD, facts=facts)
    assert "no text yet" in str(err.value)
    assert "achievement: no judgement recorded" in str(err.value)


def test_suspend_and_return_is_refused_unless_the_framework_allows_it_for_this_outcome() -> None:
    with pytest.raises(GuardRefused, match="renewed framework"):
        decide(
            state=State.DRAFTING,
            action="suspend_for_safeguarding_return",
            roles=LEAD,
            facts=Facts(TODAY),
            reason="safeguarding not met; fixable",
        )
    decision = decide(
        state=State.DRAFTING,
        action="suspend_for_safeguarding_return",
        roles=LEAD,
        facts=Facts(TODAY, suspend_and_return_possible=True, checkins_done=ALL_CHECKINS),
        reason="safeguarding not met; fixable",
    )
    assert decision.target == State.SUSPENDED_FOR_SAFEGUARDING_RETURN


# Wellbeing check-ins: the inspection cannot move past a check-in point until it is recorded (or declined).


@pytest.mark.parametrize(
    ("state", "action", "facts", "missing"),
    [
        (State.NOTIFIED, "hold_planning_call", Facts(TODAY), "at notification"),
        (State.ON_SITE, "start_next_on_site_day", Facts(TODAY, on_site_days_done=1), "end of on-site day 1"),
        (
            State.ON_SITE,
            "give_final_feedback",
            Facts(TODAY, on_site_days_done=2, judgements_recorded=True, checkins_done=frozenset({"end_of_day:1"})),
            "end of on-site day 2",
        ),
        (State.FINAL_FEEDBACK_GIVEN, "start_drafting", Facts(TODAY), "at final feedback"),
        (
            State.FACTUAL_ACCURACY_CHECK,
            "finalise",
            Facts(TODAY, factual_accuracy_deadline=TODAY - dt.timedelta(days=1)),
            "follow-up after final feedback",
        ),
    ],
)
def test_each_check_in_point_holds_the_inspection_until_its_check_in_is_recorded(
    state: State, action: str, facts: Facts, missing: str
) -> None:
    with pytest.raises(GuardRefused, match=missing):
        decide(state=state, action=action, roles=LEAD if action != "finalise" else QA, facts=facts)
    assert action not in {t.action for t in available(state=state, roles=LEAD + QA, facts=facts)}


def test_the_refusal_names_every_missing_end_of_day_check_in_and_says_a_declined_one_counts() -> None:
    facts = Facts(TODAY, on_site_days_done=2, judgements_recorded=True)
    with pytest.raises(GuardRefused) as err:
        decide(state=State.ON_SITE, action="give_final_feedback", roles=LEAD, facts=facts)
    assert "end of on-site day 1; at the end of on-site day 2" in str(err.value)
    assert "headteacher declined it" in str(err.value)


def test_pausing_needs_no_check_in_so_a_distressed_head_is_never_kept_waiting() -> None:
    decision = decide(state=State.ON_SITE, action="pause", roles=[Role.HEADTEACHER], facts=Facts(TODAY), reason="x")
    assert decision.target == State.PAUSED


def test_the_headteacher_and_responsible_body_may_pause_only_an_inspection_on_site() -> None:
    for role in (Role.HEADTEACHER, Role.RESPONSIBLE_BODY):
        assert decide(state=State.ON_SITE, action="pause", roles=[role], facts=Facts(TODAY), reason="x")
        with pytest.raises(NotPermitted):
            decide(state=State.PAUSED, action="resume", roles=[role], facts=Facts(TODAY))
    assert BY_ACTION["pause"].sources == {State.ON_SITE}


def test_a_page_can_say_which_actions_wait_only_for_a_check_in() -> None:
    facts = Facts(TODAY, on_site_days_done=1)
    waiting = waiting_for_checkins(state=State.ON_SITE, roles=LEAD, facts=facts)
    assert [(t.action, "end of on-site day 1" in why) for t, why in waiting] == [("start_next_on_site_day", True)]
    # give_final_feedback also waits for the other day and the judgements: not "only a check-in"
    assert "give_final_feedback" not in {t.action for t, _ in waiting}
