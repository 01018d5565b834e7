"""Text a person typed into a service's input, checked the same way everywhere: trimmed, present when it must be,
and no longer than its limit, or an InvalidInput that names the field and says what is wrong."""

from __future__ import annotations

from inspectorate.inspections.errors import InvalidInput


def typed_text(value: object, name: str, *, limit: int, required: bool = True, missing: str = "is required") -> str:
    if not isinstance(value, str):
        raise InvalidInput({name: "must be text"})
    value = value.strip()
    if required and not value:
        raise InvalidInput({name: missing})
    if len(value) > limit:
        raise InvalidInput({name: f"is {len(value)} characters long; at most {limit}"})
    return value
