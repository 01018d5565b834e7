"""What the "Find a school" page shows: the form as submitted, the count, one line per school, the pages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.urls import reverse

from inspectorate.register.forms import SORT_LABELS, SchoolSearchForm
from inspectorate.register.presenters.inspections import NO_GRADED_INSPECTION, Row, headline
from inspectorate.register.selectors import SchoolMatch, SchoolSearchPage, SchoolSort
from inspectorate.web.formatting import number
from inspectorate.web.pagination import Pagination, pagination

PAGE_TITLE = "Find a school"
DASH = "\N{EN DASH}"  # GOV.UK titles separate their parts with an en dash
FILTERS = ("phase", "region", "outcome")
PARAMS = ("q", *FILTERS, "sort", "page")
PARAM_DEFAULTS: dict[str, object] = {"sort": SchoolSort.NAME, "page": 1}
SELECTS: tuple[tuple[str, str, str], ...] = (
    ("phase", "Phase", ""),
    ("region", "Ofsted region", ""),
    ("outcome", "Latest graded outcome", "Each grade is read on the scale of the framework it was given under"),
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Select:
    name: str
    label: str
    hint: str
    options: list[Option]
    error: str | None


@dataclass(frozen=True)
class SearchResult:
    name: str
    href: str
    details: list[Row]


@dataclass(frozen=True)
class SchoolSearchView:
    title: str
    query: str
    query_error: str | None
    selects: list[Select]
    errors: list[tuple[str, str]]  # (field name, message), for the error summary
    clear_href: str
    searched: bool = False
    results_heading: str = ""
    results_summary: str = ""
    results: list[SearchResult] = field(default_factory=list)
    pagination: Pagination | None = None
    notice: str | None = None
    empty_tips: list[str] = field(default_factory=list)
    unfiltered_href: str | None = None  # the same search without filters, offered when nothing matched


def present_search(form: SchoolSearchForm, page: SchoolSearchPage | None) -> SchoolSearchView:
    """The page for a checked form and its results, or (page None) for a form with errors."""
    if page is None:
        return _form_view(form, title=f"Error: {PAGE_TITLE}")
    data = form.cleaned_data
    query = data["q"]
    return replace(
        _form_view(form, title=_title(query, _is_filtered(data), page)),
        searched=True,
        results_heading=_results_heading(page.count, query, _is_filtered(data)),
        results_summary=_results_summary(page, data["sort"]),
        results=[_result(match) for match in page.matches],
        pagination=_pagination(data, page),
        notice=_notice(page),
        empty_tips=_empty_tips() if page.count == 0 else [],
        unfiltered_href=_search_href(data, phase="", region="", outcome="", page=1)
        if page.count == 0 and _is_filtered(data)
        else None,
    )


def _form_view(form: SchoolSearchForm, *, title: str) -> SchoolSearchView:
    errors = [(name, str(messages[0])) for name, messages in form.errors.items()]
    return SchoolSearchView(
        title=title,
        query=form.data.get("q", ""),
        query_error=dict(errors).get("q"),
        selects=[_select(form, name, label, hint) for name, label, hint in SELECTS]
        + [_sort_select(form.data.get("sort") or SchoolSort.NAME)],
        errors=errors,
        clear_href=reverse("school-search"),
    )


def _select(form: SchoolSearchForm, name: str, label: str, hint: str) -> Select:
    submitted = form.data.get(name, "")
    choices = form.offered[name]
    if submitted and submitted not in dict(choices):
        choices = [*choices, (submitted, submitted)]  # asked for, though the register has none: show it chosen
    options = [Option(value, text, value == submitted) for value, text in choices]
    error = form.errors.get(name)
    return Select(name, label, hint, options, str(error[0]) if error else None)


def _sort_select(submitted: str) -> Select:
    options = [Option(s.value, SORT_LABELS[s], s.value == submitted) for s in SchoolSort]
    return Select("sort", "Sort by", "", options, None)


def _is_filtered(data: dict[str, object]) -> bool:
    return any(data[name] for name in FILTERS)


def _title(query: str, filtered: bool, page: SchoolSearchPage) -> str:
    pages = f" (page {page.number} of {page.num_pages})" if page.number > 1 else ""
    if query:
        return f"Search results for {query}{pages} {DASH} {PAGE_TITLE}"
    if filtered:
        return f"Search results{pages} {DASH} {PAGE_TITLE}"
    return f"{PAGE_TITLE}{pages}"


def _results_heading(count: int, query: str, filtered: bool) -> str:
    if count:
        return f"{number(count)} school{'' if count == 1 else 's'}"
    if query:
        return f"No schools match “{query}”" + (" with these filters" if filtered else "")
    return "No schools match these filters"


def _results_summary(page: SchoolSearchPage, sort: SchoolSort) -> str:
    if not page.count:
        return ""
    shown = f"Showing {number(page.first_position)} to {number(page.last_position)} of {number(page.count)}"
    return f"{shown}, sorted by {SORT_LABELS[sort][0].lower()}{SORT_LABELS[sort][1:]}"


def _result(match: SchoolMatch) -> SearchResult:
    school = match.school
    latest = match.latest_graded
    return SearchResult(
        name=school.name,
        href=reverse("school-detail", args=[school.urn]),
        details=[
            ("URN", str(school.urn)),
            ("Phase", school.phase),
            ("Local authority", school.local_authority),
            ("Postcode", school.postcode or "Not recorded"),
            ("Latest graded inspection", headline(latest) if latest else NO_GRADED_INSPECTION),
        ],
    )


def _search_href(data: dict[str, object], **changes: object) -> str:
    """This search's address with `changes` (another page, no filters), leaving out defaults."""
    params = {name: changes.get(name, data[name]) for name in PARAMS}
    kept = {name: v for name, v in params.items() if v not in ("", None) and v != PARAM_DEFAULTS.get(name)}
    return f"{reverse('school-search')}?{urlencode(kept)}" if kept else reverse("school-search")


def _pagination(data: dict[str, object], page: SchoolSearchPage) -> Pagination | None:
    return pagination(page.number, page.num_pages, lambda n: _search_href(data, page=n))


def _notice(page: SchoolSearchPage) -> str | None:
    if page.count and page.requested_number > page.num_pages:
        return f"There is no page {page.requested_number}: this is the last page, page {page.num_pages}."
    return None


def _empty_tips() -> list[str]:
    return [
        "check the spelling, or search for fewer words: every word must match",
        "search by a 6-digit URN, such as 100000",
        "search by a full postcode, such as RG4 5NA, or only its first part, such as RG4",
        "search by local authority, such as Reading",
    ]
