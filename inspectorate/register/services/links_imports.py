"""Import a GIAS links file: which URN succeeded, merged with or split from which.

Every link type is kept, and so are links to URNs that are not in the register (closed schools explain an open
school's history), as plain numbers. A link is found by (URN, linked URN, link type), so re-importing updates its
name and date in place. All or nothing, as for the register.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from inspectorate.domain.register.catalogue import LINK_MAPPINGS
from inspectorate.domain.register.changes import Tally, change_plan, changed_fields
from inspectorate.domain.register.errors import RowProblem, RowsRefused
from inspectorate.domain.register.files import read_links
from inspectorate.domain.register.mappings import mapping_for
from inspectorate.domain.register.records import LinkRecord
from inspectorate.register.models import Establishment, EstablishmentLink
from inspectorate.register.services.bulk import Upsert, insert_rows, stored_columns
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.sources import source_table, text_limits

type LinkKey = tuple[int, int, str]  # URN, linked URN, link type


@dataclass(frozen=True)
class LinksImportSummary:
    file: str
    mapping: str
    encoding: str
    rows_read: int
    links: Tally[LinkKey]
    rejected: tuple[RowProblem, ...]
    rejected_rows: int
    to_unregistered: int  # links naming a URN the register does not hold (kept)


@transaction.atomic
def links_import(*, path: Path, skip_bad_rows: bool = False, progress: bool = False) -> LinksImportSummary:
    bars = Progress(enabled=progress)
    source, table = source_table(path)
    mapping = mapping_for(table.header, LINK_MAPPINGS)
    reading = read_links(
        table,
        mapping,
        limits=text_limits("link", EstablishmentLink),
        follow=bars.follow("Reading", table.expected_rows),
    )
    if reading.problems and not skip_bad_rows:
        raise RowsRefused(reading.problems)
    return LinksImportSummary(
        file=path.name,
        mapping=mapping.label,
        encoding=source.encoding,
        rows_read=reading.rows_read,
        links=_write_links(reading.records, bars),
        rejected=reading.problems,
        rejected_rows=reading.rejected_rows,
        to_unregistered=_naming_unregistered(reading.records),
    )


def _write_links(links: Sequence[LinkRecord], bars: Progress) -> Tally[LinkKey]:
    stored: dict[LinkKey, dict[str, Any]] = {
        (row["urn"], row["link_urn"], row["link_type"]): row
        for row in EstablishmentLink.objects.values(*stored_columns(EstablishmentLink))
    }
    plan = change_plan({link.key: link.values for link in links}, stored)
    created = [values for _, values in plan.creates]
    rewritten = [{**stored[update.key], **update.values} for update in plan.updates]
    insert_rows(EstablishmentLink, created, progress=bars, description="Adding links")
    upsert = Upsert(unique_fields=["urn", "link_urn", "link_type"], update_fields=changed_fields(plan.updates))
    insert_rows(EstablishmentLink, rewritten, upsert=upsert, progress=bars, description="Updating links")
    return Tally.of(plan)


def _naming_unregistered(links: Sequence[LinkRecord]) -> int:
    registered = set(Establishment.objects.values_list("urn", flat=True))
    return sum(1 for link in links if link.urn not in registered or link.link_urn not in registered)
