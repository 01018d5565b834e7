"""What a school's page shows: its details, its inspections newest first, and its links to other schools."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from inspectorate.register.models import Establishment
from inspectorate.register.presenters.inspections import (
    NO_GRADED_INSPECTION,
    InspectionCard,
    Row,
    headline,
    inspection_card,
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
    latest_graded: str
    details: list[Row]
    inspections: list[InspectionCard]
    links: list[LinkRow]


def present_school(record: SchoolRecord) -> SchoolView:
    school = record.school
    return SchoolView(
        name=school.name,
        urn=school.urn,
        latest_graded=headline(record.latest_graded) if record.latest_graded else NO_GRADED_INSPECTION,
        details=_details(school),
        inspections=[inspection_card(i) for i in record.inspections],
        links=[_link_row(linked) for linked in record.links],
    )


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
