from django.http import HttpRequest, HttpResponse


def headline_statistics(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
