"""Comparing record frames column by column gives the verdicts of comparing records one by one (changes)."""

import datetime as dt

import polars as pl

from inspectorate.domain.register.changes import Tally, change_plan
from inspectorate.domain.register.frame_changes import frame_changes
from inspectorate.domain.register.record_frames import LINE, RecordFrame

STORED = pl.DataFrame(
    {
        "urn": [1, 2, 4],
        "name": ["Alpha", "Beta", "Delta"],
        "pupils": [100, None, 40],
        "open_date": [dt.date(2012, 9, 1), None, None],
        "trust_name": ["Trust", "", ""],
    }
)


def frame(fields: tuple[str, ...], *rows: tuple[object, ...]) -> RecordFrame:
    columns = ("urn", *fields, LINE)
    schema = {name: STORED.schema.get(name, pl.Int64) for name in columns}
    records = [(*row, line) for line, row in enumerate(rows, start=2)]
    return RecordFrame(("urn",), ("urn", *fields), pl.DataFrame(records, schema=schema, orient="row"))


def as_records(group: RecordFrame) -> dict[int, dict[str, object]]:
    return {values["urn"]: values for _, values in group.values()}  # type: ignore[misc]


def stored_records() -> dict[int, dict[str, object]]:
    return {row["urn"]: row for row in STORED.iter_rows(named=True)}


def test_the_verdicts_are_those_of_comparing_record_by_record() -> None:
    incoming = frame(
        ("name", "pupils", "open_date"),
        (1, "Alpha", 100, dt.date(2012, 9, 1)),  # unchanged
        (2, "Beta", 210, None),  # a missing value given a value
        (3, "Gamma", None, None),  # new
        (4, "Delta", None, dt.date(2020, 1, 1)),  # a value now missing, and a new date
    )

    changes = frame_changes([incoming], STORED)
    expected = Tally.of(change_plan(as_records(incoming), stored_records()))

    assert changes.tally == expected
    assert [(u.key, u.changed) for u in changes.changed] == [(2, ("pupils",)), (4, ("pupils", "open_date"))]
    assert changes.creates[0].frame.get_column("urn").to_list() == [3]
    assert changes.updates[0].frame.get_column("urn").to_list() == [2, 4]


def test_a_field_the_records_do_not_give_is_not_compared() -> None:
    changes = frame_changes([frame(("name",), (1, "Alpha"), (2, "Beta"))], STORED)
    assert (changes.tally.unchanged, changes.tally.updated) == (2, 0)


def test_updates_are_told_in_file_order_across_frames_of_different_fields() -> None:
    names = frame(("name",), (2, "Beta 2"))
    pupils = RecordFrame(("urn",), ("urn", "pupils"), pl.DataFrame({"urn": [1], "pupils": [101], LINE: [1]}))

    changes = frame_changes([names, pupils], STORED)

    assert [(u.key, u.values, u.changed) for u in changes.changed] == [
        (1, {"urn": 1, "pupils": 101}, ("pupils",)),
        (2, {"urn": 2, "name": "Beta 2"}, ("name",)),
    ]


def test_records_that_give_only_their_key_are_created_or_unchanged() -> None:
    changes = frame_changes([frame((), (1,), (3,))], STORED)
    assert (changes.tally.created, changes.tally.updated, changes.tally.unchanged) == (1, 0, 1)
