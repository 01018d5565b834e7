from inspectorate.domain.register.changes import Tally, change_plan, changed_fields

STORED: dict[int, dict[str, object]] = {
    1: {"name": "Alpha", "pupils": 100, "trust_name": "Trust"},
    2: {"name": "Beta", "pupils": 200, "trust_name": ""},
}


def test_new_keys_are_created_equal_values_unchanged_and_differences_updated() -> None:
    incoming: dict[int, dict[str, object]] = {
        1: {"name": "Alpha", "pupils": 100},
        2: {"name": "Beta", "pupils": 210},
        3: {"name": "Gamma"},
    }
    plan = change_plan(incoming, STORED)
    assert [key for key, _ in plan.creates] == [3]
    assert [(u.key, u.changed) for u in plan.updates] == [(2, ("pupils",))]
    assert plan.unchanged == 1


def test_a_field_the_file_does_not_give_is_not_compared() -> None:
    plan = change_plan({1: {"name": "Alpha"}}, STORED)
    assert plan.unchanged == 1


def test_the_tally_counts_changes_per_field_most_first() -> None:
    incoming: dict[int, dict[str, object]] = {1: {"name": "Alpha 2", "pupils": 101}, 2: {"name": "Beta", "pupils": 201}}
    plan = change_plan(incoming, STORED)
    tally = Tally.of(plan)
    assert (tally.created, tally.updated, tally.unchanged) == (0, 2, 0)
    assert tally.fields_changed == {"pupils": 2, "name": 1}
    assert tally.examples[0].changed == ("name", "pupils")
    assert changed_fields(plan.updates) == ["name", "pupils"]
