"""Inspection reports: what each framework's report says, who may read it before and after publication, the PDF
saying what the page says, and published reports on the school's public page."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from inspectorate.audit.models import AuditEntry
from inspectorate.domain.roles import Role
from inspectorate.inspections.models import Inspection, Judgement, ReportDraft, TeamMember
from inspectorate.inspections.reports.presenter import report_of
from tests import factories
from tests.lifecycle_support import REPORT_CARD_EXPECTED, Cast, act, at, cast, drafted, judged, published

pytestmark = pytest.mark.django_db

BANNER = "Provisional: not yet published. Do not share with parents or the public."
EIF_AREAS = ("Quality of education", "Behaviour and attitudes", "Personal development", "Leadership and management")
REPORT_CARD_AREAS = (
    "Inclusion",
    "Curriculum and teaching",
    "Achievement",
    "Attendance and behaviour",
    "Personal development and well-being",
    "Leadership and governance",
)


def public_cast() -> Cast:
    """A school in the public register (cast() makes a fictional one, which has no public page)."""
    return cast(is_fictional=False, name="Brookside Primary School")


def four_point_published(
    framework_code: str,
    grades: dict[str, str],
    *,
    safeguarding: str = "effective",
    category: str | None = None,
    c: Cast | None = None,
    first_day: dt.date = dt.date(2024, 6, 11),
) -> tuple[Cast, Inspection]:
    """An EIF inspection published, built as rows: the lifecycle plans only under the framework in force today."""
    c = c or public_cast()
    last_day = first_day + dt.timedelta(days=1)
    inspection = Inspection.objects.create(
        establishment=c.school,
        framework_code=framework_code,
        state="published",
        starts_on=first_day,
        on_site_days_done=2,
        first_on_site_day=first_day,
        last_on_site_day=last_day,
        published_on=last_day + dt.timedelta(days=21),
        working_days_to_publication=15,
        created_by=c.scheduler,
    )
    TeamMember.objects.create(inspection=inspection, inspector=c.lead, capacity=TeamMember.Capacity.LEAD)
    # A first grade that quality assurance later changed: only the latest counts.
    Judgement.objects.create(
        inspection=inspection, area="quality_of_education", grade="3", recorded_by=c.lead, at=at(first_day, 10)
    )
    special = {"safeguarding": safeguarding, **({"category_of_concern": category} if category else {})}
    for area, grade in {**grades, **special}.items():
        Judgement.objects.create(inspection=inspection, area=area, grade=grade, recorded_by=c.lead, at=at(last_day))
    ReportDraft.objects.create(inspection=inspection, summary="An early draft.", author=c.lead, at=at(last_day, 9))
    ReportDraft.objects.create(
        inspection=inspection,
        summary="Pupils enjoy school.\nThey learn a broad curriculum.",
        area_texts={"quality_of_education": "Leaders have planned what pupils learn."},
        author=c.lead,
        at=at(last_day, 15),
    )
    return c, inspection


EIF_GOOD = {
    "quality_of_education": "2",
    "behaviour_and_attitudes": "1",
    "personal_development": "2",
    "leadership_and_management": "2",
}


def page_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def squeezed(text: str) -> str:
    return " ".join(text.split())


def poppler(tool: str, *arguments: str) -> str:
    """Runs one of poppler-utils' tools (installed by scripts/system-packages.sh) and returns what it printed."""
    program = shutil.which(tool)
    assert program, f"{tool} is missing: install poppler-utils"
    # A fixed program and arguments, no shell.
    return subprocess.run([program, *arguments], capture_output=True, check=True, text=True).stdout  # noqa: S603


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return squeezed(poppler("pdftotext", "-layout", str(path), "-"))


