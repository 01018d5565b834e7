from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspectorate.domain.statistics import KEY_JUDGEMENT_NAMES
from inspectorate.statistics.forms import AS_AT, PUBLISHED_BY, statistics_query
from inspectorate.statistics.selectors import headline_statistics_as_at
from inspectorate.web.page_cache import public_page


@require_GET
@public_page
def headline_statistics(request: HttpRequest) -> HttpResponse:
    """The official statistics' headline figures as at a date the reader chooses (default 31 August 2025)."""
    query = statistics_query(request.GET)
    context = {
        "query": query,
        "date_fields": (AS_AT, PUBLISHED_BY),
        "judgement_names": KEY_JUDGEMENT_NAMES,
        "statistics": None,
        "active_nav": "statistics",
    }
    if query.period is None:
        return render(request, "statistics/headline.html", context, status=400)
    period = query.period
    context["statistics"] = headline_statistics_as_at(as_at=period.as_at, published_by=period.published_by)
    return render(request, "statistics/headline.html", context)
