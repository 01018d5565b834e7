"""Reads of the public register: finding schools, and one school's record.

Every read starts from `public_schools()`, so a fictional (demo) school is never found or shown, except in the
demo itself (INSPECTORATE_DEMO), where its pages say plainly that it is fictional.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, QuerySet

from inspectorate.domain.outcomes import NOT_INSPECTED, OutcomeGroup
from inspectorate.domain.school_query import SchoolQuery, parse_school_query, search_text_word
from inspectorate.inspections.models import Inspection
from inspectorate.inspections.reports.selectors import published_inspections, published_inspections_of
from inspectorate.register.models import Establishment, EstablishmentLink, RecordedInspection

PER_PAGE = 20
MAX_URN = 2_147_483_647  # the largest value a PositiveIntegerField holds on every supported database
GRADED = RecordedInspection.Kind.GRADED


class SchoolSort(StrEnum):
    NAME = "name"
    URN = "urn"
    LATEST_GRADED = "latest-graded"  # newest graded inspection first; never inspected last


@dataclass(frozen=True)
class SchoolMatch:
    school: Establishment
    latest_graded: RecordedInspection | None


@dataclass(frozen=True)
class SchoolSearchPage:
    matches: list[SchoolMatch]
    count: int
    number: int
    num_pages: int
    requested_number: int  # differs from `number` when the page asked for does not exist
    per_page: int = PER_PAGE

    @property
    def first_position(self) -> int:
        return (self.number - 1) * self.per_page + 1

    @property
    def last_position(self) -> int:
        return self.first_position + len(self.matches) - 1


@dataclass(frozen=True)
class LinkedSchool:
    link: EstablishmentLink
    school: Establishment | None  # None when the linked URN is not a public school in the register


@dataclass(frozen=True)
class SchoolRecord:
    school: Establishment
    inspections: list[RecordedInspection]  # newest first
    latest_graded: RecordedInspection | None
    links: list[LinkedSchool]
    # Inspections run in this system and published, newest first; the official files may not hold them yet.
    published_inspections: list[Inspection] = field(default_factory=list)


def public_schools() -> QuerySet[Establishment]:
    if settings.INSPECTORATE_DEMO:
        return Establishment.objects.all()
    return Establishment.objects.filter(is_fictional=False)


def school_search(
    *,
    query: str = "",
    phase: str = "",
    region: str = "",
    outcome: OutcomeGroup | None = None,
    sort: SchoolSort = SchoolSort.NAME,
    page: int = 1,
) -> SchoolSearchPage:
    parsed = parse_school_query(query)
    schools = _matching(public_schools(), parsed)
    if phase:
        schools = schools.filter(phase=phase)
    if region:
        schools = schools.filter(ofsted_region=region)
    if outcome is not None:
        schools = _with_latest_outcome(schools, outcome)
    if parsed.is_empty:
        count = schools.count()
        number = _page_number(page, count)
        # The page's ids are picked from the search index alone, then only those rows are read from the table.
        on_page = _sorted(schools, sort).values("pk")[(number - 1) * PER_PAGE : number * PER_PAGE]
        rows = list(_sorted(Establishment.objects.filter(pk__in=on_page), sort))
    else:
        # Matching words is a pass over the search index: make it once, for the count and the page together.
        ids = list(_sorted(schools, sort).values_list("pk", flat=True))
        count = len(ids)
        number = _page_number(page, count)
        rows = _in_order(ids[(number - 1) * PER_PAGE : number * PER_PAGE])
    latest = latest_graded_inspections(rows)
    return SchoolSearchPage(
        matches=[SchoolMatch(school, latest.get(school.pk)) for school in rows],
        count=count,
        number=number,
        num_pages=_page_count(count),
        requested_number=page,
    )


def _page_count(count: int) -> int:
    return max(1, math.ceil(count / PER_PAGE))


def _page_number(asked: int, count: int) -> int:
    return min(max(asked, 1), _page_count(count))


def _in_order(ids: list[int]) -> list[Establishment]:
    found = Establishment.objects.order_by().in_bulk(ids)
    return [found[pk] for pk in ids]


def school_detail(*, urn: int) -> SchoolRecord | None:
    if not 0 < urn <= MAX_URN:
        return None  # no such school, and too large a number for the database's integer column
    # Whether any report is published rides along with the school's own query: most schools have none yet, and
    # their page then costs no query more.
    reported = Exists(published_inspections().filter(establishment=OuterRef("pk")))
    school = public_schools().filter(urn=urn).annotate(has_published_reports=reported).first()
    if school is None:
        return None
    inspections = sorted(school.inspections.order_by(), key=_recency, reverse=True)
    return SchoolRecord(
        school=school,
        inspections=inspections,
        latest_graded=_latest([i for i in inspections if i.kind == GRADED]),
        links=_links(school),
        published_inspections=published_inspections_of(school.pk) if school.has_published_reports else [],
    )


def latest_graded_inspections(schools: list[Establishment]) -> dict[int, RecordedInspection]:
    """Each school's latest graded inspection, by school id, in one query."""
    # Filtering on the kind in SQL (or keeping the model's date ordering) leads SQLite to walk the whole
    # (kind, start_date) index; these few schools' rows, ungraded ones included, are fewer.
    by_school: dict[int, list[RecordedInspection]] = {}
    for inspection in RecordedInspection.objects.filter(establishment__in=schools).order_by():
        if inspection.kind == GRADED:
            by_school.setdefault(inspection.establishment_id, []).append(inspection)
    return {school_id: latest for school_id, found in by_school.items() if (latest := _latest(found))}


