"""What the learning-review pages show, as plain view models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from inspectorate.accounts.models import User
from inspectorate.concerns.duty import next_due
from inspectorate.concerns.models import LearningReview
from inspectorate.concerns.presenters import ActionForm, ErrorLink, Errors, Refusal, error_links, moment, text_field
from inspectorate.domain.roles import Role
from inspectorate.inspections.presenters.fields import Field, Option
from inspectorate.inspections.presenters.words import Tag, sentence
from inspectorate.inspections.selectors import roles_of
from inspectorate.web.formatting import long_date

OWNER_ROLES = (Role.SENIOR_INSPECTOR.value, Role.DUTY_DESK.value, Role.ADMINISTRATOR.value)


def stage_of(review: LearningReview, today: dt.date) -> Tag:
    if review.findings_published_on:
        return Tag("Findings published", "govuk-tag--green")
    what, due = next_due(review)
    if due is not None and today > due:
        return Tag(f"Overdue: {what}", "govuk-tag--red")
    return Tag(f"Open: {what} next", "govuk-tag--yellow")


@dataclass(frozen=True)
class ReviewRow:
    reference: str
    href: str
    school: str
    owner: str
    opened: str
    terms_due: str
    report_due: str
    tag: Tag


def present_review_list(reviews: list[LearningReview], today: dt.date) -> list[ReviewRow]:
    return [
        ReviewRow(
            reference=r.reference,
            href=reverse("learning-review-detail", args=[r.pk]),
            school=r.establishment.name,
            owner=r.owner.display_name,
            opened=long_date(timezone.localdate(r.opened_at)),
            terms_due=long_date(r.terms_of_reference_due),
            report_due=long_date(r.report_due),
            tag=stage_of(r, today),
        )
        for r in reviews
    ]


@dataclass(frozen=True)
class OpenPage:
    fields: list[Field]
    errors: list[ErrorLink]
    conflict: str


def present_open(submitted: Mapping[str, Any], errors: Errors, conflict: str = "") -> OpenPage:
    chosen = str(submitted.get("owner_username", ""))
    owners = User.objects.filter(is_active=True, groups__name__in=OWNER_ROLES).distinct().order_by("pk")
    owner_error = errors.get("owner_username")
    fields = [
        text_field("inspection_id", "Inspection number", "The number in the inspection's address, for example 42.",
                   submitted, errors, kind="number"),
        text_field("incident", "What happened",
                   "This stays confidential to the people running the review; it is never published.",
                   submitted, errors),
        Field("select", id="owner_username", name="owner_username", label="Owner of the review",
              hint="Someone who was not on the inspection's team.",
              options=(Option("", "Choose the owner"), *(Option(u.username, u.display_name, u.username == chosen)
                                                          for u in owners)),
              error=sentence("Owner of the review", owner_error) if owner_error else None),
    ]  # fmt: skip
    return OpenPage(fields, error_links(fields, errors), conflict)


@dataclass(frozen=True)
class ReviewPage:
    title: str
    reference: str
    school: str
    inspection: str
    tag: Tag
    details: list[tuple[str, str]]
    incident: str
    texts: list[tuple[str, str, str]]  # heading, when, text
    events: list[tuple[str, str, str]]  # when, what, who
    forms: list[ActionForm]
    errors: list[ErrorLink]
    conflict: str
    public_href: str


def _form(review: LearningReview, refusal: Refusal | None) -> ActionForm | None:
    def sub(form: str) -> tuple[Mapping[str, Any], Errors]:
        return (refusal.submitted, refusal.errors) if refusal and refusal.form == form else ({}, {})

    if review.terms_of_reference_on is None:
        submitted, errors = sub("terms")
        return ActionForm("terms", "Record the terms of reference", reverse("learning-review-terms", args=[review.pk]),
                          [text_field("terms", "Terms of reference", "", submitted, errors)],
                          "Record the terms of reference")  # fmt: skip
    if review.report_on is None:
        submitted, errors = sub("report")
        return ActionForm("report", "Record the report", reverse("learning-review-report", args=[review.pk]),
                          [text_field("report", "Report", "Kept with the review; the findings are published apart.",
                                      submitted, errors)], "Record the report")  # fmt: skip
    if review.findings_published_on is None:
        submitted, errors = sub("publish")
        confirm_error = errors.get("no_personal_details")
        return ActionForm("publish", "Publish the findings", reverse("learning-review-publish", args=[review.pk]), [
            text_field("findings", "Findings", "Published as written on a public page.", submitted, errors),
            Field("confirm", id="no_personal_details", name="no_personal_details",
                  label="The findings name nobody and hold no personal details",
                  value="true" if submitted.get("no_personal_details") == "true" else "",
                  error=sentence("Confirmation", confirm_error) if confirm_error else None),
        ], "Publish the findings")  # fmt: skip
    return None


def present_review(user: Any, review: LearningReview, refusal: Refusal | None = None) -> ReviewPage:
    today = timezone.localdate()
    runs = review.owner_id == getattr(user, "pk", None) or bool(roles_of(user) & {Role.DUTY_DESK, Role.ADMINISTRATOR})
    form = _form(review, refusal) if runs else None
    forms = [form] if form else []
    texts = [
        (heading, long_date(on) if on else "", text)
        for heading, on, text in (
            ("Terms of reference", review.terms_of_reference_on, review.terms_of_reference),
            ("Report", review.report_on, review.report),
            ("Published findings", review.findings_published_on, review.findings),
        )
        if text
    ]
    events = [
        (moment(e.at), e.get_kind_display(), e.actor.display_name)
        for e in review.events.select_related("actor").order_by("at", "pk")
    ]
    return ReviewPage(
        title=f"Learning review {review.reference}",
        reference=review.reference,
        school=review.establishment.name,
        inspection=review.inspection.reference if review.inspection else "",
        tag=stage_of(review, today),
        details=[
            ("School", review.establishment.name),
            ("Inspection", review.inspection.reference if review.inspection else "Not recorded"),
            ("Opened", f"{moment(review.opened_at)} by {review.opened_by.display_name}"),
            ("Owner", review.owner.display_name),
            ("Terms of reference due", long_date(review.terms_of_reference_due)),
            ("Report due", long_date(review.report_due)),
        ],
        incident=review.incident,
        texts=texts,
        events=events,
        forms=forms,
        errors=[
            link for f in forms if refusal and f.id == refusal.form for link in error_links(f.fields, refusal.errors)
        ],
        conflict=refusal.conflict if refusal else "",
        public_href=reverse("learning-review-public", args=[review.pk]) if review.findings_published_on else "",
    )


@dataclass(frozen=True)
class PublicFindings:
    title: str
    reference: str
    details: list[tuple[str, str]]
    findings: str


def present_public(review: LearningReview) -> PublicFindings:
    """The public page: the findings and the review's dates; nothing about the school or anyone in it."""
    published = review.findings_published_on
    return PublicFindings(
        title=f"Findings of learning review {review.reference}",
        reference=review.reference,
        details=[
            ("Opened", long_date(timezone.localdate(review.opened_at))),
            ("Terms of reference set", long_date(review.terms_of_reference_on)),
            ("Report completed", long_date(review.report_on)),
            ("Findings published", long_date(published)),
        ],
        findings=review.findings,
    )
