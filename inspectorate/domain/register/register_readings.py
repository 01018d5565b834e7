"""A whole register file read: its establishments and inspections as record frames, ready to compare and write
in bulk, and the problems of the rows left out. The rows the columns could not settle are read one by one here
(see register_columns), and a school repeated within the file is refused on its later line.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.record_frames import LINE, POSITION, RecordFrame, first_of_each
from inspectorate.domain.register.records import EstablishmentRecord, InspectionRecord, RegisterRow
from inspectorate.domain.register.register_columns import INSPECTION_KEY, URN, SettledRows
from inspectorate.domain.register.register_rows import RegisterRowReader, RowRejected
from inspectorate.domain.register.tables import Table


@dataclass(frozen=True)
class RegisterReading:
    mapping: ColumnMapping
    establishments: RecordFrame
    inspections: tuple[RecordFrame, ...]  # one frame per set of fields given
    problems: tuple[RowProblem, ...]
    rows_read: int

    @property
    def rejected_rows(self) -> int:
        return len({problem.line for problem in self.problems})

    @property
    def without_location(self) -> int:
        if "latitude" not in self.establishments.fields:
            return self.establishments.height
        return self.establishments.frame.get_column("latitude").null_count()

    @functools.cached_property
    def records(self) -> tuple[RegisterRow, ...]:
        """The rows as records, one by one (slow; for a close look at a few)."""
        inspections: defaultdict[int, list[tuple[int, InspectionRecord]]] = defaultdict(list)
        for group in self.inspections:
            for row in group.frame.iter_rows(named=True):
                values = {name: row[name] for name in group.fields}
                record = InspectionRecord(row[LINE], row[URN], row["inspection_number"], values)
                inspections[row[LINE]].append((row[POSITION], record))
        return tuple(
            RegisterRow(
                EstablishmentRecord(line, values["urn"], values),  # type: ignore[arg-type]
                tuple(record for _, record in sorted(inspections[line], key=lambda found: found[0])),
            )
            for line, values in self.establishments.values()
        )


def register_reading(
    table: Table, mapping: ColumnMapping, reader: RegisterRowReader, settled: SettledRows
) -> RegisterReading:
    problems: list[RowProblem] = []
    establishments, inspections = _with_unsettled(table, reader, settled, problems)
    urn_column = mapping.column_for("establishment.urn") or "URN"
    establishments, repeated = first_of_each(establishments, urn_column, problems)
    inspections = tuple(group.without_lines(repeated) for group in inspections)
    return RegisterReading(
        mapping=mapping,
        establishments=establishments,
        inspections=inspections,
        problems=tuple(sorted(problems, key=lambda problem: problem.line)),
        rows_read=table.row_count,
    )


def _with_unsettled(
    table: Table, reader: RegisterRowReader, settled: SettledRows, problems: list[RowProblem]
) -> tuple[RecordFrame, tuple[RecordFrame, ...]]:
    """The settled records, and those of the unsettled rows the row reader accepts; its problems otherwise."""
    schools: list[dict[str, object]] = []
    inspections: defaultdict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
    for index in settled.unsettled:
        line = table.row_lines[index]
        try:
            row = reader.read(line, list(table.cells.row(index)))
        except RowRejected as rejected:
            problems.extend(rejected.problems)
            continue
        schools.append({**row.establishment.values, LINE: line})
        for position, inspection in enumerate(row.inspections):
            extra = {URN: inspection.urn, LINE: line, POSITION: position}
            inspections[tuple(inspection.values)].append({**inspection.values, **extra})
    return settled.establishments.joined(schools), _grouped(settled.inspections, inspections)


def _grouped(
    settled: Iterable[RecordFrame], unsettled: dict[tuple[str, ...], list[dict[str, object]]]
) -> tuple[RecordFrame, ...]:
    """The settled inspection frames, each joined by the unsettled records with the same fields; a merged
    inspection (graded, with what its ungraded part alone records) makes a frame of its own."""
    groups: dict[tuple[str, ...], RecordFrame] = {}
    for group in settled:  # two parts may give the same fields
        groups[group.fields] = groups[group.fields].joined(group.frame) if group.fields in groups else group
    types: dict[str, pl.DataType] = {}
    for group in groups.values():
        types |= dict(group.frame.schema)
    for fields, rows in unsettled.items():
        if fields in groups:
            groups[fields] = groups[fields].joined(rows)
        else:
            schema = {name: types[name] for name in (*fields, URN, LINE, POSITION)}
            groups[fields] = RecordFrame(INSPECTION_KEY, fields, pl.DataFrame(rows, schema=schema))
    return tuple(groups.values())
