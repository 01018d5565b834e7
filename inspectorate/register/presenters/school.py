"""What a school's page shows: its details, its inspections newest first, and its links to other schools."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from inspectorate.inspections.reports.pdf import report_pdf_size
from inspectorate.inspections.reports.presenter import Report, report_of
from inspectorate.register.models import Establishment
from inspectorate.register.presenters.inspections import (
    NO_GRADED_INSPECTION,
    InspectionCard,
    Row,
    headline,
    inspection_card,
    report_card,
    report_headline,
)
from inspectorate.register.selectors import LinkedSchool, SchoolRecord
from inspectorate.web.formatting import long_date, number

NOT_RECORDED = "Not recorded"
LOCATION_NOT_KNOWN = "Location not known: the postcode district is not in our list"


@dataclass(frozen=True)
class LinkRow:
    link_type: str
    name: str
    urn: int
    href: str | None  # None for a school not in the register: shown as text, marked closed
    established: str


@dataclass(frozen=True)
class SchoolView:
    name: str
    urn: int
    is_fictional: bool
    latest_graded: str
    details: list[Row]
    inspections: list[InspectionCard]
    links: list[LinkRow]


def present_school(record: SchoolRecord) -> SchoolView:
    school = record.school
    reports = [report_of(inspection) for inspection in record.published_inspections]
    return SchoolView(
        name=school.name,
        urn=school.urn,
        is_fictional=school.is_fictional,
        latest_graded=_latest_graded(record, reports),
        details=_details(school),
        inspections=_timeline(record, reports),
        links=[_link_row(linked) for linked in record.links],
    )


def _timeline(record: SchoolRecord, reports: list[Report]) -> list[InspectionCard]:
    """The official files' history and the reports published here, on one timeline, newest first."""
    dated: list[tuple[dt.date, InspectionCard]] = [(i.start_date, inspection_card(i)) for i in record.inspections]
    # The PDF's size is worked out by rendering it, once per report's content (report_pdf_size keeps it).
    dated += [(r.first_day, report_card(r, report_pdf_size(r))) for r in reports]
    return [card for _, card in sorted(dated, key=lambda pair: pair[0], reverse=True)]


def _latest_graded(record: SchoolRecord, reports: list[Report]) -> str:
    """Every inspection published here is a graded one, and may be newer than the official files know."""
    newest = max(reports, key=lambda r: r.first_day, default=None)
    recorded = record.latest_graded
    if newest is not None and (recorded is None or newest.first_day >= recorded.start_date):
        return report_headline(newest)
    return headline(recorded) if recorded else NO_GRADED_INSPECTION


def _details(school: Establishment) -> list[Row]:
    return [
        ("URN", str(school.urn)),
        ("LAESTAB", school.laestab or NOT_RECORDED),
        ("Phase", school.phase),
        ("Type of school", school.type_of_education or NOT_RECORDED),
        ("Age range", _age_range(school)),
        ("Number of pupils", number(school.pupils, missing=NOT_RECORDED)),
        ("Local authority", school.local_authority),
        ("Ofsted region", school.ofsted_region),
        ("Region", school.region or NOT_RECORDED),
        ("Parliamentary constituency", school.constituency or NOT_RECORDED),
        ("Multi-academy trust", school.trust_name or "None recorded"),
        ("Academy sponsor", school.sponsor_name or "None recorded"),
        ("Religious character", school.religious_character or NOT_RECORDED),
        ("IDACI quintile", _idaci(school.idaci_quintile)),
        ("Open date", long_date(school.open_date, missing=NOT_RECORDED)),
        ("Postcode", school.postcode or NOT_RECORDED),
        ("Approximate location", _location(school)),
    ]


def _age_range(school: Establishment) -> str:
    if school.lowest_age is None or school.highest_age is None:
        return NOT_RECORDED
    return f"{school.lowest_age} to {school.highest_age}"


def _idaci(quintile: int | None) -> str:
    if quintile is None:
        return NOT_RECORDED
    return f"{quintile} (income deprivation affecting children: 1 is the most deprived fifth, 5 the least)"


def _location(school: Establishment) -> str:
    if school.latitude is None or school.longitude is None:
        return LOCATION_NOT_KNOWN
    district = school.postcode.split(" ")[0]
    return f"{school.latitude:.3f}, {school.longitude:.3f}: the centre of the {district} postcode district"


def _link_row(linked: LinkedSchool) -> LinkRow:
    link = linked.link
    if linked.school is None:
        name, href = f"{link.link_name or 'Name not recorded'} (closed: not in the register)", None
    else:
        name, href = linked.school.name, reverse("school-detail", args=[link.link_urn])
    return LinkRow(
        link_type=link.link_type,
        name=name,
        urn=link.link_urn,
        href=href,
        established=long_date(link.established_date, missing=NOT_RECORDED),
    )
