"""Why an import file is refused. Every message names the problem and, where there is one, the line, so that
the person holding the file can find and fix it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PROBLEMS_LISTED = 20  # enough to see a pattern; a file with thousands of bad rows should not flood the terminal
VALUE_SHOWN = 60  # a runaway cell (a stray quote swallowing lines) is shown by its start


class ImportRefused(Exception):
    """The file was not imported, and nothing was written."""


class FileRefused(ImportRefused):
    """The file as a whole is not one the command can read: wrong format, wrong columns, cut short."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        self.reason = reason
        self.line = line
        super().__init__(f"line {line}: {reason}" if line is not None else reason)


@dataclass(frozen=True)
class RowProblem:
    """One bad value: where it is (line and column) and what is wrong with it."""

    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= VALUE_SHOWN else f"{self.value[: VALUE_SHOWN - 3]}..."
        return f'line {self.line}, column "{self.column}": {self.reason} (found {shown!r})'


class RowsRefused(ImportRefused):
    """Some rows have bad values, and the caller asked for all or nothing."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        self.problems = tuple(problems)
        rows = len({p.line for p in self.problems})
        super().__init__(f"{rows} row(s) have bad values")


def listing(problems: Sequence[RowProblem], *, limit: int = PROBLEMS_LISTED) -> list[str]:
    """The problems one per line, cut at `limit` with a count of the rest."""
    lines = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"and {len(problems) - limit} more")
    return lines
