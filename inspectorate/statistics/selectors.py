"""Reads for the official statistics: the register as plain records, handed to the pure computation.

Two queries of plain tuples (no model instances), so the full register of about 22,000 schools and 45,000
inspections is read and counted in well under a second. Fictional schools, which exist only for the demo, are
never counted.
"""

import datetime as dt

from inspectorate.domain.statistics import HeadlineStatistics, InspectionRecord, SchoolRecord, headline_statistics
from inspectorate.register.models import Establishment, RecordedInspection

_SCHOOL_FIELDS = ("urn", "type_of_education", "phase", "ofsted_region")
_INSPECTION_FIELDS = (
    "establishment__urn",
    "kind",
    "start_date",
    "publication_date",
    "framework",
    "quality_of_education",
    "behaviour_and_attitudes",
    "personal_development",
    "leadership_and_management",
    "ungraded_outcome",
)


def headline_statistics_as_at(*, as_at: dt.date, published_by: dt.date | None = None) -> HeadlineStatistics:
    """The release's headline figures for the real schools in the register (see inspectorate.domain.statistics
    for what each counts). Raises ValueError when `published_by` is before `as_at`."""
    schools = [
        SchoolRecord(*row)
        for row in Establishment.objects.filter(is_fictional=False).order_by().values_list(*_SCHOOL_FIELDS)
    ]
    inspections = (
        InspectionRecord(*row)
        for row in RecordedInspection.objects.filter(establishment__is_fictional=False, start_date__lte=as_at)
        .order_by()
        .values_list(*_INSPECTION_FIELDS)
        .iterator(chunk_size=5000)
    )
    return headline_statistics(schools, inspections, as_at=as_at, published_by=published_by)
