"""The public pages of the national register: find a school, and a school's page."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspectorate.register import selectors
from inspectorate.register.forms import SchoolSearchForm
from inspectorate.register.presenters.school import present_school
from inspectorate.register.presenters.search import present_search
from inspectorate.web.page_cache import public_page


@require_GET
@public_page
def school_search(request: HttpRequest) -> HttpResponse:
    form = SchoolSearchForm(request.GET, phases=selectors.phases(), regions=selectors.ofsted_regions())
    page = selectors.school_search(**form.search_arguments()) if form.is_valid() else None
    context = {"view": present_search(form, page), "active_nav": "schools"}
    return render(request, "register/school_search.html", context)


@require_GET
@public_page
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    record = selectors.school_detail(urn=urn)
    if record is None:
        raise Http404("No school with that URN is in the register")
    return render(request, "register/school_detail.html", {"view": present_school(record), "active_nav": "schools"})
