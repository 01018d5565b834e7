"""Which page numbers the pagination component shows."""

import pytest

from inspectorate.web.pagination import page_numbers


@pytest.mark.parametrize(
    ("current", "total", "shown"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (3, 10, [1, 2, 3, 4, None, 10]),  # no ellipsis standing for a single page
        (4, 10, [1, 2, 3, 4, 5, None, 10]),
        (10, 10, [1, None, 9, 10]),
        (550, 1100, [1, None, 549, 550, 551, None, 1100]),
    ],
)
def test_first_last_current_and_neighbours(current, total, shown):
    assert page_numbers(current, total) == shown
