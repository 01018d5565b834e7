"""The demo's inspections: a handful of clearly fictional schools holding inspections in every lifecycle state.

Everything is built through the real services (planning, transitions, evidence, judgements, the report, the
school's factual-accuracy comments) with backdated dates, so histories, deadlines and the audit trail look as they
would in use. Nothing here touches a real school: every school is created with `is_fictional=True` and a URN from
8,000,001 (real URNs are below 200,000; the test builders use 9,000,001 on).

Running it again deletes the demo schools' lifecycle inspections and builds them afresh, in one transaction. The
audit trail keeps the entries of every run (it is append-only) and records the rebuild itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspectorate.accounts.models import SchoolMembership, User
from inspectorate.audit.services import audit_record
from inspectorate.domain.frameworks import EIF_2024, FOUR_POINT_GRADES, REPORT_CARDS_2025, Framework, framework_on
from inspectorate.domain.wellbeing import wellbeing_policy_on
from inspectorate.domain.workflow import State
from inspectorate.domain.working_days import WorkingDayCalendar
from inspectorate.inspections.models import STATE_LABELS, Inspection
from inspectorate.inspections.services.evidence import (
    evidence_note_add,
    factual_accuracy_comment_add,
    judgement_record,
    report_draft_save,
)
from inspectorate.inspections.services.lifecycle import inspection_act
from inspectorate.inspections.services.planning import inspection_plan
from inspectorate.register.models import Establishment
from inspectorate.register.services.search_fields import establishment_search_fields_refresh
from inspectorate.schoolcalendar.services import school_calendar
from inspectorate.welfare.services import checkin_record
from inspectorate.workforce.demo import demo_profiles_create


class DemoSetupError(Exception):
    """The demo cannot be built as asked: the message says why and what to do."""


# ---------------------------------------------------------------------------------------------------------------
# The fictional schools
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSchool:
    key: str
    urn: int
    name: str
    phase: str
    type_of_education: str
    type_group: str
    local_authority: str
    ofsted_region: str
    region: str
    postcode: str  # a real postcode district with a made-up unit, so it points at a town but at no one's door
    latitude: float
    longitude: float
    pupils: int
    lowest_age: int
    highest_age: int
    sixth_form: str = "Does not have a sixth form"


DEMO_SCHOOLS: tuple[DemoSchool, ...] = (
    DemoSchool(
        "larkspur", 8_000_001, "Larkspur Primary School (fictional)", "Primary", "Community School",
        "Maintained school", "Reading", "South East", "South East", "RG4 9ZX", 51.475, -0.968, 412, 4, 11,
    ),
    DemoSchool(
        "foxglove", 8_000_002, "Foxglove Academy (fictional)", "Secondary", "Academy Converter", "Academy",
        "Leeds", "North East, Yorkshire and the Humber", "Yorkshire and the Humber", "LS17 9ZX", 53.853, -1.531,
        1_184, 11, 18, "Has a sixth form",
    ),
    DemoSchool(
        "ravensholt", 8_000_003, "Ravensholt School (fictional)", "Secondary", "Foundation School",
        "Maintained school", "Birmingham", "West Midlands", "West Midlands", "B14 9ZX", 52.421, -1.892, 936, 11, 16,
    ),
    DemoSchool(
        "willowmere", 8_000_004, "Willowmere Church of England Primary School (fictional)", "Primary",
        "Voluntary Controlled School", "Maintained school", "Cumberland", "North West", "North West", "CA11 9ZX",
        54.664, -2.752, 118, 4, 11,
    ),
    DemoSchool(
        "bramblewood", 8_000_005, "Bramblewood Primary School (fictional)", "Primary", "Academy Sponsor Led",
        "Academy", "Norfolk", "East of England", "East of England", "NR18 9ZX", 52.571, 1.112, 263, 3, 11,
    ),
    DemoSchool(
        "kestrel", 8_000_006, "Kestrel Brook Primary School (fictional)", "Primary", "Community School",
        "Maintained school", "Devon", "South West", "South West", "EX16 9ZX", 50.903, -3.488, 197, 4, 11,
    ),
    DemoSchool(
        "thistledown", 8_000_007, "Thistledown Academy (fictional)", "Secondary", "Academy Sponsor Led", "Academy",
        "Nottinghamshire", "East Midlands", "East Midlands", "NG22 9ZX", 53.201, -0.998, 742, 11, 16,
    ),
    DemoSchool(
        "marigold", 8_000_008, "Marigold Lane Primary School (fictional)", "Primary", "Community School",
        "Maintained school", "Lewisham", "London", "London", "SE13 9ZX", 51.455, -0.012, 455, 3, 11,
    ),
    DemoSchool(
        "saltmarsh", 8_000_009, "Saltmarsh Primary School (fictional)", "Primary", "Academy Converter", "Academy",
        "Lincolnshire", "East Midlands", "East Midlands", "PE25 9ZX", 53.145, 0.336, 224, 4, 11,
    ),
    DemoSchool(
        "oakhollow", 8_000_010, "Oakhollow Primary School (fictional)", "Primary", "Voluntary Aided School",
        "Maintained school", "Kent", "South East", "South East", "TN27 9ZX", 51.171, 0.722, 309, 4, 11,
    ),
    DemoSchool(
        "sandpiper", 8_000_011, "Sandpiper Cove Primary School (fictional)", "Primary", "Community School",
        "Maintained school", "Cornwall", "South West", "South West", "TR7 9ZX", 50.413, -5.079, 176, 4, 11,
    ),
    DemoSchool(
        "juniper", 8_000_012, "Juniper Heath Academy (fictional)", "Secondary", "Free School", "Academy",
        "Hertfordshire", "East of England", "East of England", "SG1 9ZX", 51.903, -0.202, 688, 11, 16,
    ),
    DemoSchool(
        "copperbeech", 8_000_013, "Copperbeech School (fictional)", "Secondary", "Academy Converter", "Academy",
        "Manchester", "North West", "North West", "M20 9ZX", 53.428, -2.232, 1_020, 11, 16,
    ),
)  # fmt: skip
DEMO_URNS = tuple(s.urn for s in DEMO_SCHOOLS)
HEADS_SCHOOL = "larkspur"  # the demo headteacher and governor belong here, so they see a draft to comment on


def _schools_create() -> dict[str, Establishment]:
    """Create (or bring up to date) the fictional schools, refusing to touch any real row with a demo URN."""
    real = list(Establishment.objects.filter(urn__in=DEMO_URNS, is_fictional=False).values_list("urn", flat=True))
    if real:
        raise DemoSetupError(
            f"URN(s) {', '.join(map(str, real))} belong to real schools in this register: the demo will not change "
            "them. Demo URNs start at 8,000,001; check where these rows came from."
        )
    schools = {}
    for s in DEMO_SCHOOLS:
        fields = {name: getattr(s, name) for name in DemoSchool.__dataclass_fields__ if name not in ("key", "urn")}
        school, _ = Establishment.objects.update_or_create(
            urn=s.urn, defaults={**fields, "is_fictional": True, "source": "Inspectorate demo (fictional school)"}
        )
        schools[s.key] = school
    establishment_search_fields_refresh(establishment_ids=[school.pk for school in schools.values()])
    return schools


# ---------------------------------------------------------------------------------------------------------------
# The people: the demo accounts (inspectorate/accounts/services.py)
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPeople:
    scheduler: User
    lead: User
    inspector: User
    qa: User
    dutydesk: User
    admin: User
    head: User
    governor: User


def _people() -> DemoPeople:
    names = list(DemoPeople.__dataclass_fields__)
    found = {user.username: user for user in User.objects.filter(username__in=names, is_active=True)}
    missing = [name for name in names if name not in found]
    if missing:
        raise DemoSetupError(
            f"The demo accounts {', '.join(missing)} do not exist: run `inspectorate create-demo-accounts` first."
        )
    return DemoPeople(**{name: found[name] for name in names})


def _memberships_create(people: DemoPeople, school: Establishment) -> None:
    for user, capacity in (
        (people.head, SchoolMembership.Capacity.HEADTEACHER),
        (people.governor, SchoolMembership.Capacity.RESPONSIBLE_BODY),
    ):
        SchoolMembership.objects.update_or_create(user=user, establishment=school, defaults={"capacity": capacity})


# ---------------------------------------------------------------------------------------------------------------
# Dates: working days counted back from (or on from) today in each school's own calendar
# ---------------------------------------------------------------------------------------------------------------

# The recent inspections are under the renewed framework (report cards, from 10 November 2025): the oldest of them
# starts about fifty working days back, so an earlier `today` would put it under the 2024 framework.
EARLIEST_TODAY = dt.date(2026, 4, 1)
EIF_2024_FIRST_DAY = dt.date(2025, 3, 11)  # a Tuesday in term, under the 2024 framework (no overall grade)


@dataclass(frozen=True)
class Clock:
    calendar: WorkingDayCalendar
    today: dt.date
    ceiling: dt.datetime  # no demo event is stamped later than this (the real moment, when today is today)

    def shift(self, day: dt.date, n: int) -> dt.date:
        """The nth working day after `day` (before it, when n is negative)."""
        if n >= 0:
            return self.calendar.add_working_days(day, n)
        for _ in range(-n):
            day -= dt.timedelta(days=1)
            while not self.calendar.is_working_day(day):
                day -= dt.timedelta(days=1)
        return day

    def back(self, n: int) -> dt.date:
        """n working days before the latest working day on or before today (0: that day itself)."""
        latest = self.today
        while not self.calendar.is_working_day(latest):
            latest -= dt.timedelta(days=1)
        return self.shift(latest, -n)

    def ahead(self, n: int) -> dt.date:
        return self.calendar.add_working_days(self.today, n)

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
        return min(moment, self.ceiling)


def _clock(school: Establishment, today: dt.date) -> Clock:
    if today == timezone.localdate():
        ceiling = timezone.now() - dt.timedelta(minutes=1)
    else:
        ceiling = timezone.make_aware(dt.datetime.combine(today, dt.time(23, 0)))
    return Clock(school_calendar(school).calendar, today, ceiling)


# ---------------------------------------------------------------------------------------------------------------
# What the inspectors found, and the report's words (invented for the demo)
# ---------------------------------------------------------------------------------------------------------------

SEEN: dict[str, str] = {
    "inclusion": "Pupils with special educational needs and disabilities are known well, and their plans are used "
    "in lessons rather than kept in a file.",
    "curriculum_and_teaching": "The curriculum sets out what pupils should learn and when; teachers check what "
    "pupils remember before moving on.",
    "achievement": "Pupils achieve as well as pupils nationally in the most recent national tests, and the weakest "
    "readers get help quickly.",
    "attendance_and_behaviour": "Corridors and playgrounds are calm; leaders follow up absence quickly and "
    "persistent absence has fallen this year.",
    "personal_development_and_wellbeing": "Pupils take on real responsibilities, from the school council to "
    "running the library, and talk confidently about how to stay safe online.",
    "leadership_and_governance": "Leaders have an accurate view of the school's strengths; governors ask "
    "searching questions and check the answers for themselves.",
    "early_years": "Children in the early years settle quickly and learn routines that prepare them well for Year 1.",
    "sixth_form": "Students in the sixth form receive well-planned advice about their next steps, and almost all "
    "go on to education, training or employment.",
    "quality_of_education": "The curriculum is ambitious and well sequenced; reading is given priority from the "
    "first days in school.",
    "behaviour_and_attitudes": "Pupils behave well in lessons and at social times and are keen to learn.",
    "personal_development": "Pupils learn about healthy relationships and take part in a wide range of clubs.",
    "leadership_and_management": "Leaders and governors share a clear vision and take staff workload into "
    "account when they make decisions.",
}
VERDICT: dict[str, str] = {
    "Exceptional": "This is exceptional.",
    "Strong standard": "This is a strength of the school.",
    "Expected standard": "This meets the expected standard.",
    "Needs attention": "Some of this needs attention: leaders have begun to act, but it is too soon to see the "
    "difference.",
    "Urgent improvement": "This needs urgent improvement.",
    **{code: f"This is {label.lower()}." for code, label in FOUR_POINT_GRADES.items()},
}
EVIDENCE: tuple[tuple[str, str], ...] = (
    ("curriculum_and_teaching", "Joint lesson visits in four subjects with a senior leader; pupils' work sampled."),
    ("inclusion", "Met the SENCo; looked at three pupils' support plans and how they are used in class."),
    ("attendance_and_behaviour", "Lunchtime and corridors observed; attendance records for the autumn term."),
    ("leadership_and_governance", "Met the chair of the board and two members; read recent minutes."),
    ("safeguarding", "Single central record checked; spoke to the designated safeguarding lead and to pupils."),
)
EIF_EVIDENCE: tuple[tuple[str, str], ...] = (
    ("quality_of_education", "Deep dives in reading, mathematics and history with subject leaders."),
    ("behaviour_and_attitudes", "Behaviour logs reviewed; spoke to groups of pupils at lunchtime."),
    ("safeguarding", "Single central record checked; case files sampled with the designated safeguarding lead."),
)


# Where a grade is below the expected standard, what was seen is a weakness, not the strengths above.
WEAKER = frozenset({"Needs attention", "Urgent improvement", "3", "4"})
WEAKNESS = (
    "Too many pupils, disadvantaged pupils especially, do not achieve as well as they should; leaders have a "
    "credible plan, but it is too soon to see its effect."
)
SAFEGUARDING: dict[str, str] = {
    "met": "The single central record is complete and staff know how to raise a concern.",
    "effective": "The single central record is complete and staff know how to raise a concern.",
    "not met": "Recruitment checks are incomplete: two members of staff began work before their checks came back.",
    "ineffective": "Recruitment checks are incomplete and concerns are not always followed up.",
}


def _area_text(area: str, grade: str) -> str:
    if area == "safeguarding":
        return SAFEGUARDING[grade]
    seen = WEAKNESS if grade in WEAKER else SEEN.get(area, "")
    return f"{VERDICT.get(grade, '')} {seen}".strip()


def _summary(school: Establishment, grades: Mapping[str, str], safeguarding: str) -> str:
    counted = Counter(grades.values())
    best = max(counted, key=lambda g: (counted[g], g))
    kept_safe = "Pupils are kept safe" if safeguarding in ("met", "effective") else "Safeguarding is not effective"
    grade_word = FOUR_POINT_GRADES.get(best, best).lower()
    return (
        f"{school.name} is a {school.phase.lower()} school in {school.local_authority} for {school.pupils} pupils "
        f"aged {school.lowest_age} to {school.highest_age}. Most of what inspectors saw was {grade_word}. "
        f"{kept_safe}. This is a report written for the demo: the school and everything in it are invented."
    )


# ---------------------------------------------------------------------------------------------------------------
# One inspection's story, told through the real services
# ---------------------------------------------------------------------------------------------------------------

NOTIFY = {
    "told_name": "The headteacher (fictional)",
    "told_role": "Headteacher",
    "senior_inspector_contact_given": True,
    "wellbeing_contacts_given": True,
}
EXPECTED = {
    "inclusion": "Expected standard",
    "curriculum_and_teaching": "Strong standard",
    "achievement": "Expected standard",
    "attendance_and_behaviour": "Expected standard",
    "personal_development_and_wellbeing": "Strong standard",
    "leadership_and_governance": "Expected standard",
}
MIXED = {**EXPECTED, "achievement": "Needs attention", "curriculum_and_teaching": "Expected standard"}
STRONG = {**EXPECTED, "inclusion": "Strong standard", "leadership_and_governance": "Strong standard"}
SIXTH_FORM_MIXED = {**MIXED, "sixth_form": "Strong standard"}
EIF_GOOD = {
    "quality_of_education": "2",
    "behaviour_and_attitudes": "1",
    "personal_development": "2",
    "leadership_and_management": "2",
    "early_years": "2",
}
CHECKIN_NOTES = {
    "notification": "Talked through the next two days; the head has the support contacts and the senior inspector's.",
    "end_of_day": "Shared the day's emerging findings; the head said the team had been courteous.",
    "final_feedback": "The head was disappointed with one area but clear about why; she will talk to her chair.",
    "follow_up": "Rang the head: she is sleeping better and has shared the outcome with her deputy and her family.",
}
# The main path, in order, with how many working days after the first on-site day each step is taken.
MAIN_PATH: tuple[tuple[State, int], ...] = (
    (State.NOTIFIED, -1),
    (State.PLANNING_CALL_HELD, -1),
    (State.ON_SITE, 0),
    (State.FINAL_FEEDBACK_GIVEN, 1),
    (State.DRAFTING, 2),
    (State.QUALITY_ASSURANCE, 4),
    (State.FACTUAL_ACCURACY_CHECK, 6),
    (State.FINALISED, 12),  # after the five-working-day window, or sooner once the school has responded
    (State.PUBLISHED, 14),
    (State.FOLLOW_UP_DECIDED, 16),
)


class Story:
    """One demo inspection, planned and moved on step by step, each step dated in the school's own calendar."""

    def __init__(self, people: DemoPeople, school: Establishment, clock: Clock, first_day: dt.date) -> None:
        self.people, self.school, self.clock, self.first_day = people, school, clock, first_day
        self.inspection: Inspection | None = None

    @property
    def pk(self) -> int:
        if self.inspection is None:
            raise RuntimeError("plan the inspection before taking any step on it")
        return self.inspection.pk

    def day(self, n: int) -> dt.date:
        return self.clock.shift(self.first_day, n)

    def plan(self, framework: Framework, planned_on: dt.date | None = None) -> Story:
        on = planned_on or self.day(-7)
        if framework_on(self.first_day) != framework:
            raise DemoSetupError(
                f"{_long(self.first_day)} falls under {framework_on(self.first_day).name}, not {framework.name}: "
                f"give a `today` on or after {_long(EARLIEST_TODAY)}"
            )
        self.inspection = inspection_plan(
            user=self.people.scheduler,
            urn=self.school.urn,
            starts_on=self.first_day,
            lead=self.people.lead.username,
            team=[self.people.inspector.username],
            today=on,
            now=self.clock.at(on, 11),
        )
        return self

    def act(
        self,
        who: User,
        action: str,
        day: dt.date,
        hour: int,
        minute: int = 0,
        *,
        reason: str = "",
        data: Mapping[str, object] | None = None,
    ) -> Story:
        self.inspection = inspection_act(
            user=who,
            inspection_id=self.pk,
            action=action,
            reason=reason,
            data=data,
            today=day,
            now=self.clock.at(day, hour, minute),
        )
        return self

    def check_in(self, key: str, day: dt.date, hour: int, minute: int = 0, notes: str = "") -> Story:
        """The lead's wellbeing check-in with the headteacher: the workflow waits for one at each point."""
        checkin_record(
            user=self.people.lead,
            inspection_id=self.pk,
            point=key,
            outcome="recorded",
            notes=notes or CHECKIN_NOTES.get(key.partition(":")[0], ""),
            today=day,
            now=self.clock.at(day, hour, minute),
        )
        return self

    def follow_up_due(self) -> dt.date:
        """The follow-up check-in's day: final feedback is on the second on-site day, then the policy's interval."""
        feedback = self.day(1)
        return self.clock.shift(feedback, wellbeing_policy_on(feedback).follow_up_working_days)

    def gather_evidence(self, notes: tuple[tuple[str, str], ...], day: dt.date) -> list[int]:
        ids = []
        for hour, (area, text) in enumerate(notes, start=10):
            author = self.people.inspector if hour % 2 else self.people.lead
            note = evidence_note_add(
                user=author, inspection_id=self.pk, area=area, text=text, now=self.clock.at(day, hour)
            )
            ids.append(note.pk)
        return ids

    def judge(self, grades: Mapping[str, str], safeguarding: str, day: dt.date, evidence: list[int]) -> Story:
        for area, grade in {**grades, "safeguarding": safeguarding}.items():
            judgement_record(
                user=self.people.lead,
                inspection_id=self.pk,
                area=area,
                grade=grade,
                rationale=_area_text(area, grade),
                evidence_ids=evidence[:1],
                now=self.clock.at(day, 15, 30),
            )
        return self

    def write_report(self, grades: Mapping[str, str], safeguarding: str, day: dt.date) -> Story:
        report_draft_save(
            user=self.people.lead,
            inspection_id=self.pk,
            summary=_summary(self.school, grades, safeguarding),
            area_texts={area: _area_text(area, grade) for area, grade in grades.items()},
            now=self.clock.at(day, 15),
        )
        return self

    def main_path(
        self,
        target: State,
        *,
        grades: Mapping[str, str] = EXPECTED,
        safeguarding: str = "met",
        follow_up: str = "none",
        framework: Framework = REPORT_CARDS_2025,
    ) -> Story:
        """Plan, then take the main path's steps in order until the inspection is in `target`."""
        people = self.people
        self.plan(framework)
        notes = EIF_EVIDENCE if framework.scale != REPORT_CARDS_2025.scale else EVIDENCE
        for state, offset in MAIN_PATH:
            day = self.day(offset)
            if state == State.NOTIFIED:
                self.act(people.lead, "notify", day, 10, data=NOTIFY)
                self.check_in("notification", day, 10, 20)
            elif state == State.PLANNING_CALL_HELD:
                notes_text = "Agreed the timetable, the deep dives and a meeting with governors."
                self.act(people.lead, "hold_planning_call", day, 14, data={"notes": notes_text})
            elif state == State.ON_SITE:
                self.act(people.lead, "arrive_on_site", day, 8)
                evidence = self.gather_evidence(notes if target != State.ON_SITE else notes[:2], day)
                if target == State.ON_SITE:
                    return self  # the first day is under way: evidence, no judgements yet
                self.check_in("end_of_day:1", day, 16, 30)
            elif state == State.FINAL_FEEDBACK_GIVEN:
                self.act(people.lead, "start_next_on_site_day", day, 8)
                self.judge(grades, safeguarding, day, evidence)
                self.check_in("end_of_day:2", day, 15, 45)
                self.act(people.lead, "give_final_feedback", day, 16)
                self.check_in("final_feedback", day, 16, 30)
            elif state == State.DRAFTING:
                self.act(people.lead, "start_drafting", day, 9)
                self.write_report(grades, safeguarding, day)
            elif state == State.QUALITY_ASSURANCE:
                self.check_in("follow_up", self.follow_up_due(), 10)
                self.act(people.lead, "submit_for_quality_assurance", day, 11)
            elif state == State.FACTUAL_ACCURACY_CHECK:
                self.act(people.qa, "issue_draft", day, 10)
            elif state == State.FINALISED:
                self.act(people.lead, "finalise", day, 10)
            elif state == State.PUBLISHED:
                self.act(people.qa, "publish", day, 9, 30)
            elif state == State.FOLLOW_UP_DECIDED:
                self.act(people.lead, "decide_follow_up", day, 12, data={"follow_up": follow_up})
            if state == target:
                return self
        raise AssertionError(f"{target} is not on the main path")


