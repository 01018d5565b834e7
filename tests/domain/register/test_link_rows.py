import datetime as dt

from inspectorate.domain.register.catalogue import LINK_MAPPINGS
from inspectorate.domain.register.decoding import source_text
from inspectorate.domain.register.files import read_links
from inspectorate.domain.register.link_readings import LinksReading
from inspectorate.domain.register.mappings import mapping_for
from inspectorate.domain.register.tables import table_of
from tests.register_samples import LINKS_SAMPLE, CsvSample, links_sample

SAMPLE = links_sample()


def read(text: str) -> LinksReading:
    table = table_of(text)
    return read_links(table, mapping_for(table.header, LINK_MAPPINGS), limits={"link.link_type": 100})


def test_the_gias_file_is_read_from_windows_1252_with_accents_and_degree_signs() -> None:
    reading = read(source_text(LINKS_SAMPLE.read_bytes()).text)
    names = {link.values["link_name"] for link in reading.records}
    assert "St Thomas à Becket Catholic Secondary School, A Voluntary Academy" in names
    assert "North Star 82°" in names
    assert reading.rows_read == len(SAMPLE.rows) == 7


def test_a_link_is_keyed_by_both_urns_and_its_type_with_a_day_month_year_date() -> None:
    link = next(link for link in read(SAMPLE.text()).records if link.urn == 100006)
    assert link.key == (100006, 134643, "Predecessor - merged")
    assert link.values["established_date"] == dt.date(2022, 1, 1)


def test_an_empty_date_is_kept_as_unknown_and_long_link_types_fit() -> None:
    records = {link.urn: link for link in read(SAMPLE.text()).records}
    assert records[100016].values["established_date"] is None
    assert len(records[102200].link_type) == 62


def test_bad_urns_and_dates_are_reported_with_line_and_column() -> None:
    bad = SAMPLE.changed("100006", {"LinkURN": "n/a"}).changed("100012", {"LinkEstablishedDate": "2021-08-31"})
    reading = read(bad.text())
    assert [(p.line, p.column) for p in reading.problems] == [(2, "LinkURN"), (3, "LinkEstablishedDate")]
    assert "dd-mm-yyyy" in reading.problems[1].reason


def test_a_link_repeated_in_the_file_is_reported() -> None:
    reading = read(CsvSample(SAMPLE.header, (*SAMPLE.rows, SAMPLE.rows[0])).text())
    assert [(p.line, p.reason) for p in reading.problems] == [(9, "repeats line 2")]
