"""Reading a column at once gives what reading each cell gives: the same values, and every cell the parser
refuses flagged, so that its row is read again cell by cell for the message."""

import sys

import polars as pl
import pytest

from inspectorate.domain.register import cells
from inspectorate.domain.register.cell_columns import WHITESPACE, bad_of, read_columns, value_of
from inspectorate.domain.register.cells import BadValue, CellParser
from inspectorate.domain.register.columns import ColumnReader, read_values
from inspectorate.domain.register.errors import RowProblem
from inspectorate.domain.register.fields import ESTABLISHMENT_FIELDS, INSPECTION_FIELDS, LINK_FIELDS
from inspectorate.domain.register.mappings import Conventions
from inspectorate.domain.register.tables import cell_column

PARSERS = sorted(
    {parse for fields in (ESTABLISHMENT_FIELDS, INSPECTION_FIELDS, LINK_FIELDS) for parse in fields.values()}
    | {cells.required_date},
    key=repr,
)
CELLS = [
    "",
    " ",
    "NULL",
    "0",
    "1",
    "5",
    "6",
    "007",
    " 42 ",
    "-1",
    "+3",
    "4.0",
    "1e3",
    "\N{SUPERSCRIPT TWO}",
    "\N{FULLWIDTH DIGIT ONE}",
    "109778",
    "Yes",
    "No",
    "yes",
    "Y",
    "\x1cYes\u3000",
    "2",
    "9",
    "Not judged",
    "SWK",
    "RI",
    "School remains Good (Improving) - S5 Next",
    "Good",
    "21/06/2023",
    "21/06/70",
    "1/6/2023",
    "31/02/2023",
    "2023-06-21",
    " 21/06/2023",
    "Schools \N{EN DASH} Section 8 conversion",
    "x" * 30,
]
MANAGEMENT_INFORMATION = Conventions(null_tokens=frozenset({"", "NULL"}), date_formats=("%Y-%m-%d", "%d/%m/%Y"))
TWO_DIGIT_YEARS = Conventions(date_formats=("%d/%m/%y", "%d/%m/%Y"))
WORDS = {"Good": "2", "Yes please": "Yes"}


def test_whitespace_is_what_str_strip_removes() -> None:
    assert set(WHITESPACE) == {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()}


@pytest.mark.parametrize(
    "conventions", [Conventions(), MANAGEMENT_INFORMATION, TWO_DIGIT_YEARS], ids=["official", "mi", "yy"]
)
@pytest.mark.parametrize("parse", PARSERS, ids=lambda parse: getattr(parse, "__name__", repr(parse)))
def test_a_column_reads_as_its_cells_do(parse: CellParser, conventions: Conventions) -> None:
    limit = 12 if parse in cells.TEXTUAL else None
    reader = ColumnReader(position=0, column="Cell", field="value", parse=parse, limit=limit, aliases=WORDS)
    read = read_columns(pl.DataFrame({cell_column(0): CELLS}), [reader], conventions)

    for cell, value, bad in zip(CELLS, read.get_column(value_of(reader)), read.get_column(bad_of(reader)), strict=True):
        problems: list[RowProblem] = []
        expected = read_values([reader], [cell], line=2, conventions=conventions, problems=problems)
        assert bad == bool(problems), cell
        if not problems:
            assert (value, type(value)) == (expected["value"], type(expected["value"])), cell


def test_a_number_too_big_to_store_is_refused() -> None:
    reader = ColumnReader(position=0, column="Pupils", field="pupils", parse=cells.count, limit=None, aliases=None)
    read = read_columns(pl.DataFrame({cell_column(0): ["9" * 19, "9" * 30]}), [reader], Conventions())
    assert read.get_column(bad_of(reader)).to_list() == [True, True]
    with pytest.raises(BadValue, match="too large a number"):
        cells.count("9" * 19, Conventions())
    assert cells.count(str(2**63 - 1), Conventions()) == 2**63 - 1


def test_an_unknown_parser_is_run_once_per_distinct_cell() -> None:
    seen: list[str] = []

    def shouting(cell: str, conventions: Conventions) -> str:
        seen.append(cell)
        if cell == "bad":
            raise BadValue("not shouting")
        return cell.upper()

    reader = ColumnReader(position=0, column="Cell", field="value", parse=shouting, limit=None, aliases=None)
    read = read_columns(pl.DataFrame({cell_column(0): ["a", "b", "a", "bad", "a"]}), [reader], Conventions())
    assert read.get_column(value_of(reader)).to_list()[:3] == ["A", "B", "A"]
    assert read.get_column(bad_of(reader)).to_list() == [False, False, False, True, False]
    assert sorted(seen) == ["a", "b", "bad"]