# ---------------------------------------------------------------------------------------------------------------
# The demo's inspections: one story per line, at least one in every state
# ---------------------------------------------------------------------------------------------------------------


def _stories(people: DemoPeople, schools: dict[str, Establishment], today: dt.date) -> list[Story]:
    """Each school has one inspection under way (or just published); a few also have one from earlier."""
    clocks = {key: _clock(school, today) for key, school in schools.items()}

    def back(key: str, n: int) -> Story:
        return Story(people, schools[key], clocks[key], clocks[key].back(n))

    def ahead(key: str, n: int) -> Story:
        return Story(people, schools[key], clocks[key], clocks[key].ahead(n))

    def eif_2024(key: str) -> Story:
        return Story(people, schools[key], clocks[key], EIF_2024_FIRST_DAY)

    earlier = [
        eif_2024("larkspur").main_path(State.PUBLISHED, grades=EIF_GOOD, safeguarding="effective", framework=EIF_2024),
        back("foxglove", 50).main_path(State.FOLLOW_UP_DECIDED, grades=SIXTH_FORM_MIXED, follow_up="monitoring"),
        _withdrawn(ahead("ravensholt", 25)),
        _incomplete(back("willowmere", 30)),
        _entry_refused(back("bramblewood", 40)),
    ]
    now = [
        _commented_on(back("larkspur", 8).main_path(State.FACTUAL_ACCURACY_CHECK, grades=STRONG)),
        back("foxglove", 0).main_path(State.ON_SITE),  # the monitoring inspection the follow-up called for
        ahead("ravensholt", 1).main_path(State.NOTIFIED),
        ahead("willowmere", 1).main_path(State.PLANNING_CALL_HELD),
        back("bramblewood", 1).main_path(State.FINAL_FEEDBACK_GIVEN, grades=MIXED),
        back("kestrel", 3).main_path(State.DRAFTING),
        back("thistledown", 5).main_path(State.QUALITY_ASSURANCE, grades=MIXED),
        ahead("marigold", 8).plan(REPORT_CARDS_2025, planned_on=clocks["marigold"].back(2)),
        back("saltmarsh", 13).main_path(State.FINALISED, grades=STRONG),
        back("oakhollow", 16).main_path(State.PUBLISHED),
        _paused(back("sandpiper", 0)),
        _deferred(ahead("juniper", 1)),
        _suspended(back("copperbeech", 4)),
    ]
    return [*earlier, *now]


