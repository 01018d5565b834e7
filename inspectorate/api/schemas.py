"""What the API returns and accepts. Action bodies are built from the workflow table (actions.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from inspectorate.domain.workflow import State


class FrameworkOut(Schema):
    code: str
    name: str


class DeadlinesOut(Schema):
    factual_accuracy_deadline: dt.date | None
    publication_target: dt.date | None


class InspectionLinks(Schema):
    self: str
    school: str


class InspectionSummary(Schema):
    id: int
    reference: str
    urn: int
    school_name: str
    is_fictional: bool
    framework: FrameworkOut
    state: State
    state_label: str
    version: int
    starts_on: dt.date
    deadlines: DeadlinesOut
    published_on: dt.date | None
    links: InspectionLinks


class PageLinks(Schema):
    next: str | None
    previous: str | None


class InspectionPage(Schema):
    items: list[InspectionSummary]
    page: int
    page_size: int
    total: int
    pages: int
    links: PageLinks


class TeamMemberOut(Schema):
    username: str
    name: str
    capacity: str


class StateChangeOut(Schema):
    sequence: int
    action: str
    from_state: str
    to_state: str
    actor: str
    at: dt.datetime
    reason: str
    payload: dict[str, Any]


class ActionOut(Schema):
    action: str
    label: str
    needs_reason: bool
    href: str


class JudgementOut(Schema):
    area: str
    grade: str
    grade_label: str
    rationale: str
    at: dt.datetime


class ReportOut(Schema):
    summary: str
    area_texts: dict[str, str]
    at: dt.datetime


class OutcomeOut(Schema):
    provisional: bool = Field(description="True until the report is published: every view is then audited")
    judgements: list[JudgementOut]
    safeguarding: str | None
    category_of_concern: str | None
    report: ReportOut | None


class InspectionDetail(InspectionSummary):
    team: list[TeamMemberOut]
    timeline: list[StateChangeOut]
    actions: list[ActionOut]
    outcome: OutcomeOut | None
    outcome_withheld_reason: str | None


class InspectionFilters(Schema):
    state: list[State] = Field(default_factory=list, description="Repeat to ask for several states")
    urn: int | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(20, ge=1, le=100)


class PlanIn(Schema):
    urn: int
    starts_on: dt.date
    lead: str = Field(description="The lead inspector's username")
    team: list[str] = Field(default_factory=list, description="Team inspectors' usernames")
    on_site_days: int = 2


class EvidenceIn(Schema):
    area: str
    text: str


class JudgementIn(Schema):
    area: str
    grade: str
    rationale: str = ""
    evidence_ids: list[int] = Field(default_factory=list)


class ReportIn(Schema):
    summary: str
    area_texts: dict[str, str] = Field(default_factory=dict)


class CommentIn(Schema):
    text: str


class RecordLinks(Schema):
    inspection: str


class EvidenceOut(Schema):
    id: int
    area: str
    text: str
    at: dt.datetime
    links: RecordLinks


class JudgementRecorded(Schema):
    id: int
    area: str
    grade: str
    evidence_ids: list[int]
    at: dt.datetime
    links: RecordLinks


class ReportSaved(Schema):
    id: int
    summary: str
    area_texts: dict[str, str]
    at: dt.datetime
    links: RecordLinks


class CommentOut(Schema):
    id: int
    text: str
    at: dt.datetime
    links: RecordLinks
