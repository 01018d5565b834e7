import datetime as dt

import pytest

from inspectorate.domain.register import cells
from inspectorate.domain.register.cells import BadValue, CellParser
from inspectorate.domain.register.mappings import Conventions

FILE = Conventions()


@pytest.mark.parametrize(
    ("parse", "cell", "value"),
    [
        (cells.date, "21/06/2023", dt.date(2023, 6, 21)),
        (cells.date, "", None),
        (cells.count, "406", 406),
        (cells.count, "", None),
        (cells.required_urn, "109778", 109778),
        (cells.quintile, "5", 5),
        (cells.yes_no, "No", False),
        (cells.yes_no, "", None),
        (cells.required_yes_no, "Yes", True),
        (cells.grade, "8", "8"),
        (cells.grade, "0", "0"),
        (cells.grade, "", ""),
        (cells.overall_grade, "Not judged", "Not judged"),
        (cells.safeguarding, "9", "9"),
        (cells.category_of_concern, "NTI", "NTI"),
        (
            cells.ungraded_outcome,
            "School remains Good (Improving) - S5 Next",
            "School remains Good (Improving) - S5 Next",
        ),
    ],
)
def test_good_cells_keep_the_file_s_codes_or_become_typed_values(parse: CellParser, cell: str, value: object) -> None:
    assert parse(cell, FILE) == value


@pytest.mark.parametrize(
    ("parse", "cell", "reason"),
    [
        (cells.date, "31/02/2024", "not a date in the form dd/mm/yyyy"),
        (cells.date, "2024-02-01", "not a date in the form dd/mm/yyyy"),
        (cells.required_date, "", "a date is required"),
        (cells.required_urn, "10977A", "not a whole number"),
        (cells.required_urn, "", "a URN is required"),
        (cells.urn, "0", "URNs start at 1"),
        (cells.count, "-1", "not a whole number"),
        (cells.count, "²", "not a whole number"),
        (cells.quintile, "6", "not a quintile"),
        (cells.required_text, "", "a value is required"),
        (cells.yes_no, "Y", "expected Yes or No"),
        (cells.required_yes_no, "", "expected Yes or No"),
        (cells.grade, "5", "unknown grade code"),
        (cells.grade, "Not judged", "unknown grade code"),
        (cells.overall_grade, "Good", "unknown overall effectiveness code"),
        (cells.safeguarding, "yes", "unknown safeguarding value"),
        (cells.category_of_concern, "RI", "unknown category of concern"),
        (cells.ungraded_outcome, "School remains good", "unknown ungraded inspection outcome"),
    ],
)
def test_bad_cells_are_refused_saying_what_was_expected(parse: CellParser, cell: str, reason: str) -> None:
    with pytest.raises(BadValue, match=reason):
        parse(cell, FILE)


def test_dates_are_read_in_each_of_a_mapping_s_formats() -> None:
    management_information = Conventions(date_formats=("%Y-%m-%d", "%d/%m/%Y"))
    assert cells.date("2025-11-10", management_information) == dt.date(2025, 11, 10)
    assert cells.date("10/11/2025", management_information) == dt.date(2025, 11, 10)
    with pytest.raises(BadValue, match="yyyy-mm-dd or dd/mm/yyyy"):
        cells.date("10.11.2025", management_information)
