"""Import Ofsted's provider-level register file: establishments and the inspections each row records.

All or nothing: every row is read and checked before the first write, and the writes are one transaction, so a
refused file, Ctrl-C or a killed process leaves the register as it was. Re-importing is idempotent: an
establishment is found by URN, an inspection by its school and inspection number, and only changed values are
written. Establishments missing from a newer file (closed schools) and older inspections are kept: history.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.db import connection, transaction

from inspectorate.domain.register.catalogue import REGISTER_MAPPINGS
from inspectorate.domain.register.changes import Tally
from inspectorate.domain.register.errors import RowProblem, RowsRefused
from inspectorate.domain.register.files import read_register
from inspectorate.domain.register.frame_changes import frame_changes
from inspectorate.domain.register.mappings import mapping_for
from inspectorate.domain.register.record_frames import LINE, POSITION, RecordFrame
from inspectorate.domain.register.register_readings import RegisterReading
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.search_fields import establishment_search_fields_refresh
from inspectorate.register.services.sources import (
    outcode_centres,
    source_label,
    source_table,
    text_limits,
)
from inspectorate.register.services.table_frames import insert_frame, stored_frame, update_frame, with_defaults

type InspectionKey = tuple[int, str]  # the school's URN and the inspection number


@dataclass(frozen=True)
class RegisterImportSummary:
    file: str
    mapping: str
    encoding: str
    rows_read: int
    establishments: Tally[int]
    inspections: Tally[InspectionKey]
    rejected: tuple[RowProblem, ...]  # with --skip-bad-rows: what was wrong with the rows left out
    rejected_rows: int
    without_location: int
    not_in_file: int  # establishments the register holds that this file does not mention (kept)


@transaction.atomic
def register_import(*, path: Path, skip_bad_rows: bool = False, progress: bool = False) -> RegisterImportSummary:
    bars = Progress(enabled=progress)
    source, table = source_table(path)
    mapping = mapping_for(table.header, REGISTER_MAPPINGS)
    limits = text_limits("establishment", Establishment) | text_limits("inspection", RecordedInspection)
    with bars.bar("Reading", table.row_count) as bar:
        reading = read_register(table, mapping, locate=outcode_centres().locate, limits=limits)
        bar.update(reading.rows_read)
    if reading.problems and not skip_bad_rows:
        raise RowsRefused(reading.problems)
    establishments, not_in_file = _write_establishments(reading, source_label(mapping, path), bars)
    inspections = _write_inspections(reading, bars)
    establishment_search_fields_refresh()
    _refresh_planner_statistics()
    return RegisterImportSummary(
        file=path.name,
        mapping=mapping.label,
        encoding=source.encoding,
        rows_read=reading.rows_read,
        establishments=establishments,
        inspections=inspections,
        rejected=reading.problems,
        rejected_rows=reading.rejected_rows,
        without_location=reading.without_location,
        not_in_file=not_in_file,
    )


def _write_establishments(reading: RegisterReading, label: str, bars: Progress) -> tuple[Tally[int], int]:
    schools = reading.establishments
    stored = stored_frame(Establishment, [*schools.key, *_compared(schools), "is_fictional"])
    changes = frame_changes([schools], stored)
    # `source` names the file that last set a row's values, so it is written with them but never compared.
    labelled = pl.lit(label).alias("source")
    [created], [updated] = changes.creates, changes.updates  # one frame each: every school gives the same fields
    insert_frame(Establishment, _fields(created).with_columns(labelled), progress=bars, description="Adding schools")
    update_frame(
        Establishment,
        _fields(updated).with_columns(labelled),
        key=schools.key,
        progress=bars,
        description="Updating schools",
    )
    missing = ~pl.col("urn").is_in(schools.frame.get_column("urn").implode()) & ~pl.col("is_fictional")
    return changes.tally, stored.filter(missing).height


def _write_inspections(reading: RegisterReading, bars: Progress) -> Tally[InspectionKey]:
    school_ids = stored_frame(Establishment, ["id", "urn"]).rename({"id": "establishment_id"})
    fields = sorted({name for group in reading.inspections for name in _compared(group)})
    stored = stored_frame(RecordedInspection, ["establishment_id", "inspection_number", *fields]).join(
        school_ids, on="establishment_id"
    )
    changes = frame_changes(reading.inspections, stored)
    # Every field at its value or the model's default, so that the groups line up; inserted in file order.
    created = [
        with_defaults(RecordedInspection, _filed(group, school_ids)).with_columns(
            group.frame.get_column(LINE), group.frame.get_column(POSITION)
        )
        for group in changes.creates
    ]
    if created:
        in_file_order = pl.concat(created).sort(LINE, POSITION).drop(LINE, POSITION)
        insert_frame(RecordedInspection, in_file_order, progress=bars, description="Adding inspections")
    for group in changes.updates:
        update_frame(
            RecordedInspection,
            _filed(group, school_ids),
            key=["establishment_id", "inspection_number"],
            progress=bars,
            description="Updating inspections",
        )
    return changes.tally


def _compared(group: RecordFrame) -> list[str]:
    return [name for name in group.fields if name not in group.key]


def _fields(group: RecordFrame) -> pl.DataFrame:
    return group.frame.select(group.fields)


def _filed(group: RecordFrame, school_ids: pl.DataFrame) -> pl.DataFrame:
    """The inspections' fields, each under its school's id rather than its URN."""
    return group.frame.join(school_ids, on="urn", how="left", maintain_order="left").select(
        "establishment_id", *group.fields
    )


def _refresh_planner_statistics() -> None:
    """Tell the database what the register now holds. Without it, right after a first import PostgreSQL plans
    searches for a table it believes empty (and SQLite has no statistics at all) and picks slow plans."""
    with connection.cursor() as cursor:
        for model in (Establishment, RecordedInspection):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
