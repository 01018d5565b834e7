"""Reading one cell into a typed value, or saying precisely why it cannot be read.

Parsers receive the cell stripped, with the mapping's null tokens already turned into "", and return the value
to store. Judgement cells keep the file's codes (see inspectorate.domain.grades); only unknown codes are refused.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Collection

from inspectorate.domain.frameworks import FOUR_POINT_GRADES
from inspectorate.domain.grades import (
    CATEGORIES_OF_CONCERN,
    NO_GRADE_CODES,
    NOT_JUDGED,
    UNGRADED_OUTCOMES,
    Safeguarding,
)
from inspectorate.domain.register.mappings import Conventions

type CellParser = Callable[[str, Conventions], object]


class BadValue(ValueError):
    """A cell that cannot be read; the message says what was expected instead."""


def text(cell: str, conventions: Conventions) -> str:
    return cell


def required_text(cell: str, conventions: Conventions) -> str:
    if not cell:
        raise BadValue("a value is required here")
    return cell


LARGEST_NUMBER = 2**63 - 1  # the most a database integer holds (and a column of values)


def count(cell: str, conventions: Conventions) -> int | None:
    if not cell:
        return None
    if not (cell.isascii() and cell.isdigit()):
        raise BadValue("not a whole number")
    number = int(cell)
    if number > LARGEST_NUMBER:
        raise BadValue("too large a number to store")
    return number


def urn(cell: str, conventions: Conventions) -> int | None:
    number = count(cell, conventions)
    if number == 0:
        raise BadValue("not a URN (URNs start at 1)")
    return number


def required_urn(cell: str, conventions: Conventions) -> int:
    number = urn(cell, conventions)
    if number is None:
        raise BadValue("a URN is required here")
    return number


def quintile(cell: str, conventions: Conventions) -> int | None:
    number = count(cell, conventions)
    if number is not None and not 1 <= number <= 5:
        raise BadValue("not a quintile (1 to 5)")
    return number


def date(cell: str, conventions: Conventions) -> dt.date | None:
    return _date(cell, conventions.date_formats) if cell else None


def required_date(cell: str, conventions: Conventions) -> dt.date:
    if not cell:
        raise BadValue("a date is required here")
    return _date(cell, conventions.date_formats)


@functools.lru_cache(maxsize=16_384)  # a register file holds a few thousand distinct dates, each many times
def _date(cell: str, formats: tuple[str, ...]) -> dt.date:
    for form in formats:
        try:
            return dt.datetime.strptime(cell, form).date()
        except ValueError:
            continue
    raise BadValue(f"not a date in the form {' or '.join(_readable(form) for form in formats)}")


def _readable(form: str) -> str:
    return form.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")


def yes_no(cell: str, conventions: Conventions) -> bool | None:
    if not cell:
        return None
    if cell in YES_NO:
        return YES_NO[cell]
    raise BadValue("expected Yes or No")


def required_yes_no(cell: str, conventions: Conventions) -> bool:
    answer = yes_no(cell, conventions)
    if answer is None:
        raise BadValue("expected Yes or No")
    return answer


class OneOf:
    """A parser accepting only the given codes (or a missing value), stored as they are. A class rather than a
    closure, so that a whole column can be checked against `codes` at once (see cell_columns)."""

    def __init__(self, codes: Collection[str], what: str) -> None:
        self.codes = frozenset(codes)
        self.what = what
        self._unknown = f"unknown {what}; expected one of {', '.join(sorted(self.codes))}, or empty"

    def __repr__(self) -> str:
        return f"one_of({self.what!r})"

    def __call__(self, cell: str, conventions: Conventions) -> str:
        if cell and cell not in self.codes:
            raise BadValue(self._unknown)
        return cell


def one_of(codes: Collection[str], what: str) -> CellParser:
    return OneOf(codes, what)


YES_NO = {"Yes": True, "No": False}
GRADE_CODES = frozenset(FOUR_POINT_GRADES) | NO_GRADE_CODES

grade = one_of(GRADE_CODES, "grade code")
overall_grade = one_of(GRADE_CODES | {NOT_JUDGED}, "overall effectiveness code")
safeguarding = one_of({s.value for s in Safeguarding}, "safeguarding value")
category_of_concern = one_of(CATEGORIES_OF_CONCERN, "category of concern")
ungraded_outcome = one_of(UNGRADED_OUTCOMES, "ungraded inspection outcome")

# The parsers whose values are text, and so must fit the register's column widths.
TEXTUAL: frozenset[CellParser] = frozenset(
    {text, required_text, grade, overall_grade, safeguarding, category_of_concern, ungraded_outcome}
)
