"""Sample import files for tests: a few real rows (Open Government Licence), and ways to vary them.

official_statistics_sample.csv holds 12 rows of Ofsted's provider-level file, UTF-8 as shipped, chosen for their
cases: Caversham Primary (109778; previous inspection in serious weaknesses), a converted ungraded inspection with
the en dash (101858), a school in N1C (139837, no location), one never inspected (143716), a previous notice to
improve (102579), special measures (103427), a predecessor's inspections (137298), early years 8 (100009) and
"Not judged" (100032). gias_links_sample.csv is Windows-1252 with CRLF and no final newline, as GIAS publishes.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, replace
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "register"
REGISTER_SAMPLE = FIXTURES / "official_statistics_sample.csv"
LINKS_SAMPLE = FIXTURES / "gias_links_sample.csv"
SAMPLE_URNS = 12


@dataclass(frozen=True)
class CsvSample:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def row(self, key: str) -> dict[str, str]:
        """The row whose first key column (URN) is `key`, by column name."""
        return dict(zip(self.header, self.rows[self._position(key)], strict=True))

    def changed(self, key: str, cells: dict[str, str]) -> CsvSample:
        """A copy with the named cells of one row changed."""
        position = self._position(key)
        row = list(self.rows[position])
        for column, value in cells.items():
            row[self.header.index(column)] = value
        return replace(self, rows=(*self.rows[:position], tuple(row), *self.rows[position + 1 :]))

    def without_column(self, column: str) -> CsvSample:
        index = self.header.index(column)
        return CsvSample(
            header=self.header[:index] + self.header[index + 1 :],
            rows=tuple(row[:index] + row[index + 1 :] for row in self.rows),
        )

    def without_row(self, key: str) -> CsvSample:
        position = self._position(key)
        return replace(self, rows=self.rows[:position] + self.rows[position + 1 :])

    def text(self, *, newline: str = "\n") -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=newline)
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return out.getvalue()

    def write(self, path: Path, *, encoding: str = "utf-8", compress: bool = False) -> Path:
        raw = self.text().encode(encoding)
        path.write_bytes(gzip.compress(raw) if compress else raw)
        return path

    def _position(self, key: str) -> int:
        keys = [row[self._key_index] for row in self.rows]
        return keys.index(key)

    @property
    def _key_index(self) -> int:
        return self.header.index("URN")


def read_sample(path: Path, *, encoding: str = "utf-8") -> CsvSample:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline="")))
    return CsvSample(header=tuple(rows[0]), rows=tuple(tuple(row) for row in rows[1:]))


def register_sample() -> CsvSample:
    return read_sample(REGISTER_SAMPLE)


def links_sample() -> CsvSample:
    return read_sample(LINKS_SAMPLE, encoding="cp1252")
