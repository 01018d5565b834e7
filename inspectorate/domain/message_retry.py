"""When to try a failed message again: exponential back-off, then give up (and leave it for a person).

Pure arithmetic, no Django: the sending service reads the policy from settings (NOTIFY_RETRY) and asks it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RetryPolicy:
    """After the first failed attempt wait `first_delay`, then `factor` times longer after each further failure
    (1, 5, 25, 125 minutes by default); after `max_attempts` attempts in all, stop trying."""

    first_delay: dt.timedelta = dt.timedelta(minutes=1)
    factor: int = 5
    max_attempts: int = 5

    def __post_init__(self) -> None:
        if self.first_delay <= dt.timedelta(0):
            raise ValueError(f"NOTIFY_RETRY first delay must be positive, not {self.first_delay}")
        if self.factor < 1:
            raise ValueError(f"NOTIFY_RETRY factor must be 1 or more, not {self.factor}")
        if self.max_attempts < 1:
            raise ValueError(f"NOTIFY_RETRY max attempts must be 1 or more, not {self.max_attempts}")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> RetryPolicy:
        """From a settings dictionary such as {"FIRST_DELAY_SECONDS": 60, "FACTOR": 5, "MAX_ATTEMPTS": 5}."""
        known = {"FIRST_DELAY_SECONDS", "FACTOR", "MAX_ATTEMPTS"}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"NOTIFY_RETRY has unknown keys {sorted(unknown)}; it takes {sorted(known)}")
        default = cls()
        return cls(
            first_delay=dt.timedelta(seconds=values.get("FIRST_DELAY_SECONDS", default.first_delay.total_seconds())),
            factor=int(values.get("FACTOR", default.factor)),
            max_attempts=int(values.get("MAX_ATTEMPTS", default.max_attempts)),
        )

    def delay_after(self, attempts: int) -> dt.timedelta | None:
        """How long to wait after `attempts` failed attempts before the next one; None when it is time to give up."""
        if attempts >= self.max_attempts:
            return None
        return self.first_delay * self.factor ** max(attempts - 1, 0)
