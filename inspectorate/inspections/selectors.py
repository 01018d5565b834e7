"""Reading inspections: always through these helpers, which take the person asking.

Who sees what (docs/adr/0009):
- planners, quality assurance, the duty desk, senior inspectors and complaints officers see every inspection;
- an inspector sees the inspections they are on the team of;
- a school user sees their own school's inspections;
- someone the headteacher invited into the sharing circle (portal.CircleMember) sees that one inspection, read-only,
  until the invitation is withdrawn;
- before publication, the outcome (judgements, report) only the team, quality assurance, the school's leaders once
  final feedback is given, the people the headteacher invited to share it with (docs/adr/0018), and for a
  provisional inadequate the Department's named regional contact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from inspectorate.domain.roles import Role
from inspectorate.domain.workflow import State
from inspectorate.inspections.errors import NotFound
from inspectorate.inspections.models import Inspection, Judgement, RegionalContact, ReportDraft, TeamMember

SEE_ALL = frozenset(
    {
        Role.SCHEDULER,
        Role.ADMINISTRATOR,
        Role.QUALITY_ASSURANCE,
        Role.DUTY_DESK,
        Role.SENIOR_INSPECTOR,
        Role.COMPLAINTS_OFFICER,
    }
)
PUBLIC_STATES = frozenset({State.PUBLISHED.value, State.FOLLOW_UP_DECIDED.value})
# The school's leaders hear the provisional outcome at final feedback; before then there is none to see.
OUTCOME_TOLD_TO_SCHOOL = frozenset(
    {
        State.FINAL_FEEDBACK_GIVEN,
        State.DRAFTING,
        State.QUALITY_ASSURANCE,
        State.FACTUAL_ACCURACY_CHECK,
        State.FINALISED,
        State.SUSPENDED_FOR_SAFEGUARDING_RETURN,
    }
)
SPECIAL_AREAS = ("safeguarding", "category_of_concern")


def roles_of(user: object) -> frozenset[Role]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_inspectorate_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
        cached = frozenset(r for r in Role if r.value in names)
        user._inspectorate_roles = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[no-any-return]


def team_capacity(user: object, inspection: Inspection) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    member = TeamMember.objects.filter(inspection=inspection, inspector_id=getattr(user, "pk", None)).first()
    return member.capacity if member else None


def is_school_member(user: object, inspection: Inspection) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.school_memberships.filter(establishment_id=inspection.establishment_id).exists())  # type: ignore[attr-defined]


def in_sharing_circle(user: object, inspection: Inspection) -> bool:
    """Whether the headteacher invited this person to share this inspection's provisional outcome, and has not
    withdrawn the invitation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(inspection.circle_members.filter(user=user, withdrawn_at__isnull=True).exists())  # type: ignore[misc]


def roles_on(user: object, inspection: Inspection) -> frozenset[Role]:
    """The roles a person holds for this inspection: an inspector's role counts only on their own team, a school
    role only at their own school."""
    held = set(roles_of(user))
    capacity = team_capacity(user, inspection)
    if capacity != TeamMember.Capacity.LEAD:
        held.discard(Role.LEAD_INSPECTOR)
    if capacity is None:
        held.discard(Role.TEAM_INSPECTOR)
    elif capacity == TeamMember.Capacity.TEAM:
        held.add(Role.TEAM_INSPECTOR)
    if not is_school_member(user, inspection):
        held -= {Role.HEADTEACHER, Role.RESPONSIBLE_BODY}
    return frozenset(held)


def inspections_for(user: object) -> QuerySet[Inspection]:
    base = Inspection.objects.select_related("establishment")
    roles = roles_of(user)
    if roles & SEE_ALL:
        return base.all()
    visible = Q(pk__in=[])
    if roles & {Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR}:
        visible |= Q(team__inspector=user)
    if roles & {Role.HEADTEACHER, Role.RESPONSIBLE_BODY}:
        visible |= Q(establishment__members__user=user)
    if getattr(user, "is_authenticated", False):
        # An invitee holds no role: they see the one inspection they were invited to, while the invitation stands.
        visible |= Q(circle_members__user=user, circle_members__withdrawn_at__isnull=True)
    return base.filter(visible).distinct()


def inspection_for(user: object, inspection_id: int) -> Inspection:
    """The inspection, if this person may see it; NotFound otherwise, so that its existence is not given away."""
    found = inspections_for(user).filter(pk=inspection_id).first()
    if found is None:
        raise NotFound(f"There is no inspection {inspection_id} that you can see.")
    return found


def current_judgements(inspection: Inspection) -> dict[str, Judgement]:
    latest: dict[str, Judgement] = {}
    for judgement in (
        inspection.judgements.select_related("recorded_by").prefetch_related("evidence").order_by("at", "pk")
    ):
        latest[judgement.area] = judgement
    return latest


def current_report(inspection: Inspection) -> ReportDraft | None:
    return inspection.report_drafts.order_by("-at", "-pk").first()


def provisionally_inadequate(inspection: Inspection) -> bool:
    grades = {a: j.grade for a, j in current_judgements(inspection).items()}
    if grades.get("category_of_concern"):
        return True
    if grades.get("safeguarding") in {"ineffective", "not met"}:
        return True
    return any(g in {"4", "Urgent improvement"} for a, g in grades.items() if a not in SPECIAL_AREAS)


def regional_contact_for(region: str, on: dt.date) -> int | None:
    contact = (
        RegionalContact.objects.filter(ofsted_region=region, effective_from__lte=on)
        .order_by("-effective_from")
        .values_list("contact_id", flat=True)
        .first()
    )
    return contact


@dataclass(frozen=True)
class OutcomeAccess:
    allowed: bool
    provisional: bool  # True when the outcome is not yet published: every view is then audited
    why: str


def outcome_access(user: object, inspection: Inspection, *, today: dt.date) -> OutcomeAccess:
    if inspection.state in PUBLIC_STATES:
        return OutcomeAccess(True, False, "published")
    if not getattr(user, "is_authenticated", False):
        return OutcomeAccess(False, True, "not published")
    roles = roles_on(user, inspection)
    if roles & {Role.LEAD_INSPECTOR, Role.TEAM_INSPECTOR}:
        return OutcomeAccess(True, True, "on the inspection team")
    if Role.QUALITY_ASSURANCE in roles:
        return OutcomeAccess(True, True, "quality assurance")
    told = inspection.state_enum in OUTCOME_TOLD_TO_SCHOOL
    if roles & {Role.HEADTEACHER, Role.RESPONSIBLE_BODY} and told:
        return OutcomeAccess(True, True, "the school's leadership, told at final feedback")
    if told and in_sharing_circle(user, inspection):
        return OutcomeAccess(True, True, "invited by the headteacher to share the provisional outcome")
    if (
        told
        and regional_contact_for(inspection.establishment.ofsted_region, today) == getattr(user, "pk", None)
        and provisionally_inadequate(inspection)
    ):
        return OutcomeAccess(True, True, "the Department's regional contact, for a provisional inadequate")
    return OutcomeAccess(
        False, True, "only the inspection team, quality assurance, the school and those it shares it with may see it"
    )


def by_state(queryset: QuerySet[Inspection], states: Iterable[str]) -> QuerySet[Inspection]:
    wanted = [s for s in states if s]
    return queryset.filter(state__in=wanted) if wanted else queryset
