"""Versioned column mappings: which column of a publisher's file fills which field of ours.

Publishers rename columns between releases ("... in 2024/25 academic year" becomes "... 2025/26"), and Ofsted's
monthly management-information files use other names again, with missing values written as NULL. A new layout is
therefore a new `ColumnMapping` (data, with its own null tokens, date formats and value aliases), not new code.
The importer picks the mapping whose required columns a header has, and names the missing columns when none fits.

Targets are "<part>.<field>": `establishment.name`, `latest_graded.start_date`, `link.link_type`; the part says
which record a column feeds (see register_rows and link_rows), the field is the register model's field name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from inspectorate.domain.register.errors import FileRefused

MISSING_COLUMNS_LISTED = 12


@dataclass(frozen=True)
class Conventions:
    """How a publisher writes values: what stands for "missing", and how dates are written (tried in order)."""

    null_tokens: frozenset[str] = frozenset({""})
    date_formats: tuple[str, ...] = ("%d/%m/%Y",)


@dataclass(frozen=True, eq=False)
class ColumnMapping:
    name: str
    version: int
    effective: dt.date  # the first release known to use this layout
    describes: str
    columns: Mapping[str, str]  # the source column, exactly as in the header -> "<part>.<field>"
    optional: frozenset[str] = frozenset()  # columns that may be absent; every other mapped column is required
    conventions: Conventions = Conventions()
    # Per target, source wording -> our code, for publishers that write "Good" where we keep "2".
    value_aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def required(self) -> frozenset[str]:
        return frozenset(self.columns) - self.optional

    def missing_from(self, header: Sequence[str]) -> list[str]:
        present = set(header)
        return [column for column in self.columns if column in self.required and column not in present]

    def column_for(self, target: str) -> str | None:
        return next((column for column, mapped in self.columns.items() if mapped == target), None)


def mapping_for(header: Sequence[str], candidates: Sequence[ColumnMapping]) -> ColumnMapping:
    """The known mapping this header fits; the fullest (then newest) when several do. Refuses any other header."""
    _refuse_repeated_columns(header, candidates)
    fitting = [m for m in candidates if not m.missing_from(header)]
    if fitting:
        return max(fitting, key=lambda m: (len(m.columns), m.effective, m.version))
    raise _unrecognised(header, candidates)


def _refuse_repeated_columns(header: Sequence[str], candidates: Sequence[ColumnMapping]) -> None:
    known = {column for mapping in candidates for column in mapping.columns}
    repeated = sorted(c for c, n in Counter(header).items() if n > 1 and c in known)
    if repeated:
        names = ", ".join(f'"{c}"' for c in repeated)
        raise FileRefused(f"the header names {names} more than once, so which to read is ambiguous", line=1)


def _unrecognised(header: Sequence[str], candidates: Sequence[ColumnMapping]) -> FileRefused:
    nearest = min(candidates, key=lambda m: len(m.missing_from(header)))
    missing = nearest.missing_from(header)
    listed = ", ".join(f'"{c}"' for c in missing[:MISSING_COLUMNS_LISTED])
    more = f" and {len(missing) - MISSING_COLUMNS_LISTED} more" if len(missing) > MISSING_COLUMNS_LISTED else ""
    return FileRefused(
        f"the header is not one this command knows. The nearest known layout, {nearest.label} "
        f"({nearest.describes}), needs {len(missing)} column(s) missing here: {listed}{more}",
        line=1,
    )
