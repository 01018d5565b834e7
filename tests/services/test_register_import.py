"""The register import against the database: counts, idempotent re-import, updates that say what changed,
both encodings, all-or-nothing writes, and the whole shipped file."""

import datetime as dt
import gzip
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from inspectorate.domain.register.errors import FileRefused, RowsRefused
from inspectorate.domain.register.records import InspectionKind
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services import register_import
from inspectorate.register.services import register_imports as service
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.table_frames import insert_frame, stored_frame, update_frame
from tests import factories
from tests.conftest import REGISTER_FILE
from tests.register_samples import SAMPLE_URNS, CsvSample, register_sample

SAMPLE = register_sample()
QUIET: dict[str, Any] = {"progress": Progress(), "description": ""}
SAMPLE_INSPECTIONS = 28  # 29 inspection numbers in the sample, one twice: an ungraded inspection that converted
CAVERSHAM = 109778
CONVERSION = "Schools \N{EN DASH} Section 8 conversion"


def write(tmp_path: Path, sample: CsvSample = SAMPLE, name: str = "register.csv", **options: Any) -> Path:
    return sample.write(tmp_path / name, **options)


def register_state() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Everything the register holds, to compare before and after."""
    schools = [dict(row) for row in Establishment.objects.order_by("urn").values()]
    inspections = [
        dict(row) for row in RecordedInspection.objects.order_by("establishment_id", "inspection_number").values()
    ]
    return schools, inspections


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = write(tmp_path, name="first.csv")
    register_import(path=path)
    return path


@pytest.mark.django_db
def test_schools_and_their_inspections_are_imported(tmp_path: Path) -> None:
    summary = register_import(path=write(tmp_path))

    assert (summary.rows_read, summary.rejected_rows, summary.rejected) == (SAMPLE_URNS, 0, ())
    assert (summary.establishments.created, summary.inspections.created) == (SAMPLE_URNS, SAMPLE_INSPECTIONS)
    assert Establishment.objects.count() == SAMPLE_URNS
    assert RecordedInspection.objects.count() == SAMPLE_INSPECTIONS
    assert summary.without_location == 1  # 139837, in N1C
    assert summary.mapping == "ofsted-state-funded-schools-official-statistics v1"
    assert Establishment.objects.get(urn=CAVERSHAM).source.endswith(": register.csv")


@pytest.mark.django_db
def test_the_register_holds_the_file_s_codes_and_derived_values(tmp_path: Path) -> None:
    register_import(path=write(tmp_path))

    converted = RecordedInspection.objects.get(inspection_number="10293223")
    previous = RecordedInspection.objects.get(establishment__urn=CAVERSHAM, inspection_number="10242325")
    assert converted.kind == RecordedInspection.Kind.GRADED
    assert converted.converted_to_graded is True
    assert converted.event_grouping == CONVERSION
    assert (previous.category_of_concern, previous.safeguarding, previous.framework) == ("SWK", "No", "eif-2019")
    assert previous.inspection_type == ""  # the file has no type for a previous inspection
    assert previous.relates_to_current_urn
    assert Establishment.objects.get(urn=139837).has_location is False


def test_the_domain_s_inspection_kinds_are_the_model_s() -> None:
    assert {kind.value for kind in InspectionKind} == set(RecordedInspection.Kind.values)


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(imported: Path) -> None:
    before = register_state()

    summary = register_import(path=imported)

    assert (summary.establishments.created, summary.establishments.updated) == (0, 0)
    assert summary.establishments.unchanged == SAMPLE_URNS
    assert (summary.inspections.created, summary.inspections.updated) == (0, 0)
    assert summary.inspections.unchanged == SAMPLE_INSPECTIONS
    assert register_state() == before


@pytest.mark.django_db
def test_an_edited_file_updates_in_place_and_says_what_changed(imported: Path, tmp_path: Path) -> None:
    edited = (
        SAMPLE.changed(str(CAVERSHAM), {"Total number of pupils": "410", "School name": "Caversham Primary"})
        .changed("100009", {"Total number of pupils": "400"})
        .changed("100022", {"Ungraded inspection overall outcome": "Improved significantly"})
    )

    summary = register_import(path=write(tmp_path, edited, name="newer.csv"))

    schools, inspections = summary.establishments, summary.inspections
    assert (schools.created, schools.updated, schools.unchanged) == (0, 2, SAMPLE_URNS - 2)
    assert schools.fields_changed == {"pupils": 2, "name": 1}
    assert {(u.key, u.changed) for u in schools.examples} == {(CAVERSHAM, ("name", "pupils")), (100009, ("pupils",))}
    assert (inspections.updated, inspections.fields_changed) == (1, {"ungraded_outcome": 1})
    caversham = Establishment.objects.get(urn=CAVERSHAM)
    assert (caversham.name, caversham.pupils, caversham.source.endswith("newer.csv")) == (
        "Caversham Primary",
        410,
        True,
    )
    assert Establishment.objects.get(urn=100181).source.endswith("first.csv")  # unchanged rows keep their source
    assert Establishment.objects.count() == SAMPLE_URNS
    assert RecordedInspection.objects.count() == SAMPLE_INSPECTIONS


@pytest.mark.django_db
def test_a_newer_file_adds_history_and_never_blanks_what_it_does_not_say(imported: Path, tmp_path: Path) -> None:
    # A year on, Caversham's latest graded inspection becomes its previous one, whose columns carry no type.
    caversham = SAMPLE.row(str(CAVERSHAM))
    newer = SAMPLE.changed(
        str(CAVERSHAM),
        {
            "Previous inspection number": caversham["Inspection number of latest graded inspection"],
            "Previous inspection start date": caversham["Inspection start date"],
            "Previous publication date": caversham["Publication date"],
            "Previous graded inspection overall effectiveness": caversham["Overall effectiveness"],
            "Previous category of concern": caversham["Category of concern"],
            "Previous effectiveness of leadership and management": "2",
            "Previous safeguarding is effective?": "Yes",
            "Inspection number of latest graded inspection": "10400001",
            "Inspection type": "S5 Inspection",
            "Inspection start date": "01/07/2025",
            "Publication date": "15/08/2025",
        },
    )

    summary = register_import(path=write(tmp_path, newer, name="newer.csv"))

    history = {i.inspection_number: i for i in RecordedInspection.objects.filter(establishment__urn=CAVERSHAM)}
    assert set(history) == {"10400001", "10299286", "10242325"}
    assert history["10299286"].inspection_type == "Schools with Serious Weaknesses Visit 1"
    assert history["10400001"].framework == "eif-2024"
    assert summary.inspections.created == 1


@pytest.mark.django_db
def test_schools_missing_from_a_newer_file_are_kept_and_counted(imported: Path, tmp_path: Path) -> None:
    factories.establishment(is_fictional=True)  # the demo's fictional schools are not "missing"

    summary = register_import(path=write(tmp_path, SAMPLE.without_row("143716"), name="newer.csv"))

    assert summary.not_in_file == 1
    assert Establishment.objects.filter(urn=143716).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "compress", "name"),
    [
        ("cp1252", False, "windows.csv"),
        ("utf-8-sig", False, "plain-despite-its-name.csv.gz"),  # gzip is told by its magic bytes, not its name
        ("cp1252", True, "compressed-despite-its-name.csv"),
        ("utf-8", True, "register.csv.gz"),
    ],
)
def test_windows_1252_and_utf8_with_or_without_bom_give_identical_values(
    imported: Path, tmp_path: Path, encoding: str, compress: bool, name: str
) -> None:
    path = write(tmp_path, name=name, encoding=encoding, compress=compress)
    raw = gzip.decompress(path.read_bytes()) if compress else path.read_bytes()
    assert CONVERSION.encode(encoding.removesuffix("-sig")) in raw  # cp1252: byte 0x96; UTF-8: e2 80 93

    summary = register_import(path=path)

    assert summary.establishments.unchanged == SAMPLE_URNS
    assert summary.inspections.unchanged == SAMPLE_INSPECTIONS
    assert summary.encoding == ("Windows-1252" if encoding == "cp1252" else "UTF-8")
    converted = RecordedInspection.objects.get(inspection_number="10293223")
    assert converted.event_grouping == CONVERSION


@pytest.mark.django_db
def test_bad_values_refuse_the_whole_file_and_write_nothing(imported: Path, tmp_path: Path) -> None:
    before = register_state()
    bad = (
        SAMPLE.changed(str(CAVERSHAM), {"Inspection start date": "31/02/2023"})
        .changed("100022", {"Quality of education": "5", "URN": "10002X"})
        .changed("100009", {"Total number of pupils": "500"})  # a good change, not written either
    )

    with pytest.raises(RowsRefused) as refused:
        register_import(path=write(tmp_path, bad, name="bad.csv"))

    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, "URN"),
        (3, "Quality of education"),
        (9, "Inspection start date"),
    ]
    assert register_state() == before


@pytest.mark.django_db
def test_skipping_bad_rows_imports_the_good_ones_and_lists_the_bad(tmp_path: Path) -> None:
    bad = SAMPLE.changed(str(CAVERSHAM), {"Category of concern": "RI"})

    summary = register_import(path=write(tmp_path, bad), skip_bad_rows=True)

    assert summary.rejected_rows == 1
    assert [(p.line, p.column, p.value) for p in summary.rejected] == [(9, "Category of concern", "RI")]
    assert summary.establishments.created == SAMPLE_URNS - 1
    assert not Establishment.objects.filter(urn=CAVERSHAM).exists()


@pytest.mark.django_db
def test_an_interrupted_import_leaves_the_register_as_it_was(
    imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = register_state()

    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt  # Ctrl-C after the schools were written, before their inspections

    monkeypatch.setattr(service, "_write_inspections", interrupted)
    newer = SAMPLE.changed(str(CAVERSHAM), {"Total number of pupils": "999"}).without_row("143716")

    with pytest.raises(KeyboardInterrupt):
        register_import(path=write(tmp_path, newer, name="newer.csv"))

    assert register_state() == before


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_first_import_commits_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "_write_inspections", interrupted)

    with pytest.raises(KeyboardInterrupt):
        register_import(path=write(tmp_path))

    assert not Establishment.objects.exists()


@pytest.mark.django_db
def test_a_refused_file_writes_nothing(imported: Path, tmp_path: Path) -> None:
    before = register_state()
    cut_short = tmp_path / "cut.csv"
    cut_short.write_text(SAMPLE.text()[:-400])

    with pytest.raises(FileRefused, match="line 13: this row has"):
        register_import(path=cut_short)

    assert register_state() == before


@pytest.mark.django_db
def test_the_progress_bar_goes_to_standard_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    register_import(path=write(tmp_path), progress=True)

    captured = capsys.readouterr()
    assert "Reading" in captured.err
    assert captured.out == ""


@pytest.mark.django_db
def test_the_shipped_register_imports_whole() -> None:
    summary = register_import(path=REGISTER_FILE)

    assert summary.establishments.created == Establishment.objects.count() == 21_990
    assert summary.rejected == ()
    assert summary.without_location == 3
    assert set(Establishment.objects.filter(latitude__isnull=True).values_list("postcode", flat=True)) == {
        "N1C 4PF",
        "N1C 4BT",
    }
    caversham = Establishment.objects.get(urn=CAVERSHAM)
    assert (caversham.name, caversham.local_authority) == ("Caversham Primary School", "Reading")
    history = list(caversham.inspections.values_list("inspection_number", "start_date", "category_of_concern"))
    assert history == [("10299286", dt.date(2023, 6, 21), ""), ("10242325", dt.date(2022, 11, 15), "SWK")]
    assert RecordedInspection.objects.filter(converted_to_graded=True, kind="graded").count() == 63


@pytest.mark.django_db
def test_values_go_in_and_out_in_bulk_exactly_as_the_orm_reads_them() -> None:
    schools = pl.DataFrame(
        {
            "urn": [1, 2, 3],
            "name": ['Smith, "Jones"\nand Co', "\N{LATIN SMALL LETTER A WITH GRAVE} \N{EN DASH} \\N", "NULL"],
            "open_date": [dt.date(2020, 2, 29), None, dt.date(1900, 1, 1)],
            "latitude": [0.1 + 0.2, -0.12345678901234567, None],
            "pupils": [0, None, 2_000_000_000],
            "is_fictional": [True, False, False],
        }
    )
    fields = [*schools.columns, "sixth_form"]

    insert_frame(Establishment, schools, **QUIET)
    update_frame(Establishment, schools.tail(1).with_columns(pl.lit("Yes").alias("sixth_form")), key=["urn"], **QUIET)

    stored = stored_frame(Establishment, fields).sort("urn")
    expected = schools.with_columns(pl.Series("sixth_form", ["", "", "Yes"]))
    assert stored.equals(expected)
    assert list(Establishment.objects.order_by("urn").values_list(*fields)) == expected.rows()