def _commented_on(s: Story) -> Story:
    """The head reads the draft and sends a correction within the window."""
    day = s.day(7)
    factual_accuracy_comment_add(
        user=s.people.head,
        inspection_id=s.pk,
        text="The draft says 412 pupils; our October census shows 418. The library is run by Year 6, not Year 5.",
        today=day,
        now=s.clock.at(day, 16),
    )
    return s


def _withdrawn(s: Story) -> Story:
    planned_on = s.clock.back(12)
    s.plan(REPORT_CARDS_2025, planned_on=planned_on)
    return s.act(
        s.people.admin,
        "withdraw",
        s.clock.back(10),
        15,
        reason="Planned for a week when Year 11 are on study leave; the school is being inspected earlier instead.",
    )


def _deferred(s: Story) -> Story:
    """Notified for tomorrow; the school asked to defer and the scheduler granted it the same afternoon."""
    s.main_path(State.NOTIFIED)
    day = s.day(-1)
    return s.act(
        s.people.scheduler,
        "defer",
        day,
        15,
        reason="The headteacher is in hospital for planned surgery this week; deferral granted under the policy.",
        data={"unavailable_from": s.first_day.isoformat(), "unavailable_until": s.day(4).isoformat()},
    )


def _entry_refused(s: Story) -> Story:
    s.main_path(State.PLANNING_CALL_HELD)
    s.act(s.people.lead, "arrive_on_site", s.first_day, 8)
    return s.act(
        s.people.lead,
        "record_refused_entry",
        s.first_day,
        9,
        reason="The chair of the trust board refused the team entry, disputing that the school was due.",
        data={"refused_by": "Chair of the trust board (fictional)"},
    )


