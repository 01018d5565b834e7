"""Form fields as the workspace's templates draw them (components/govuk.html `form_field`), and the error summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from inspectorate.inspections.errors import InvalidInput, StateConflict
from inspectorate.inspections.forms import Errors, Input, Kind, date_parts
from inspectorate.inspections.presenters.words import sentence

ErrorLink = tuple[str, str]  # (the id of the field at fault, the message)


@dataclass(frozen=True)
class Refusal:
    """A form on the inspection page that was refused: which one, why, and what was typed, to show again."""

    form: str  # "act-<action>", "evidence", "judgement", "report" or "comment"
    submitted: Mapping[str, Any]
    errors: Errors = field(default_factory=dict)
    conflict: str | None = None  # a StateConflict's message, with the actions allowed now
    allowed_actions: tuple[str, ...] = ()

    @classmethod
    def of(cls, form: str, submitted: Mapping[str, Any], err: InvalidInput | StateConflict) -> Refusal:
        """The refused form as the inspection page shows it again; a conflict names the actions allowed now."""
        if isinstance(err, InvalidInput):
            return cls(form, submitted, errors=err.field_errors)
        return cls(form, submitted, conflict=err.message, allowed_actions=tuple(err.allowed_actions))


def submitted_to(refusal: Refusal | None, form_id: str) -> tuple[Mapping[str, Any], Errors]:
    """What was typed into this form and what was wrong, if it is the one refused; else an empty form."""
    if refusal is not None and refusal.form == form_id:
        return refusal.submitted, refusal.errors
    return {}, {}


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class Field:
    """One form field as components/govuk.html's `form_field` draws it. `id` is unique on the page."""

    kind: str  # text, number, textarea, select, radios, checkboxes, confirm, date
    id: str
    name: str
    label: str
    hint: str = ""
    error: str | None = None
    value: str = ""
    options: tuple[Option, ...] = ()
    groups: tuple[tuple[str, tuple[Option, ...]], ...] = ()  # a select's option groups, when it has them
    parts: tuple[str, str, str] = ("", "", "")  # a date's day, month and year as typed
    optional: bool = False

    @property
    def anchor(self) -> str:
        """Where the error summary links to: the first box of a date, the first of several checkboxes."""
        return f"{self.id}-day" if self.kind == "date" else self.id


@dataclass(frozen=True)
class FormView:
    id: str
    heading: str
    href: str
    fields: list[Field]
    button: str
    button_classes: str = ""
    version: int | None = None
    description: str = ""
    tucked: bool = False  # a side path, folded away (GOV.UK details) unless it was just refused


def field_from_input(spec: Input, prefix: str, submitted: Mapping[str, Any], errors: Errors) -> Field:
    error = errors.get(spec.name)
    common: dict[str, Any] = {
        "id": f"{prefix}-{spec.name}",
        "name": spec.name,
        "label": spec.label,
        "hint": spec.hint,
        "error": sentence(spec.label, error) if error else None,
        "optional": spec.optional,
    }
    if spec.kind is Kind.DATE:
        return Field("date", parts=date_parts(submitted, spec.name), **common)
    if spec.kind is Kind.RADIOS:
        chosen = str(submitted.get(spec.name, ""))
        return Field("radios", options=tuple(Option(v, t, v == chosen) for v, t in spec.choices), **common)
    if spec.kind is Kind.CONFIRM:
        return Field("confirm", value="true" if submitted.get(spec.name) == "true" else "", **common)
    return Field(spec.kind.value, value=str(submitted.get(spec.name, "")), **common)


def error_links(fields: Iterable[Field]) -> list[ErrorLink]:
    return [(f.anchor, f.error) for f in fields if f.error is not None]


def unplaced(errors: Errors, fields: Sequence[Field]) -> list[ErrorLink]:
    """Errors about no field on the form (a service may name one the form does not show): linked to the form."""
    names = {f.name for f in fields}
    anchor = fields[0].anchor if fields else "main-content"
    return [
        (anchor, sentence(name.replace("_", " ").capitalize(), message))
        for name, message in errors.items()
        if name not in names
    ]