def pdf_info(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "info.pdf"
    path.write_bytes(pdf)
    return poppler("pdfinfo", str(path))


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's objects, compressed streams opened, to look for catalog entries such as /Lang."""
    opened = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            opened.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"".join(opened)


class HeadingsAndJudgements(HTMLParser):
    """Collects, in order, the text of every h1-h3 and every element marked as a judgement inside <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_main = False
        self._open: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self._in_main = True
        if self._open is not None:
            self._depth += 1
        elif self._in_main and (tag in ("h1", "h2", "h3") or "app-judgement" in (dict(attrs).get("class") or "")):
            self._open, self._depth = [], 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main = False
        if self._open is not None:
            self._depth -= 1
            if self._depth == 0:
                self.found.append(squeezed("".join(self._open)))
                self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(" " + data + " ")


def headings_and_judgements(html: str) -> list[str]:
    parser = HeadingsAndJudgements()
    parser.feed(html)
    return [text for text in parser.found if text]


# What each framework's report says


def test_an_eif_2019_report_gives_overall_effectiveness_then_each_key_judgement_from_the_latest_rows():
    _, inspection = four_point_published("eif-2019", {"overall_effectiveness": "2", **EIF_GOOD})

    report = report_of(inspection)

    assert report.overall_effectiveness == "Good"
    assert [a.heading for a in report.areas] == ["Overall effectiveness", *EIF_AREAS]
    assert [a.grade for a in report.areas] == ["Good", "Good", "Outstanding", "Good", "Good"]
    assert report.safeguarding.grade == "Effective"
    assert report.summary == ("Pupils enjoy school.", "They learn a broad curriculum.")
    assert report.areas[1].paragraphs == ("Leaders have planned what pupils learn.",)
    assert report.category_of_concern is None
    assert report.no_overall_grade_note is None
    assert report.dates == "11 to 12 June 2024"
    assert report.lead_inspector == inspection.team.get().inspector.get_full_name()
    assert (report.provisional, report.published_on) == (False, dt.date(2024, 7, 3))


def test_an_eif_2024_report_has_key_judgements_and_no_overall_effectiveness(client):
    _, inspection = four_point_published("eif-2024", EIF_GOOD, first_day=dt.date(2025, 2, 4))

    report = report_of(inspection)
    page = page_text(client.get(f"/reports/{inspection.pk}/").content.decode())

    assert report.overall_effectiveness is None
    assert [a.heading for a in report.areas] == list(EIF_AREAS)
    assert "Overall effectiveness" not in page
    assert "give no overall effectiveness grade" in page
    assert "Behaviour and attitudes Outstanding" in page


def test_an_inadequate_eif_report_names_its_category_of_concern(client):
    grades = {**EIF_GOOD, "overall_effectiveness": "4", "leadership_and_management": "4"}
    _, inspection = four_point_published("eif-2019", grades, safeguarding="ineffective", category="Special measures")

    report = report_of(inspection)
    page = page_text(client.get(f"/reports/{inspection.pk}/").content.decode())

    assert (report.overall_effectiveness, report.safeguarding.grade) == ("Inadequate", "Not effective")
    assert report.category_of_concern == "Special measures"
    assert "Category of concern Special measures" in page


def test_a_report_card_grades_each_area_in_words_and_never_gives_an_overall_grade(client):
    c = public_cast()
    inspection = published(c)
    inspection.refresh_from_db()

    report = report_of(inspection)
    html = client.get(f"/reports/{inspection.pk}/").content.decode()
    page = page_text(html)

    assert [a.heading for a in report.areas] == list(REPORT_CARD_AREAS)
    assert [a.grade for a in report.areas] == list(REPORT_CARD_EXPECTED.values())
    assert report.overall_effectiveness is None
    assert report.safeguarding.grade == "Met"
    assert "overall effectiveness" not in page.lower()
    assert "there is no single overall grade" in page
    assert "Personal development and well-being Strong standard" in page
    assert "Teachers check what pupils know." in page
    assert "<title>Report card: Brookside Primary School \N{EN DASH} Inspectorate</title>" in html


def test_a_report_card_with_urgent_improvement_carries_the_category_the_judgements_decide():
    c = cast()
    inspection = judged(c, grades={**REPORT_CARD_EXPECTED, "achievement": "Urgent improvement"})

    report = report_of(inspection)

    assert report.category_of_concern == "Requires significant improvement"
    assert report.provisional is True
    assert report.publication_line is None


def test_the_published_report_says_how_many_working_days_publication_took(client):
    inspection = published(public_cast())
    inspection.refresh_from_db()
    days = inspection.working_days_to_publication
    assert days is not None

    page = page_text(client.get(f"/reports/{inspection.pk}/").content.decode())

    assert f"Published {days} working days after the inspection, on 20 March 2026." in page


# Who may read a report, and when


def test_before_publication_the_public_is_told_there_is_no_such_report():
    c = public_cast()
    inspection = drafted(c)
    anonymous = factories_client()

    for url in (f"/reports/{inspection.pk}/", f"/reports/{inspection.pk}.pdf"):
        response = anonymous.get(url)
        assert response.status_code == 404
        assert c.school.name not in response.content.decode()


def test_once_published_anyone_may_read_the_report_and_its_pdf_without_a_banner(client, tmp_path):
    c = public_cast()
    inspection = published(c)

    page = client.get(f"/reports/{inspection.pk}/")
    pdf = client.get(f"/reports/{inspection.pk}.pdf")

    assert page.status_code == 200
    assert "Provisional" not in page.content.decode()
    assert pdf.status_code == 200
    assert "Provisional" not in pdf_text(pdf.content, tmp_path)
    assert AuditEntry.objects.filter(action="provisional_outcome.viewed").count() == 0


@pytest.mark.parametrize("who", ["lead", "team", "qa", "head"])
def test_before_publication_the_team_qa_and_the_school_read_it_marked_provisional(client, tmp_path, who):
    c = public_cast()
    inspection = drafted(c)  # final feedback given: the school has heard the provisional outcome
    client.force_login(getattr(c, who))

    page = client.get(f"/reports/{inspection.pk}/")
    pdf = client.get(f"/reports/{inspection.pk}.pdf")

    assert page.status_code == 200
    assert BANNER in page_text(page.content.decode())
    assert "no-store" in page["Cache-Control"]
    assert pdf.status_code == 200
    assert BANNER in pdf_text(pdf.content, tmp_path)
    assert "Provisional, not yet published" in pdf_info(pdf.content, tmp_path)


def test_the_school_cannot_read_the_outcome_before_final_feedback(client):
    c = public_cast()
    inspection = judged(c)
    client.force_login(c.head)

    assert client.get(f"/reports/{inspection.pk}/").status_code == 404


def test_the_scheduler_and_another_schools_head_cannot_read_a_provisional_report(client):
    c = public_cast()
    inspection = drafted(c)
    other_head = factories.person(Role.HEADTEACHER)
    factories.school_member(other_head, factories.establishment(name="Elsewhere School"))

    for person in (c.scheduler, other_head):
        client.force_login(person)
        assert client.get(f"/reports/{inspection.pk}/").status_code == 404
        assert client.get(f"/reports/{inspection.pk}.pdf").status_code == 404


def test_every_reading_of_a_provisional_report_is_audited_with_who_and_where(client):
    c = public_cast()
    inspection = drafted(c)
    client.force_login(c.head)
    before = AuditEntry.objects.filter(action="provisional_outcome.viewed").count()

    client.get(f"/reports/{inspection.pk}/")
    client.get(f"/reports/{inspection.pk}/")
    client.get(f"/reports/{inspection.pk}.pdf")

    entries = list(AuditEntry.objects.filter(action="provisional_outcome.viewed").order_by("sequence"))[before:]
    assert [e.content["details"]["where"] for e in entries] == ["report page", "report page", "report PDF"]
    assert {(e.actor_username, e.object_id) for e in entries} == {(c.head.username, str(inspection.pk))}


def test_an_unknown_report_is_not_found(client):
    assert client.get("/reports/999999/").status_code == 404
    assert client.get("/reports/999999.pdf").status_code == 404


# The PDF says what the page says


def report_card_published() -> Inspection:
    return published(public_cast())


def report_card_provisional() -> Inspection:
    return drafted(public_cast())


def eif_2019_inadequate() -> Inspection:
    grades = {**EIF_GOOD, "overall_effectiveness": "4", "leadership_and_management": "4", "early_years": "3"}
    return four_point_published("eif-2019", grades, safeguarding="ineffective", category="Serious weaknesses")[1]


def eif_2024_good() -> Inspection:
    return four_point_published("eif-2024", EIF_GOOD, first_day=dt.date(2025, 2, 4))[1]


@pytest.mark.parametrize("build", [report_card_published, report_card_provisional, eif_2019_inadequate, eif_2024_good])
def test_the_pdf_holds_every_heading_and_judgement_of_the_page_in_the_same_order(client, tmp_path, build):
    inspection = build()
    client.force_login(inspection.team.get(capacity="lead").inspector)

    wanted = headings_and_judgements(client.get(f"/reports/{inspection.pk}/").content.decode())
    text = pdf_text(client.get(f"/reports/{inspection.pk}.pdf").content, tmp_path)

    assert len(wanted) > 10
    position = 0
    for item in wanted:
        found = text.find(item, position)
        assert found >= 0, f"{item!r} is on the page but not in the PDF after {text[position - 80 : position]!r}"
        position = found + len(item)


def test_the_pdf_is_a_tagged_a4_document_with_a_title_a_language_and_a_telling_file_name(client, tmp_path):
    c = public_cast()
    inspection = published(c)

    response = client.get(f"/reports/{inspection.pk}.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="inspection-report-{c.school.urn}-2026-03-20.pdf"'
    info = pdf_info(response.content, tmp_path)
    assert re.search(r"^Title:\s+Report card: Brookside Primary School \(URN \d+\)$", info, re.M)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+595.* x 841.* \(A4\)$", info, re.M)
    assert b"/Lang (en-GB)" in pdf_objects(response.content)


# Published reports on the school's public page


def test_a_published_report_joins_the_schools_history_with_links_to_the_page_and_the_pdf(client):
    c = public_cast()
    factories.inspection(c.school, start_date=dt.date(2023, 5, 10), overall_effectiveness="3")
    inspection = published(c)

    html = client.get(f"/schools/{c.school.urn}/").content.decode()
    page = page_text(html)

    assert f'href="/reports/{inspection.pk}/"' in html
    assert f'href="/reports/{inspection.pk}.pdf"' in html
    assert "Read the report of the inspection on 3 to 4 March 2026" in page
    assert re.search(r"Download the report \(PDF, \d+ KB\)", page)
    assert page.index("Report card, 3 March 2026") < page.index("Graded inspection, 10 May 2023")
    assert "Curriculum and teaching Strong standard" in page
    assert "Safeguarding Met" in page
    assert "Latest graded inspection: Report card — 3 March 2026 — report cards, 2025" in page
    card = page[page.index("Report card, 3 March 2026") : page.index("Graded inspection, 10 May 2023")]
    assert "Overall" not in card


def test_an_eif_report_published_here_reads_like_the_imported_history(client):
    c, _ = four_point_published("eif-2019", {"overall_effectiveness": "1", **EIF_GOOD})
    factories.inspection(
        c.school, start_date=dt.date(2025, 1, 15), kind="ungraded", ungraded_outcome="Standards maintained"
    )

    page = page_text(client.get(f"/schools/{c.school.urn}/").content.decode())

    assert "Overall effectiveness Outstanding" in page
    assert "Latest graded inspection: Outstanding — 11 June 2024 — education inspection framework, 2019" in page
    assert page.index("Ungraded inspection, 15 January 2025") < page.index("Graded inspection, 11 June 2024")


def test_the_school_page_reads_published_reports_in_a_few_queries_however_many_there_are(
    client, django_assert_max_num_queries
):
    c, _ = four_point_published("eif-2019", {"overall_effectiveness": "2", **EIF_GOOD})
    four_point_published("eif-2024", EIF_GOOD, c=c, first_day=dt.date(2025, 2, 4))
    factories.inspection(c.school, start_date=dt.date(2021, 1, 1))

    # school, recorded inspections, links; published inspections, their judgements, drafts and teams
    with django_assert_max_num_queries(7):
        page = page_text(client.get(f"/schools/{c.school.urn}/").content.decode())

    assert page.count("Read the report") == 2


def test_an_unpublished_inspection_never_appears_on_the_school_page(client):
    c = public_cast()
    inspection = drafted(c)
    act(c.lead, inspection, "submit_for_quality_assurance", dt.date(2026, 3, 6))

    html = client.get(f"/schools/{c.school.urn}/").content.decode()

    assert "/reports/" not in html
    assert "Read the report" not in html
    assert "No inspections of this school are recorded in the register." in page_text(html)


def factories_client() -> Any:
    from django.test import Client

    return Client()
