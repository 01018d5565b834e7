"""The GOV.UK pagination component's links: which page numbers it shows (the first, the last, the current one and
its neighbours, with an ellipsis (None) for each gap: 1 … 4 5 6 … 20), and where each one goes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None stands for an ellipsis
    href: str
    current: bool


@dataclass(frozen=True)
class Pagination:
    previous_href: str | None
    next_href: str | None
    pages: list[PageLink]


def pagination(current: int, total: int, href: Callable[[int], str]) -> Pagination | None:
    """Links for page `current` of `total`, each list's own `href(page)` keeping its search and filters; none for
    a single page."""
    if total < 2:
        return None
    return Pagination(
        previous_href=href(current - 1) if current > 1 else None,
        next_href=href(current + 1) if current < total else None,
        pages=[PageLink(n, href(n) if n else "", n == current) for n in page_numbers(current, total)],
    )


def page_numbers(current: int, total: int, neighbours: int = 1) -> list[int | None]:
    shown = {1, total, *range(current - neighbours, current + neighbours + 1)}
    numbers: list[int | None] = []
    for number in sorted(n for n in shown if 1 <= n <= total):
        if numbers and number - (numbers[-1] or 0) == 2:
            numbers.append(number - 1)  # an ellipsis would hide a single page: show the page instead
        elif numbers and number - (numbers[-1] or 0) > 2:
            numbers.append(None)
        numbers.append(number)
    return numbers