def phases() -> list[str]:
    return _choices("phase")


def ofsted_regions() -> list[str]:
    return _choices("ofsted_region")


def _choices(field: str) -> list[str]:
    """A filter's choices. They change only with an import, yet a DISTINCT over the register costs several
    milliseconds on PostgreSQL: keep them as long as public pages are kept (PUBLIC_PAGE_CACHE_SECONDS)."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if seconds <= 0:
        return _distinct(field)
    choices = cache.get_or_set(f"register:choices:{field}", lambda: _distinct(field), seconds)
    return list(choices or [])


def _distinct(field: str) -> list[str]:
    # Read from the column's index alone, fictional rows included: ten times faster than filtering them out,
    # and the name of a phase, region or local authority says nothing about any school.
    values = Establishment.objects.order_by(field).values_list(field, flat=True).distinct()
    return [value for value in values if value]


def _recency(inspection: RecordedInspection) -> tuple[dt.date, str]:
    return (inspection.start_date, inspection.inspection_number)


def _latest(inspections: list[RecordedInspection]) -> RecordedInspection | None:
    return max(inspections, key=_recency, default=None)


def _matching(schools: QuerySet[Establishment], query: SchoolQuery) -> QuerySet[Establishment]:
    if query.urn is not None:
        return schools.filter(urn=query.urn)
    # Postcodes are stored in capitals ("RG4 5NA"), so a case-sensitive prefix match is enough.
    if query.postcode_prefix is not None:
        return schools.filter(postcode__startswith=query.postcode_prefix)
    for word in query.words:
        # One plain "contains" on the folded words kept by services.search_fields: "hull" finds Hull, not Solihull.
        schools = schools.filter(search_text__contains=search_text_word(word))
    return schools


def _with_latest_outcome(schools: QuerySet[Establishment], group: OutcomeGroup) -> QuerySet[Establishment]:
    if group.key == NOT_INSPECTED:
        return schools.filter(latest_graded_on__isnull=True)
    schools = schools.filter(latest_graded_framework__in=sorted(group.frameworks))
    if group.overall_grade is not None:
        schools = schools.filter(latest_graded_overall=group.overall_grade)
    return schools


def _sorted(schools: QuerySet[Establishment], sort: SchoolSort) -> QuerySet[Establishment]:
    if sort is SchoolSort.URN:
        return schools.order_by("urn")
    if sort is SchoolSort.LATEST_GRADED:
        return schools.order_by(F("latest_graded_on").desc(nulls_last=True), "name", "urn")
    return schools.order_by("name", "urn")


def _links(school: Establishment) -> list[LinkedSchool]:
    links = list(
        EstablishmentLink.objects.filter(urn=school.urn).order_by(
            F("established_date").desc(nulls_last=True), "link_type", "link_urn"
        )
    )
    in_register = {s.urn: s for s in public_schools().filter(urn__in=[link.link_urn for link in links])}
    return [LinkedSchool(link=link, school=in_register.get(link.link_urn)) for link in links]
