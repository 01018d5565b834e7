"""The learning-review pages: the list, opening one, a review's page with its next step, and the public findings."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspectorate.concerns import learning_reviews
from inspectorate.concerns.presenters import Refusal
from inspectorate.concerns.review_presenters import present_open, present_public, present_review, present_review_list
from inspectorate.concerns.selectors import (
    learning_review_for,
    learning_reviews_for,
    may_open_learning_review,
    published_learning_review,
)
from inspectorate.concerns.views import NAV, attempt_on
from inspectorate.inspections.errors import InvalidInput, NotFound, StateConflict
from inspectorate.web.refusals import forbidden, found


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = list(learning_reviews_for(request.user).order_by("-opened_at", "-pk"))
    if not reviews and not may_open_learning_review(request.user):
        return forbidden(
            request, "Learning reviews are for the duty desk, senior inspectors and their owners.", nav=NAV
        )
    context = {
        "rows": present_review_list(reviews, timezone.localdate()),
        "may_open": may_open_learning_review(request.user),
        "active_nav": NAV,
    }
    return render(request, "concerns/reviews.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_open(request: HttpRequest) -> HttpResponse:
    if not may_open_learning_review(request.user):
        return forbidden(
            request, "Only the duty desk, a senior inspector or an administrator can open a learning review.", nav=NAV
        )
    if request.method == "GET":
        initial = {"inspection_id": request.GET.get("inspection", "")}
        return render(request, "concerns/review_open.html", {"view": present_open(initial, {}), "active_nav": NAV})
    errors: dict[str, str] = {}
    conflict = ""
    raw_id = request.POST.get("inspection_id", "").strip()
    if not raw_id.isdigit():
        errors["inspection_id"] = "must be the inspection's number, for example 42"
    else:
        try:
            review = learning_reviews.learning_review_open(
                user=request.user,
                inspection_id=int(raw_id),
                incident=request.POST.get("incident", ""),
                owner_username=request.POST.get("owner_username", ""),
            )
        except NotFound:
            errors["inspection_id"] = f"there is no inspection {raw_id}"
        except InvalidInput as err:
            errors = err.field_errors
        except StateConflict as err:
            conflict = err.message
        else:
            messages.success(request, f"Learning review {review.reference} is open. It shows on the duty desk.")
            return redirect("learning-review-detail", review.pk)
    view = present_open(request.POST, errors, conflict)
    return render(
        request, "concerns/review_open.html", {"view": view, "active_nav": NAV}, status=409 if conflict else 422
    )


@login_required
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_page(request, review_id)


def _review_page(
    request: HttpRequest, review_id: int, refusal: Refusal | None = None, status: int = 200
) -> HttpResponse:
    review = found(lambda: learning_review_for(request.user, review_id))
    view = present_review(request.user, review, refusal)
    return render(request, "concerns/review.html", {"view": view, "active_nav": NAV}, status=status)


_attempt = partial(attempt_on, page=_review_page, detail="learning-review-detail")


@login_required
@require_POST
def review_terms(request: HttpRequest, review_id: int) -> HttpResponse:
    return _attempt(
        request,
        review_id,
        "terms",
        lambda: learning_reviews.learning_review_record_terms(
            user=request.user, review_id=review_id, terms=request.POST.get("terms", "")
        ),
        "The terms of reference are recorded.",
    )


@login_required
@require_POST
def review_report(request: HttpRequest, review_id: int) -> HttpResponse:
    return _attempt(
        request,
        review_id,
        "report",
        lambda: learning_reviews.learning_review_record_report(
            user=request.user, review_id=review_id, report=request.POST.get("report", "")
        ),
        "The report is recorded.",
    )


@login_required
@require_POST
def review_publish(request: HttpRequest, review_id: int) -> HttpResponse:
    return _attempt(
        request,
        review_id,
        "publish",
        lambda: learning_reviews.learning_review_publish_findings(
            user=request.user,
            review_id=review_id,
            findings=request.POST.get("findings", ""),
            no_personal_details=request.POST.get("no_personal_details") == "true",
        ),
        "The findings are published on the public page. The review leaves the duty desk.",
    )


@require_GET
def review_public(request: HttpRequest, review_id: int) -> HttpResponse:
    review = found(lambda: published_learning_review(review_id))
    return render(request, "concerns/review_public.html", {"view": present_public(review)})
