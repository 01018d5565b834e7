"""The two commands as a person meets them: a summary on success, and on refusal a message naming the problem
and the line, a non-zero exit status, and the database as it was."""

import gzip
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspectorate.register.models import Establishment, EstablishmentLink, RecordedInspection
from tests.conftest import PROJECT_DIR
from tests.register_samples import LINKS_SAMPLE, SAMPLE_URNS, links_sample, register_sample

SAMPLE = register_sample()
LINKS = links_sample()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def run(command: str, path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command(command, str(path), "--no-progress", *options, stdout=out)
    return out.getvalue()


def database_counts() -> tuple[int, int, int]:
    return Establishment.objects.count(), RecordedInspection.objects.count(), EstablishmentLink.objects.count()


@pytest.fixture
def populated(tmp_path: Path) -> tuple[int, int, int]:
    run("import_register", SAMPLE.write(tmp_path / "register.csv"))
    run("import_links", LINKS_SAMPLE)
    return database_counts()


REGISTER_TEXT = SAMPLE.text()
REFUSALS = {
    "links file given to import-register": (LINKS_SAMPLE.read_bytes(), r"line 1: the header is not one this command"),
    "missing column": (
        SAMPLE.without_column("Previous category of concern").text().encode(),
        r'line 1: .*missing here: "Previous category of concern"',
    ),
    "binary": (PNG, r"line 3: the file holds a NUL byte: it is binary"),
    "row cut short": (REGISTER_TEXT[:-300].encode(), r"line 13: this row has \d+ fields where the header has 76"),
    "unterminated quote": (
        REGISTER_TEXT.replace("Caversham Primary School,", '"Caversham Primary School,', 1).encode(),
        r"line 9: this row cannot be read as CSV.*a quote is never closed",
    ),
    "empty": (b"", "the file is empty"),
    "header only": (REGISTER_TEXT.splitlines(keepends=True)[0].encode(), "line 1: the file has a header but no rows"),
    "unknown encoding": (REGISTER_TEXT.encode().replace(b"Caversham", b"Cav\x81rsham"), "line 9: byte 0x81"),
    "truncated gzip": (gzip.compress(REGISTER_TEXT.encode())[:-100], "the gzip file is cut short"),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), REFUSALS.values(), ids=REFUSALS.keys())
def test_import_register_refuses_a_file_it_does_not_expect(
    populated: tuple[int, int, int], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "suspect.csv"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message) as refused:
        run("import_register", path)

    assert str(refused.value).startswith("Refused suspect.csv: ")
    assert str(refused.value).endswith("Nothing was imported.")
    assert database_counts() == populated


LINK_REFUSALS = {
    "register file given to import-links": (REGISTER_TEXT.encode(), r'line 1: .*missing here: "LinkURN"'),
    "binary": (PNG, "binary"),
    "row cut short": (LINKS.text().rsplit(",", 2)[0].encode(), r"line 8: this row has 3 fields"),
    "unterminated quote": (
        (LINKS.text() + '100099,100100,"Never closed,Successor,01-01-2020\n').encode(),
        "line 9: this row cannot be read as CSV.*a quote is never closed",
    ),
    "empty": (b"\n", "the file is empty"),
    "header only": (b'"URN","LinkURN","LinkName","LinkType","LinkEstablishedDate"', "header but no rows"),
    "unknown encoding": (LINKS_SAMPLE.read_bytes().replace(b"Rhyl", b"Rh\x81l"), "line 3: byte 0x81 is neither"),
    "truncated gzip": (gzip.compress(LINKS_SAMPLE.read_bytes())[:-30], "the gzip file is cut short"),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "message"), LINK_REFUSALS.values(), ids=LINK_REFUSALS.keys())
def test_import_links_refuses_a_file_it_does_not_expect(
    populated: tuple[int, int, int], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "links.csv"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        run("import_links", path)

    assert database_counts() == populated


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"cannot read .*absent\.csv: No such file"):
        run("import_register", tmp_path / "absent.csv")


@pytest.mark.django_db
def test_bad_values_are_listed_up_to_twenty_with_a_hint(populated: tuple[int, int, int], tmp_path: Path) -> None:
    bad = SAMPLE
    for urn in [row[1] for row in SAMPLE.rows[:11]]:
        bad = bad.changed(urn, {"Total number of pupils": "many", "Statutory lowest age": "four"})

    with pytest.raises(CommandError) as refused:
        run("import_register", bad.write(tmp_path / "bad.csv"))

    lines = str(refused.value).splitlines()
    assert lines[0] == "Refused bad.csv: 11 row(s) have bad values, so nothing was imported:"
    assert lines[1] == "  line 2, column \"Total number of pupils\": not a whole number (found 'many')"
    assert lines[21] == "  and 2 more"
    assert lines[22] == "Fix the file, or run again with --skip-bad-rows to import the other rows."
    assert database_counts() == populated


@pytest.mark.django_db
def test_skipping_bad_rows_reports_them_in_the_summary(tmp_path: Path) -> None:
    bad = SAMPLE.changed("109778", {"Safeguarding is effective?": "Maybe"})

    output = run("import_register", bad.write(tmp_path / "bad.csv"), "--skip-bad-rows")

    assert f"Schools: {SAMPLE_URNS - 1} created, 0 updated, 0 unchanged." in output
    assert "Rejected: 1 rows, left out:" in output
    assert 'line 9, column "Safeguarding is effective?": unknown safeguarding value' in output


@pytest.mark.django_db
def test_the_summary_says_what_was_created_then_what_changed(tmp_path: Path) -> None:
    first = run("import_register", SAMPLE.write(tmp_path / "register.csv"))
    again = run("import_register", SAMPLE.write(tmp_path / "register.csv"))
    newer = run(
        "import_register", SAMPLE.changed("109778", {"Total number of pupils": "420"}).write(tmp_path / "n.csv")
    )

    assert (
        f"Imported register.csv (ofsted-state-funded-schools-official-statistics v1, UTF-8): {SAMPLE_URNS} rows"
        in first
    )
    assert f"Schools: {SAMPLE_URNS} created, 0 updated, 0 unchanged." in first
    assert "Inspections: 28 created, 0 updated, 0 unchanged." in first
    assert "Schools without a location (postcode district unknown): 1" in first
    assert f"Schools: 0 created, 0 updated, {SAMPLE_URNS} unchanged." in again
    assert "Inspections: 0 created, 0 updated, 28 unchanged." in again
    assert "  changed: pupils 1" in newer
    assert "  e.g. URN 109778: pupils" in newer


@pytest.mark.django_db
def test_the_links_summary(tmp_path: Path) -> None:
    output = run("import_links", LINKS_SAMPLE)

    assert "Imported gias_links_sample.csv (gias-links v1, Windows-1252): 7 rows read." in output
    assert "Links: 7 created, 0 updated, 0 unchanged." in output


def test_a_refusal_exits_with_a_non_zero_status(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.touch()
    environment = {**os.environ, "DJANGO_DEBUG": "true", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}

    finished = subprocess.run(  # noqa: S603 - our own command, a fixed argument list, no shell
        [Path(sys.executable).with_name("inspectorate"), "import-register", str(empty), "--no-progress"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert finished.returncode == 1
    assert "Refused empty.csv: the file is empty. Nothing was imported." in finished.stderr


@pytest.mark.django_db
def test_no_progress_bar_is_drawn_when_standard_error_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("import_register", str(SAMPLE.write(tmp_path / "register.csv")))

    assert capsys.readouterr().err == ""
