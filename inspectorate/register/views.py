from django.http import HttpRequest, HttpResponse


def school_search(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError


def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    raise NotImplementedError
