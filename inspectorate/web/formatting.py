"""How dates and numbers read on the page (GOV.UK style: 1 September 2025, 21,990, 52%)."""

import datetime as dt


def long_date(value: dt.date | None, missing: str = "Not known") -> str:
    if value is None:
        return missing
    return f"{value.day} {value:%B %Y}"


def number(value: int | float | None, missing: str = "Not known") -> str:
    if value is None:
        return missing
    return f"{value:,}"


def percent(value: float | None, places: int = 0, missing: str = "None") -> str:
    if value is None:
        return missing
    return f"{value:.{places}f}%"
