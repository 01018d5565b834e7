"""The outbox page and a message's page as plain view models: what was (or would have been) sent, to whom, when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse

from inspectorate.inspections.presenters.fields import ErrorLink, Field, Option
from inspectorate.inspections.presenters.words import Tag
from inspectorate.notifications import selectors
from inspectorate.notifications.models import OutboxMessage
from inspectorate.notifications.services import DECIDABLE, Decision
from inspectorate.notifications.wording import STATUS_WORDS, moment
from inspectorate.web.formatting import number
from inspectorate.web.pagination import Pagination, pagination

PAGE_SIZE = 25
Status = OutboxMessage.Status
STATUS_COLOURS = {
    Status.QUEUED: "grey",
    Status.SENDING: "light-blue",
    Status.SENT: "green",
    Status.FAILED: "yellow",
    Status.GAVE_UP: "red",
    Status.UNKNOWN: "orange",
    Status.RESOLVED: "purple",
}
# The order the filters are offered in: what needs a person first.
STATUS_ORDER = (
    Status.UNKNOWN,
    Status.GAVE_UP,
    Status.FAILED,
    Status.QUEUED,
    Status.SENDING,
    Status.SENT,
    Status.RESOLVED,
)


def status_tag(status: str) -> Tag:
    return Tag(STATUS_WORDS[Status(status)], f"govuk-tag--{STATUS_COLOURS[Status(status)]}")


def backend_note() -> str:
    if settings.NOTIFY_BACKEND == "outbox":
        return (
            "Nothing leaves this machine: messages go to this local outbox only. A sent message shows what would "
            "have been sent by GOV.UK Notify, to whom and when."
        )
    if settings.NOTIFY_BACKEND == "notify":
        return "Messages are sent by GOV.UK Notify. The reference of a sent message is Notify's id for it."
    return f"Messages are sent through {settings.NOTIFY_BACKEND}."


def recipient_name(message: OutboxMessage) -> str:
    person = message.recipient
    if person is None:
        return message.to
    return person.get_full_name() or person.username


@dataclass(frozen=True)
class StatusFilter:
    label: str
    href: str
    count: int
    current: bool


@dataclass(frozen=True)
class OutboxRow:
    href: str
    recipient: str
    to: str
    channel: str
    subject: str
    tag: Tag
    created: str
    sent: str
    attempts: int
    last_error: str
    next_attempt: str


@dataclass(frozen=True)
class OutboxView:
    title: str
    errors: list[ErrorLink]
    note: str
    filters: list[StatusFilter]
    rows: list[OutboxRow]
    heading: str
    summary: str
    empty_message: str
    pagination: Pagination | None
    needs_a_person: int


def read_status(params: Mapping[str, Any]) -> tuple[str, str | None]:
    """The status filter from the address, and an error if it names no status."""
    wanted = str(params.get("status", "")).strip()
    if not wanted or wanted in Status.values:
        return wanted, None
    known = ", ".join(s.value for s in STATUS_ORDER)
    return "", f"There is no message status called '{wanted[:40]}'; choose one of {known}. Showing every message."


def _href(status: str, page: int = 1) -> str:
    params = [(k, v) for k, v in (("status", status), ("page", page)) if v and (k, v) != ("page", 1)]
    return reverse("outbox") + (f"?{urlencode(params)}" if params else "")


def _row(message: OutboxMessage) -> OutboxRow:
    return OutboxRow(
        href=reverse("outbox-message", args=[message.pk]),
        recipient=recipient_name(message),
        to=message.to,
        channel=message.get_channel_display(),
        subject=message.subject or message.body[:60],
        tag=status_tag(message.status),
        created=moment(message.created_at),
        sent=moment(message.sent_at, missing="Not sent"),
        attempts=message.attempts,
        last_error=message.last_error,
        next_attempt=moment(message.next_attempt_at, missing="") if message.status == Status.FAILED else "",
    )


def present_outbox(user: Any, params: Mapping[str, Any]) -> OutboxView:
    status, error = read_status(params)
    counts = selectors.outbox_counts(user)
    paginator = Paginator(selectors.outbox_for(user, status=status), PAGE_SIZE)
    page_param = str(params.get("page", ""))
    page = paginator.get_page(int(page_param) if page_param.isdigit() and len(page_param) < 7 else 1)
    total = sum(counts.values())
    filters = [StatusFilter("All", _href(""), total, not status)]
    filters += [
        StatusFilter(STATUS_WORDS[s], _href(s.value), counts.get(s.value, 0), status == s.value) for s in STATUS_ORDER
    ]
    count = paginator.count
    shown = STATUS_WORDS[Status(status)].lower() if status else ""
    return OutboxView(
        title=("Error: " if error else "") + "Outbox",
        errors=[("status-filters", error)] if error else [],
        note=backend_note(),
        filters=filters,
        rows=[_row(m) for m in page.object_list],
        heading=f"{number(count)} message{'' if count == 1 else 's'}" + (f": {shown}" if shown else ""),
        summary=f"Showing {page.start_index()} to {page.end_index()} of {number(count)}, newest first" if count else "",
        empty_message="No messages have this status." if status else "No messages have been queued yet.",
        pagination=_pagination(status, page.number, paginator.num_pages),
        needs_a_person=counts.get(Status.UNKNOWN, 0) + counts.get(Status.GAVE_UP, 0),
    )


def _pagination(status: str, current: int, total: int) -> Pagination | None:
    return pagination(current, total, lambda n: _href(status, n))


@dataclass(frozen=True)
class MessageView:
    title: str
    heading: str
    tag: Tag
    details: list[tuple[str, str]]
    subject: str
    body: str
    note: str
    decidable: bool
    guidance: str
    decide_href: str
    fields: list[Field]
    errors: list[ErrorLink]
    back_href: str
    conflict: str = ""  # why a decision just made could not be taken (someone else decided first)


GUIDANCE = {
    Status.UNKNOWN: (
        "The worker stopped, or no answer came, while this message was being sent: it may or may not have "
        "arrived, so it has not been sent again. Check with the recipient, or find its reference on GOV.UK "
        "Notify's dashboard, then decide."
    ),
    Status.GAVE_UP: (
        "Sending failed every time it was tried, or was refused. Check the address or number with the recipient, "
        "tell them another way if it matters, then decide."
    ),
}


def _details(message: OutboxMessage) -> list[tuple[str, str]]:
    rows = [
        ("To", f"{recipient_name(message)} ({message.to})" if message.recipient else message.to),
        ("Channel", message.get_channel_display()),
        ("Event", message.event),
        ("Queued", moment(message.created_at)),
        ("Sent", moment(message.sent_at, missing="Not sent")),
        ("Attempts", str(message.attempts)),
    ]
    if message.status == Status.FAILED:
        rows.append(("Next attempt", moment(message.next_attempt_at)))
    if message.provider_reference:
        rows.append(("Reference", message.provider_reference))
    if message.last_error:
        rows.append(("Last error", message.last_error))
    if message.resolved_at:
        by = message.resolved_by.get_full_name() or message.resolved_by.username if message.resolved_by else "—"
        rows.append(("Decided by", f"{by}, {moment(message.resolved_at)}: {message.resolution_note}"))
    return rows


def present_message(
    user: Any,
    message_id: int,
    submitted: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    conflict: str = "",
) -> MessageView:
    message = selectors.outbox_message_for(user, message_id)
    submitted, errors = submitted or {}, errors or {}
    decision = str(submitted.get("decision", ""))
    fields = [
        Field(
            "radios",
            "decision",
            "decision",
            "What should happen to this message?",
            error=errors.get("decision"),
            options=(
                Option(Decision.RESEND, "It did not arrive: send it again", decision == Decision.RESEND),
                Option(Decision.RESOLVED, "Resolved: do not send it again", decision == Decision.RESOLVED),
            ),
        ),
        Field(
            "textarea",
            "note",
            "note",
            "What did you check?",
            hint="This is kept with the message and in the audit trail.",
            error=errors.get("note"),
            value=str(submitted.get("note", "")),
        ),
    ]
    heading = message.subject or f"{message.get_channel_display()} to {recipient_name(message)}"
    return MessageView(
        title=("Error: " if errors else "") + heading,
        heading=heading,
        tag=status_tag(message.status),
        details=_details(message),
        subject=message.subject,
        body=message.body,
        note=backend_note(),
        decidable=message.status in DECIDABLE,
        guidance=GUIDANCE.get(Status(message.status), ""),
        decide_href=reverse("outbox-message", args=[message.pk]),
        fields=fields,
        errors=[(f.id, f.error) for f in fields if f.error],
        back_href=reverse("outbox"),
        conflict=conflict,
    )
