"""What can go wrong with a lifecycle request, each error carrying what a page or the API needs to explain it.

The API maps them to HTTP: NotFound 404, NotAllowed 403, WrongState / Refused / Conflict 409, InvalidInput 422.
"""

from __future__ import annotations

from collections.abc import Mapping


class LifecycleError(Exception):
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(LifecycleError):
    status = 404


class NotAllowed(LifecycleError):
    status = 403


class InvalidInput(LifecycleError):
    status = 422

    def __init__(self, field_errors: Mapping[str, str]) -> None:
        self.field_errors = dict(field_errors)
        super().__init__("; ".join(f"{field}: {problem}" for field, problem in self.field_errors.items()))


class StateConflict(LifecycleError):
    """The action does not fit the inspection now: the wrong state, a guard, or someone else got there first."""

    status = 409

    def __init__(self, message: str, *, current_state: str, allowed_actions: list[str], version: int) -> None:
        super().__init__(message)
        self.current_state = current_state
        self.allowed_actions = allowed_actions
        self.version = version
