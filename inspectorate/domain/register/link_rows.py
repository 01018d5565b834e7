"""One row of a GIAS links file: a link between two URNs, either of which may be a school no longer open."""

from __future__ import annotations

from collections.abc import Sequence

from inspectorate.domain.register.columns import Limits, column_readers, read_values
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.fields import LINK_FIELDS
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.records import LinkRecord
from inspectorate.domain.register.register_rows import RowRejected

KEY_FIELDS = ("urn", "link_urn", "link_type")


class LinkRowReader:
    def __init__(self, mapping: ColumnMapping, header: Sequence[str], *, limits: Limits) -> None:
        readers = column_readers(mapping, header, part="link", fields=LINK_FIELDS, entity="link", limits=limits)
        if not set(KEY_FIELDS) <= set(readers):
            raise ValueError(f"{mapping.label} must map columns to link.{', link.'.join(KEY_FIELDS)}")
        self.readers = tuple(readers.values())
        self._conventions = mapping.conventions

    def read(self, line: int, cells: Sequence[str]) -> LinkRecord:
        problems: list[RowProblem] = []
        values = read_values(self.readers, cells, line=line, conventions=self._conventions, problems=problems)
        if problems:
            raise RowRejected(problems)
        return LinkRecord(
            line=line, urn=values["urn"], link_urn=values["link_urn"], link_type=values["link_type"], values=values
        )
