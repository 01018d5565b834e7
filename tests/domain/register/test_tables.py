import csv
import gzip
import io

import pytest

from inspectorate.domain.register.errors import FileRefused
from inspectorate.domain.register.plain_lines import plain_line_count
from inspectorate.domain.register.tables import table_of
from tests.conftest import REGISTER_FILE


def test_rows_are_numbered_by_the_line_they_start_on() -> None:
    table = table_of('URN,name\n1,"a\nb"\n\n2,c\n')
    assert table.header == ("URN", "name")
    assert list(table.rows) == [(2, ["1", "a\nb"]), (5, ["2", "c"])]


def test_header_names_lose_surrounding_spaces() -> None:
    assert table_of(" URN , name\r\n1,a\r\n").header == ("URN", "name")


def test_expected_rows_counts_lines_with_or_without_a_final_newline() -> None:
    assert table_of("URN\n1\n2\n").expected_rows == 2
    assert table_of("URN\n1\n2").expected_rows == 2


def test_a_header_without_rows_is_refused() -> None:
    with pytest.raises(FileRefused, match="line 1: the file has a header but no rows"):
        list(table_of("URN,name\n").rows)


def test_a_blank_first_line_is_refused() -> None:
    with pytest.raises(FileRefused, match="line 1: the first line is blank"):
        table_of("\nURN\n1\n")


def test_a_row_with_too_few_fields_is_refused_naming_its_line() -> None:
    with pytest.raises(FileRefused, match="line 3: this row has 1 fields where the header has 2: the file is cut"):
        list(table_of("URN,name\n1,a\n2").rows)


def test_a_row_with_too_many_fields_is_refused() -> None:
    with pytest.raises(FileRefused, match="line 2: this row has 3 fields"):
        list(table_of("URN,name\n1,a,b\n").rows)


def test_an_unterminated_quote_is_refused_naming_the_line_the_row_starts_on() -> None:
    with pytest.raises(FileRefused, match=r"line 3: .*a quote is never closed") as refused:
        list(table_of('URN,name\n1,a\n2,"b\n3,c\n').rows)
    assert refused.value.line == 3


PLAIN_TEXTS = [
    'URN,name,notes\n1,"Smith, Jones & Co","said ""hello"""\n2,,""\n3, spaced ,\u00e0 \u2013 x\n',
    "URN,name\r\n1,a\r\n2,b",  # Windows line ends, no final one
    'URN,"name, quoted"\n1,"\u00e9"\n',
]


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_a_plain_file_is_read_by_columns_to_the_cells_the_csv_module_reads(text: str) -> None:
    table = table_of(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert plain_line_count(text.encode(), len(rows[0])) == table.lines  # the fast reading was taken
    assert table.header == tuple(cell.strip() for cell in rows[0])
    assert list(table.rows) == [(line, cells) for line, cells in enumerate(rows[1:], start=2)]


@pytest.mark.parametrize(
    "text",
    [
        'URN,name\n1,a"b\n',  # a quote inside an unquoted cell is a character
        'URN,name\n1,"a\rb"\n',  # a carriage return that ends no line
        'URN,name\n1,"a\nb"\n2,c\n',
        "URN,name\n1,a\n\n2,b\n",
    ],
)
def test_any_other_file_is_read_by_the_csv_module(text: str) -> None:
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert plain_line_count(text.encode(), len(rows[0])) is None
    assert [cells for _, cells in table_of(text).rows] == [row for row in rows[1:] if row]


def test_the_shipped_register_is_plain_and_reads_as_the_csv_module_reads_it() -> None:
    text = gzip.decompress(REGISTER_FILE.read_bytes()).decode()
    table = table_of(text)
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert plain_line_count(text.encode(), len(rows[0])) == len(rows)
    assert table.cells.rows() == [tuple(row) for row in rows[1:]]
