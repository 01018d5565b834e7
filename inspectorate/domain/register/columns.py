"""A mapping compiled against one header: for each field of a record, the column to read and how to read it.

Compiling once per file keeps the per-row work to an index lookup and a parser call per cell (a register file
has 1.7 million cells).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from inspectorate.domain.register.cells import TEXTUAL, BadValue, CellParser, text
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.mappings import ColumnMapping, Conventions

type Limits = Mapping[str, int]  # "<entity>.<field>" -> longest text the register stores


class ColumnReader(NamedTuple):  # a tuple, so that the per-cell loop can unpack it cheaply
    position: int  # in the row's cells
    column: str
    field: str
    parse: CellParser
    limit: int | None
    aliases: Mapping[str, str] | None


def column_readers(
    mapping: ColumnMapping,
    header: Sequence[str],
    *,
    part: str,
    fields: Mapping[str, CellParser],
    entity: str,
    limits: Limits,
) -> dict[str, ColumnReader]:
    """The readers for one part of a row ("establishment", "latest_graded", ...), by field name."""
    index_of = {column: index for index, column in enumerate(header)}
    readers = {}
    for column, target in mapping.columns.items():
        target_part, _, name = target.partition(".")
        if target_part != part or column not in index_of:
            continue  # another part's column, or an optional column this file lacks
        if name not in fields:
            raise ValueError(f"{mapping.label}: column {column!r} maps to {target!r}, which is not a field")
        readers[name] = ColumnReader(
            position=index_of[column],
            column=column,
            field=name,
            parse=fields[name],
            limit=limits.get(f"{entity}.{name}") if fields[name] in TEXTUAL else None,
            aliases=mapping.value_aliases.get(target),
        )
    return readers


def read_values(
    readers: Iterable[ColumnReader],
    cells: Sequence[str],
    *,
    line: int,
    conventions: Conventions,
    problems: list[RowProblem],
) -> dict[str, Any]:
    """The values of the given columns; each bad cell is added to `problems` and left out."""
    values: dict[str, Any] = {}
    nulls = conventions.null_tokens
    for index, column, field, parse, limit, aliases in readers:
        cell = cells[index].strip()
        if cell in nulls:
            cell = ""
        elif aliases:
            cell = aliases.get(cell, cell)
        value: Any
        try:
            value = cell if parse is text else parse(cell, conventions)
        except BadValue as bad:
            problems.append(RowProblem(line=line, column=column, value=cell, reason=str(bad)))
            continue
        if limit is not None and len(value) > limit:
            reason = f"longer than the register keeps ({len(value)} characters, at most {limit})"
            problems.append(RowProblem(line=line, column=column, value=cell, reason=reason))
            continue
        values[field] = value
    return values
