"""The GIAS links import against the database."""

from pathlib import Path
from typing import Any

import pytest

from inspectorate.domain.register.errors import RowsRefused
from inspectorate.register.models import EstablishmentLink
from inspectorate.register.services import links_import
from inspectorate.register.services import links_imports as service
from tests import factories
from tests.conftest import LINKS_FILE
from tests.register_samples import LINKS_SAMPLE, CsvSample, links_sample

SAMPLE = links_sample()


def links_state() -> list[dict[str, Any]]:
    return [dict(row) for row in EstablishmentLink.objects.order_by("urn", "link_urn", "link_type").values()]


@pytest.mark.django_db
def test_every_link_is_kept_even_to_schools_not_in_the_register() -> None:
    factories.establishment(urn=100006, name="In the register")

    summary = links_import(path=LINKS_SAMPLE)

    assert (summary.links.created, summary.rows_read, summary.to_unregistered) == (7, 7, 7)
    assert summary.encoding == "Windows-1252"
    link = EstablishmentLink.objects.get(urn=108299)
    assert link.link_name == "St Thomas à Becket Catholic Secondary School, A Voluntary Academy"
    assert EstablishmentLink.objects.filter(link_type__startswith="Merged - expansion").count() == 2


@pytest.mark.django_db
def test_reimporting_changes_nothing_and_an_edit_updates_in_place(tmp_path: Path) -> None:
    links_import(path=LINKS_SAMPLE)
    again = links_import(path=LINKS_SAMPLE)
    edited = SAMPLE.changed("100016", {"LinkEstablishedDate": "01-09-2024", "LinkName": "Kingsgate School"})

    newer = links_import(path=edited.write(tmp_path / "links.csv"))

    assert (again.links.created, again.links.updated, again.links.unchanged) == (0, 0, 7)
    assert (newer.links.updated, newer.links.unchanged) == (1, 6)
    assert newer.links.fields_changed == {"established_date": 1, "link_name": 1}
    assert EstablishmentLink.objects.get(urn=100016).link_name == "Kingsgate School"
    assert EstablishmentLink.objects.count() == 7


@pytest.mark.django_db
def test_utf8_gives_the_same_values_as_windows_1252(tmp_path: Path) -> None:
    links_import(path=LINKS_SAMPLE)

    summary = links_import(path=SAMPLE.write(tmp_path / "links.csv", encoding="utf-8-sig", compress=True))

    assert (summary.links.unchanged, summary.encoding) == (7, "UTF-8")


@pytest.mark.django_db
def test_bad_rows_refuse_the_file_unless_skipped(tmp_path: Path) -> None:
    links_import(path=LINKS_SAMPLE)
    before = links_state()
    path = SAMPLE.changed("100012", {"LinkURN": "none", "LinkName": "Renamed"}).write(tmp_path / "links.csv")

    with pytest.raises(RowsRefused):
        links_import(path=path)
    assert links_state() == before

    summary = links_import(path=path, skip_bad_rows=True)
    assert [(p.line, p.column) for p in summary.rejected] == [(3, "LinkURN")]
    assert summary.links.unchanged == 6


@pytest.mark.django_db
def test_an_interrupted_links_import_leaves_the_links_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links_import(path=LINKS_SAMPLE)
    before = links_state()
    real_insert = service.insert_frame

    def insert_then_die(model: Any, rows: Any, **options: Any) -> None:
        real_insert(model, rows, **options)
        raise KeyboardInterrupt  # killed once the new links are in, before the changed ones

    monkeypatch.setattr(service, "insert_frame", insert_then_die)
    added = ("200001", "200002", "A New School", "Successor", "01-09-2025")
    newer = CsvSample(SAMPLE.header, (*SAMPLE.rows, added)).changed("100016", {"LinkName": "Renamed"})

    with pytest.raises(KeyboardInterrupt):
        links_import(path=newer.write(tmp_path / "links.csv"))

    assert links_state() == before


@pytest.mark.django_db
def test_the_shipped_links_import_whole() -> None:
    summary = links_import(path=LINKS_FILE)

    assert summary.links.created == EstablishmentLink.objects.count() == 33_801
    assert EstablishmentLink.objects.values("link_type").distinct().count() == 17
    assert EstablishmentLink.objects.filter(established_date__isnull=True).exists()
