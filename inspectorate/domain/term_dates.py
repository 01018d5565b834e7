"""A default school calendar for England, 2025/26 and 2026/27. ILLUSTRATIVE: there is no national source.

Local authorities and academy trusts set their own term dates; these follow the usual pattern (six terms, a
one-week half-term in each term, two weeks at Christmas and Easter, about six weeks in summer) so that deadlines
can be computed before a school's own calendar is imported with `inspectorate import-term-dates`.
"""

from __future__ import annotations

import datetime as dt

from inspectorate.domain.working_days import Holiday

ILLUSTRATIVE_NOTICE = "Illustrative England term dates: import the school's or local authority's own calendar."


def _h(first: str, last: str, name: str) -> Holiday:
    return Holiday(dt.date.fromisoformat(first), dt.date.fromisoformat(last), name)


DEFAULT_ENGLAND_HOLIDAYS: tuple[Holiday, ...] = (
    _h("2025-07-23", "2025-08-31", "Summer holiday 2025"),
    _h("2025-10-25", "2025-11-02", "Autumn half-term 2025"),
    _h("2025-12-20", "2026-01-04", "Christmas holiday 2025"),
    _h("2026-02-14", "2026-02-22", "Spring half-term 2026"),
    _h("2026-03-28", "2026-04-12", "Easter holiday 2026"),
    _h("2026-05-23", "2026-05-31", "Summer half-term 2026"),
    _h("2026-07-23", "2026-08-31", "Summer holiday 2026"),
    _h("2026-10-24", "2026-11-01", "Autumn half-term 2026"),
    _h("2026-12-19", "2027-01-03", "Christmas holiday 2026"),
    _h("2027-02-13", "2027-02-21", "Spring half-term 2027"),
    _h("2027-03-27", "2027-04-11", "Easter holiday 2027"),
    _h("2027-05-29", "2027-06-06", "Summer half-term 2027"),
    _h("2027-07-22", "2027-08-31", "Summer holiday 2027"),
)