def _paused(s: Story) -> Story:
    """Paused on the first afternoon; the pause is still within the five-working-day limit."""
    s.main_path(State.ON_SITE)
    return s.act(
        s.people.lead,
        "pause",
        s.first_day,
        13,
        reason="The headteacher was taken ill during the first morning; paused with the duty desk's agreement.",
    )


def _incomplete(s: Story) -> Story:
    """Paused, and still paused after more than five working days: the duty desk marks it incomplete."""
    _paused(s)
    return s.act(s.people.dutydesk, "mark_incomplete", s.day(7), 10)


def _suspended(s: Story) -> Story:
    """Safeguarding not met, nothing else urgent: suspended for a return visit instead of a category now."""
    s.main_path(State.FINAL_FEEDBACK_GIVEN, grades=EXPECTED, safeguarding="not met")
    return s.act(
        s.people.lead,
        "suspend_for_safeguarding_return",
        s.day(2),
        10,
        reason="Safeguarding is not met (recruitment checks incomplete); the school can put it right quickly.",
    )


# ---------------------------------------------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoInspection:
    reference: str
    school: str
    urn: int
    state: str
    framework: str
    starts_on: dt.date


@dataclass(frozen=True)
class DemoReport:
    schools: tuple[str, ...]
    inspections: tuple[DemoInspection, ...]
    replaced: int  # the previous run's inspections, deleted before these were built

    def counts(self) -> dict[str, int]:
        """How many demo inspections are in each state, in the workflow's order (every state appears)."""
        held = Counter(i.state for i in self.inspections)
        return {state.value: held[state.value] for state in State}


