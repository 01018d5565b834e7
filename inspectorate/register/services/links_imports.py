"""Import a GIAS links file: which URN succeeded, merged with or split from which.

Every link type is kept, and so are links to URNs that are not in the register (closed schools explain an open
school's history), as plain numbers. A link is found by (URN, linked URN, link type), so re-importing updates its
name and date in place. All or nothing, as for the register.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.db import transaction

from inspectorate.domain.register.catalogue import LINK_MAPPINGS
from inspectorate.domain.register.changes import Tally
from inspectorate.domain.register.errors import RowProblem, RowsRefused
from inspectorate.domain.register.files import read_links
from inspectorate.domain.register.frame_changes import frame_changes
from inspectorate.domain.register.mappings import mapping_for
from inspectorate.domain.register.record_frames import RecordFrame
from inspectorate.register.models import Establishment, EstablishmentLink
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.sources import source_table, text_limits
from inspectorate.register.services.table_frames import insert_frame, stored_frame, update_frame

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
    with bars.bar("Reading", table.row_count) as bar:
        reading = read_links(table, mapping, limits=text_limits("link", EstablishmentLink))
        bar.update(reading.rows_read)
    if reading.problems and not skip_bad_rows:
        raise RowsRefused(reading.problems)
    return LinksImportSummary(
        file=path.name,
        mapping=mapping.label,
        encoding=source.encoding,
        rows_read=reading.rows_read,
        links=_write_links(reading.links, bars),
        rejected=reading.problems,
        rejected_rows=reading.rejected_rows,
        to_unregistered=_naming_unregistered(reading.links),
    )


def _write_links(links: RecordFrame, bars: Progress) -> Tally[LinkKey]:
    compared = [name for name in links.fields if name not in links.key]
    changes = frame_changes([links], stored_frame(EstablishmentLink, [*links.key, *compared]))
    [created], [updated] = changes.creates, changes.updates
    insert_frame(EstablishmentLink, created.frame.select(links.fields), progress=bars, description="Adding links")
    update_frame(
        EstablishmentLink,
        updated.frame.select(links.fields),
        key=links.key,
        progress=bars,
        description="Updating links",
    )
    return changes.tally


def _naming_unregistered(links: RecordFrame) -> int:
    registered = stored_frame(Establishment, ["urn"]).get_column("urn").implode()
    unregistered = ~pl.col("urn").is_in(registered) | ~pl.col("link_urn").is_in(registered)
    return links.frame.filter(unregistered).height
