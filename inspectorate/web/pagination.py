"""Which page numbers a GOV.UK pagination component shows: the first, the last, the current one and its
neighbours, with an ellipsis (None) for each gap: 1 … 4 5 6 … 20."""

from __future__ import annotations


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
