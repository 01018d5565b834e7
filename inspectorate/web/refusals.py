"""How a page answers when a selector or service refuses, written once so that every app refuses the same way:
NotFound 404, NotAllowed 403 (saying why), InvalidInput 422 and StateConflict 409 (the page again, saying why)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from inspectorate.inspections.errors import InvalidInput, LifecycleError, NotAllowed, NotFound, StateConflict

# What the page shows again after a refused form: the error (its field errors or its conflict) and the status.
type PageAgain = Callable[[InvalidInput | StateConflict, int], HttpResponse]


def forbidden(request: HttpRequest, message: str, *, nav: str) -> HttpResponse:
    """403, saying who may do this, inside the navigation of the part of the service the person was in."""
    return render(request, "inspections/forbidden.html", {"message": message, "active_nav": nav}, status=403)


def found[T](lookup: Callable[[], T]) -> T:
    """What the selector finds for this person; a 404 where it finds nothing they may see."""
    try:
        return lookup()
    except NotFound as err:
        raise Http404(err.message) from err


def refused(request: HttpRequest, err: LifecycleError, *, nav: str, page_again: PageAgain) -> HttpResponse:
    """A service's refusal as a response; an error of any other kind is a bug and is raised again."""
    if isinstance(err, NotFound):
        raise Http404(err.message) from err
    if isinstance(err, NotAllowed):
        return forbidden(request, err.message, nav=nav)
    if isinstance(err, InvalidInput):
        return page_again(err, 422)
    if isinstance(err, StateConflict):
        return page_again(err, 409)
    raise err


def attempt[T](
    request: HttpRequest,
    service: Callable[[], T],
    *,
    nav: str,
    page_again: PageAgain,
    done: Callable[[T], HttpResponse],
) -> HttpResponse:
    """Run one form's service: `done` with what it made, or the refusal as a response."""
    try:
        result = service()
    except LifecycleError as err:
        return refused(request, err, nav=nav, page_again=page_again)
    return done(result)
