"""Whole files: every row read (so a fault anywhere is known before anything is written), bad rows set aside
with their problems, and a key repeated within the file refused on its later line.

Files are read column by column, where a whole column is parsed and checked at once; only a row a column
flags is read again on its own, by the row readers (register_rows, link_rows), which name each bad value.
"""

from __future__ import annotations

from inspectorate.domain.register.columns import Limits
from inspectorate.domain.register.link_readings import LinksReading, links_reading
from inspectorate.domain.register.link_rows import LinkRowReader
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.register_columns import settled_rows
from inspectorate.domain.register.register_readings import RegisterReading, register_reading
from inspectorate.domain.register.register_rows import Locate, RegisterRowReader
from inspectorate.domain.register.tables import Table


def read_register(table: Table, mapping: ColumnMapping, *, locate: Locate, limits: Limits) -> RegisterReading:
    reader = RegisterRowReader(mapping, table.header, locate=locate, limits=limits)
    return register_reading(table, mapping, reader, settled_rows(table, reader, mapping.conventions, locate))


def read_links(table: Table, mapping: ColumnMapping, *, limits: Limits) -> LinksReading:
    return links_reading(table, mapping, LinkRowReader(mapping, table.header, limits=limits))