@transaction.atomic
def demo_inspections_create(*, today: dt.date | None = None) -> DemoReport:
    """Create the fictional schools and their inspections, replacing any the demo made before.

    Needs the demo accounts (inspectorate create-demo-accounts). Raises DemoSetupError saying what to do."""
    day = today or timezone.localdate()
    if day < EARLIEST_TODAY:
        raise DemoSetupError(
            f"today is {_long(day)}: the demo needs a date on or after {_long(EARLIEST_TODAY)}, so that its "
            "recent inspections fall under the renewed framework (report cards, from 10 November 2025)"
        )
    people = _people()
    demo_profiles_create(today=day)  # planning refuses an inspector with no readiness record (the workforce app)
    schools = _schools_create()
    _memberships_create(people, schools[HEADS_SCHOOL])
    _, deleted = Inspection.objects.filter(establishment__urn__in=DEMO_URNS).delete()
    replaced = deleted.get(Inspection._meta.label, 0)
    stories = _stories(people, schools, day)
    built = tuple(_described(s) for s in stories)
    audit_record(
        action="demo.inspections_rebuilt",
        actor=None,
        object_type="demo",
        details={"schools": list(DEMO_URNS), "inspections": [i.reference for i in built]},
    )
    return DemoReport(schools=tuple(s.name for s in DEMO_SCHOOLS), inspections=built, replaced=replaced)


def _described(s: Story) -> DemoInspection:
    inspection = Inspection.objects.select_related("establishment").get(pk=s.pk)
    return DemoInspection(
        reference=inspection.reference,
        school=inspection.establishment.name,
        urn=inspection.establishment.urn,
        state=inspection.state,
        framework=inspection.framework_code,
        starts_on=inspection.starts_on,
    )


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def state_label(value: str) -> str:
    return STATE_LABELS[State(value)]
