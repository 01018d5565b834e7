from inspectorate.domain.register.errors import FileRefused, RowProblem, RowsRefused, listing


def test_a_problem_names_line_column_value_and_reason() -> None:
    problem = RowProblem(line=7, column="Inspection start date", value="31/02/2024", reason="not a date")
    assert str(problem) == "line 7, column \"Inspection start date\": not a date (found '31/02/2024')"


def test_the_listing_stops_at_twenty_and_counts_the_rest() -> None:
    problems = [RowProblem(line=n, column="URN", value="x", reason="not a whole number") for n in range(2, 27)]
    lines = listing(problems)
    assert len(lines) == 21
    assert lines[-1] == "and 5 more"


def test_refusals_count_rows_not_problems() -> None:
    problems = [
        RowProblem(2, "URN", "x", "bad"),
        RowProblem(2, "Postcode", "y", "bad"),
        RowProblem(9, "URN", "", "bad"),
    ]
    assert str(RowsRefused(problems)) == "2 row(s) have bad values"


def test_a_file_refusal_names_its_line_when_it_has_one() -> None:
    assert str(FileRefused("cut short", line=4)) == "line 4: cut short"
    assert str(FileRefused("the file is empty")) == "the file is empty"


def test_a_long_value_is_shown_by_its_start() -> None:
    problem = RowProblem(line=3, column="LinkName", value="x" * 500, reason="too long")
    assert str(problem) == f"line 3, column \"LinkName\": too long (found '{'x' * 57}...')"
