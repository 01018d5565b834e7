"""What one row of an import file says, as immutable records ready to compare with the register.

A record carries only the fields its file gives (`values`, keyed by model field name): a field the file does not
have is left as the register holds it, never blanked. The previous graded inspection, for one, has no
inspection-type columns; a newer file must not erase the type an older file gave when it was the latest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class InspectionKind(StrEnum):
    GRADED = "graded"
    UNGRADED = "ungraded"


# The parts of a register row that are inspections, in order of precedence when two share a number.
INSPECTION_PARTS: dict[str, InspectionKind] = {
    "latest_graded": InspectionKind.GRADED,
    "previous_graded": InspectionKind.GRADED,
    "latest_ungraded": InspectionKind.UNGRADED,
}


@dataclass(frozen=True)
class EstablishmentRecord:
    line: int
    urn: int
    values: Mapping[str, object]

    @property
    def located(self) -> bool:
        return self.values.get("latitude") is not None


@dataclass(frozen=True)
class InspectionRecord:
    line: int
    urn: int  # the establishment's current URN, which the record is filed under
    inspection_number: str
    values: Mapping[str, object]

    @property
    def key(self) -> tuple[int, str]:
        return (self.urn, self.inspection_number)


@dataclass(frozen=True)
class RegisterRow:
    establishment: EstablishmentRecord
    inspections: tuple[InspectionRecord, ...]


@dataclass(frozen=True)
class LinkRecord:
    line: int
    urn: int
    link_urn: int
    link_type: str
    values: Mapping[str, object]

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.urn, self.link_urn, self.link_type)
