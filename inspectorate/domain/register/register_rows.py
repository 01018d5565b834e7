"""One row of a register file: an establishment and up to three inspections (latest graded, previous graded,
latest ungraded). An inspection is there only when its number or start date is; then it needs both."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from inspectorate.domain.frameworks import framework_on
from inspectorate.domain.register.columns import ColumnReader, Limits, column_readers, read_values
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.fields import ESTABLISHMENT_FIELDS, INSPECTION_FIELDS
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.records import (
    INSPECTION_PARTS,
    EstablishmentRecord,
    InspectionKind,
    InspectionRecord,
    RegisterRow,
)

type Locate = Callable[[str], tuple[float, float] | None]


class RowRejected(Exception):
    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(f"{len(self.problems)} bad value(s)")


@dataclass(frozen=True)
class InspectionColumns:
    kind: InspectionKind
    number: ColumnReader
    start: ColumnReader
    readers: tuple[ColumnReader, ...]


class RegisterRowReader:
    def __init__(self, mapping: ColumnMapping, header: Sequence[str], *, locate: Locate, limits: Limits) -> None:
        self._conventions = mapping.conventions
        self._locate = locate
        establishment = column_readers(
            mapping, header, part="establishment", fields=ESTABLISHMENT_FIELDS, entity="establishment", limits=limits
        )
        if "urn" not in establishment:
            raise ValueError(f"{mapping.label} maps no column to establishment.urn")
        self.establishment = tuple(establishment.values())
        self.inspections = tuple(
            columns
            for part, kind in INSPECTION_PARTS.items()
            if (columns := _inspection_columns(mapping, header, part, kind, limits)) is not None
        )

    def read(self, line: int, cells: Sequence[str]) -> RegisterRow:
        """The row's records; raises RowRejected listing every bad value in the row."""
        problems: list[RowProblem] = []
        values = self._values(self.establishment, cells, line, problems)
        found = [self._inspection(columns, cells, line, problems) for columns in self.inspections]
        if problems:
            raise RowRejected(problems)
        self._place(values)
        urn = values["urn"]
        inspections = tuple(
            InspectionRecord(line=line, urn=urn, inspection_number=v["inspection_number"], values=v)
            for v in _one_per_number([v for v in found if v is not None])
        )
        return RegisterRow(EstablishmentRecord(line=line, urn=urn, values=values), inspections)

    def _values(
        self, readers: Sequence[ColumnReader], cells: Sequence[str], line: int, problems: list[RowProblem]
    ) -> dict[str, Any]:
        return read_values(readers, cells, line=line, conventions=self._conventions, problems=problems)

    def _inspection(
        self, columns: InspectionColumns, cells: Sequence[str], line: int, problems: list[RowProblem]
    ) -> dict[str, Any] | None:
        nulls = self._conventions.null_tokens
        if cells[columns.number.position].strip() in nulls and cells[columns.start.position].strip() in nulls:
            return None  # this school has no such inspection: its other cells are empty too
        before = len(problems)
        values = self._values(columns.readers, cells, line, problems)
        if not values.get("inspection_number") and len(problems) == before:
            problems.append(RowProblem(line, columns.number.column, "", "the inspection has a date but no number"))
        start = values.get("start_date")
        if not isinstance(start, dt.date):
            if len(problems) == before:
                problems.append(RowProblem(line, columns.start.column, "", "the inspection has no start date"))
            return None
        values["kind"] = columns.kind.value
        values["framework"] = framework_code(start)
        return values

    def _place(self, values: dict[str, Any]) -> None:
        if "postcode" in values:
            point = self._locate(values["postcode"])
            values["latitude"], values["longitude"] = point if point is not None else (None, None)


@functools.lru_cache(maxsize=8192)  # a few thousand distinct start dates in a file, each seen many times
def framework_code(start: dt.date) -> str:
    return framework_on(start).code


def _inspection_columns(
    mapping: ColumnMapping, header: Sequence[str], part: str, kind: InspectionKind, limits: Limits
) -> InspectionColumns | None:
    readers = column_readers(mapping, header, part=part, fields=INSPECTION_FIELDS, entity="inspection", limits=limits)
    if not readers:
        return None
    if "inspection_number" not in readers or "start_date" not in readers:
        raise ValueError(f"{mapping.label}: {part} needs columns for inspection_number and start_date")
    return InspectionColumns(kind, readers["inspection_number"], readers["start_date"], tuple(readers.values()))


def _one_per_number(inspections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per inspection number. A latest ungraded inspection that converted to a graded one carries
    the graded inspection's number: the graded part wins, and the ungraded part adds only what it alone
    records (that it converted, and its outcome)."""
    by_number: dict[str, dict[str, Any]] = {}
    for values in inspections:
        kept = by_number.setdefault(values["inspection_number"], values)
        if kept is not values:
            for name, value in values.items():
                kept.setdefault(name, value)
    return list(by_number.values())
