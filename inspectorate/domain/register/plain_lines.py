"""Whether a CSV text is plain: every row one line, every field either unquoted (with no quote in it) or quoted
whole, with exactly as many fields as the header. On such a text a column parser (polars) and Python's csv module
read the same cells, and row n of the file is line n + 1; published register files are plain. Anything else (a
cell holding a line break, a blank line, a row cut short, a stray quote) is for the csv module, which says exactly
what is wrong and on which line.
"""

from __future__ import annotations

import polars as pl

QUOTED_FIELD = r'"(?:[^"]|"")*"'
FIELD_MARK = "\x00"  # stands in for a quoted field while its neighbours are checked; decoding refuses NUL bytes
# After quoted fields are marked: a quote left over, or a mark touching anything but a comma, is not plain.
NOT_PLAIN = f'"|[^,]{FIELD_MARK}|{FIELD_MARK}[^,]'


def plain_line_count(utf8: bytes, width: int) -> int | None:
    """How many lines the text has when every one is a plain row of `width` fields; None when any is not."""
    if b"\r" in utf8 and utf8.count(b"\r") != utf8.count(b"\r\n"):
        return None  # a carriage return that ends no line: the csv module takes it for a line break
    # One field per line (the separator never occurs), no quoting: the lines as they are, a final \r dropped.
    lines = pl.read_csv(
        utf8, has_header=False, separator=FIELD_MARK, quote_char=None, infer_schema=False, new_columns=["line"]
    ).get_column("line")
    if lines.has_nulls():
        return None  # a blank line
    quoted = lines.str.contains('"', literal=True)
    marked = lines.filter(quoted).str.replace_all(QUOTED_FIELD, FIELD_MARK)
    unquoted = lines.filter(~quoted)
    separators = width - 1
    if (
        marked.str.contains(NOT_PLAIN).any()
        or (marked.str.count_matches(",", literal=True) != separators).any()
        or (unquoted.str.count_matches(",", literal=True) != separators).any()
    ):
        return None
    return len(lines)
