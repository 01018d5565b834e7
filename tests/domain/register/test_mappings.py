import datetime as dt

import pytest

from inspectorate.domain.register.catalogue import (
    GIAS_LINKS_2025,
    LINK_MAPPINGS,
    OFFICIAL_STATISTICS_2025,
    REGISTER_MAPPINGS,
)
from inspectorate.domain.register.errors import FileRefused
from inspectorate.domain.register.link_rows import LinkRowReader
from inspectorate.domain.register.mappings import ColumnMapping, mapping_for
from inspectorate.domain.register.register_rows import RegisterRowReader
from tests.register_samples import links_sample, register_sample

HEADER = register_sample().header


def test_the_official_statistics_header_is_recognised() -> None:
    assert mapping_for(HEADER, REGISTER_MAPPINGS) is OFFICIAL_STATISTICS_2025
    assert len(HEADER) == 76
    assert OFFICIAL_STATISTICS_2025.label == "ofsted-state-funded-schools-official-statistics v1"


def test_the_gias_links_header_is_recognised() -> None:
    assert mapping_for(links_sample().header, LINK_MAPPINGS) is GIAS_LINKS_2025


def test_columns_the_mapping_does_not_use_may_be_added_or_reordered() -> None:
    assert mapping_for(("Notes", *reversed(HEADER)), REGISTER_MAPPINGS) is OFFICIAL_STATISTICS_2025


def test_a_header_missing_a_column_is_refused_naming_the_column() -> None:
    header = [column for column in HEADER if column != "Inspection start date"]
    with pytest.raises(FileRefused, match=r'line 1: .* needs 1 column\(s\) missing here: "Inspection start date"'):
        mapping_for(header, REGISTER_MAPPINGS)


def test_another_kind_of_file_is_refused_naming_the_nearest_layout_and_what_it_lacks() -> None:
    with pytest.raises(FileRefused, match="nearest known layout, gias-links v1") as refused:
        mapping_for(HEADER, LINK_MAPPINGS)
    assert '"LinkURN", "LinkName", "LinkType", "LinkEstablishedDate"' in str(refused.value)


def test_a_long_list_of_missing_columns_is_cut_short() -> None:
    with pytest.raises(FileRefused, match=r"needs 75 column\(s\) missing here: .* and 63 more"):
        mapping_for(["Web Link (opens in new window)"], REGISTER_MAPPINGS)


def test_a_column_named_twice_is_refused() -> None:
    with pytest.raises(FileRefused, match='line 1: the header names "Postcode" more than once'):
        mapping_for((*HEADER, "Postcode"), REGISTER_MAPPINGS)


def test_the_fullest_fitting_mapping_wins_and_optional_columns_may_be_absent() -> None:
    narrow = ColumnMapping("narrow", 1, dt.date(2025, 1, 1), "URN only", {"URN": "establishment.urn"})
    wide = ColumnMapping(
        "wide",
        1,
        dt.date(2025, 1, 1),
        "URN and name",
        {"URN": "establishment.urn", "School name": "establishment.name", "Extra": "establishment.region"},
        optional=frozenset({"Extra"}),
    )
    assert mapping_for(["URN", "School name"], [narrow, wide]) is wide
    assert mapping_for(["URN"], [narrow, wide]) is narrow


@pytest.mark.parametrize("mapping", REGISTER_MAPPINGS)
def test_every_register_mapping_fills_known_fields(mapping: ColumnMapping) -> None:
    RegisterRowReader(mapping, list(mapping.columns), locate=lambda postcode: None, limits={})


@pytest.mark.parametrize("mapping", LINK_MAPPINGS)
def test_every_links_mapping_fills_known_fields(mapping: ColumnMapping) -> None:
    LinkRowReader(mapping, list(mapping.columns), limits={})


def test_a_mapping_naming_an_unknown_field_is_a_programming_error() -> None:
    broken = ColumnMapping("broken", 1, dt.date(2025, 1, 1), "", {"URN": "establishment.urn", "X": "establishment.x"})
    with pytest.raises(ValueError, match="not a field"):
        RegisterRowReader(broken, ["URN", "X"], locate=lambda postcode: None, limits={})
