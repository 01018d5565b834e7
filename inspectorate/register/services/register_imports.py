"""Import Ofsted's provider-level register file: establishments and the inspections each row records.

All or nothing: every row is read and checked before the first write, and the writes are one transaction, so a
refused file, Ctrl-C or a killed process leaves the register as it was. Re-importing is idempotent: an
establishment is found by URN, an inspection by its school and inspection number, and only changed values are
written. Establishments missing from a newer file (closed schools) and older inspections are kept: history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from inspectorate.domain.register.catalogue import REGISTER_MAPPINGS
from inspectorate.domain.register.changes import Tally, change_plan, changed_fields
from inspectorate.domain.register.errors import RowProblem, RowsRefused
from inspectorate.domain.register.files import read_register
from inspectorate.domain.register.mappings import mapping_for
from inspectorate.domain.register.records import RegisterRow
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services.bulk import Upsert, insert_rows, stored_columns
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.sources import (
    outcode_centres,
    source_label,
    source_table,
    text_limits,
)

type Row = dict[str, Any]
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
    reading = read_register(
        table,
        mapping,
        locate=outcode_centres().locate,
        limits=limits,
        follow=bars.follow("Reading", table.expected_rows),
    )
    if reading.problems and not skip_bad_rows:
        raise RowsRefused(reading.problems)
    establishments, not_in_file = _write_establishments(reading.records, source_label(mapping, path), bars)
    inspections = _write_inspections(reading.records, bars)
    return RegisterImportSummary(
        file=path.name,
        mapping=mapping.label,
        encoding=source.encoding,
        rows_read=reading.rows_read,
        establishments=establishments,
        inspections=inspections,
        rejected=reading.problems,
        rejected_rows=reading.rejected_rows,
        without_location=sum(not row.establishment.located for row in reading.records),
        not_in_file=not_in_file,
    )


def _write_establishments(rows: Sequence[RegisterRow], label: str, bars: Progress) -> tuple[Tally[int], int]:
    stored: dict[int, Row] = {row["urn"]: row for row in Establishment.objects.values(*stored_columns(Establishment))}
    incoming = {row.establishment.urn: row.establishment.values for row in rows}
    plan = change_plan(incoming, stored)
    # `source` names the file that last set a row's values, so it is written with them but never compared.
    created = [{**values, "source": label} for _, values in plan.creates]
    rewritten = [{**stored[update.key], **update.values, "source": label} for update in plan.updates]
    insert_rows(Establishment, created, progress=bars, description="Adding schools")
    upsert = Upsert(unique_fields=["urn"], update_fields=[*changed_fields(plan.updates), "source"])
    insert_rows(Establishment, rewritten, upsert=upsert, progress=bars, description="Updating schools")
    not_in_file = sum(1 for urn, row in stored.items() if urn not in incoming and not row["is_fictional"])
    return Tally.of(plan), not_in_file


def _write_inspections(rows: Sequence[RegisterRow], bars: Progress) -> Tally[InspectionKey]:
    school_ids: dict[int, int] = dict(Establishment.objects.values_list("urn", "id"))
    urn_of = {school_id: urn for urn, school_id in school_ids.items()}
    stored: dict[InspectionKey, Row] = {
        (urn_of[row["establishment_id"]], row["inspection_number"]): row
        for row in RecordedInspection.objects.values(*stored_columns(RecordedInspection))
    }
    incoming = {inspection.key: inspection.values for row in rows for inspection in row.inspections}
    plan = change_plan(incoming, stored)
    created = [{**values, "establishment_id": school_ids[urn]} for (urn, _), values in plan.creates]
    rewritten = [{**stored[update.key], **update.values} for update in plan.updates]
    insert_rows(RecordedInspection, created, progress=bars, description="Adding inspections")
    upsert = Upsert(unique_fields=["establishment", "inspection_number"], update_fields=changed_fields(plan.updates))
    insert_rows(RecordedInspection, rewritten, upsert=upsert, progress=bars, description="Updating inspections")
    return Tally.of(plan)
