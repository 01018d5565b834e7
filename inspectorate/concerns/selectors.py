"""Reading concerns and learning reviews: always through these helpers, which take the person asking.

Who sees a concern: the school it is about (its headteacher and responsible body), the senior inspector it is
routed to, the duty desk and administrators. Not the inspection team: the route is independent of the people the
concern may be about; the senior inspector decides what to take up with them (docs/adr/0017).

Who sees a learning review: its owner, the duty desk, senior inspectors and administrators. The public sees only
its findings, once published.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from inspectorate.concerns.models import Concern, LearningReview
from inspectorate.domain.roles import Role
from inspectorate.inspections.errors import NotFound
from inspectorate.inspections.selectors import roles_of

SEE_ALL_CONCERNS = frozenset({Role.DUTY_DESK, Role.ADMINISTRATOR})
SEE_ALL_REVIEWS = frozenset({Role.DUTY_DESK, Role.SENIOR_INSPECTOR, Role.ADMINISTRATOR})
SCHOOL = frozenset({Role.HEADTEACHER, Role.RESPONSIBLE_BODY})


def concerns_for(user: object) -> QuerySet[Concern]:
    base = Concern.objects.select_related("inspection__establishment", "raised_by", "routed_to")
    roles = roles_of(user)
    if roles & SEE_ALL_CONCERNS:
        return base.all()
    visible = Q(pk__in=[])
    if Role.SENIOR_INSPECTOR in roles:
        visible |= Q(routed_to=user)
    if roles & SCHOOL:
        visible |= Q(inspection__establishment__members__user=user)
    return base.filter(visible).distinct()


def concern_for(user: object, concern_id: int) -> Concern:
    found = concerns_for(user).filter(pk=concern_id).first()
    if found is None:
        raise NotFound(f"There is no concern {concern_id} that you can see.")
    return found


def may_list_concerns(user: object) -> bool:
    return bool(roles_of(user) & (SEE_ALL_CONCERNS | SCHOOL | {Role.SENIOR_INSPECTOR}))


def learning_reviews_for(user: object) -> QuerySet[LearningReview]:
    base = LearningReview.objects.select_related("establishment", "inspection", "owner", "opened_by")
    if roles_of(user) & SEE_ALL_REVIEWS:
        return base.all()
    if not getattr(user, "is_authenticated", False):
        return base.none()
    return base.filter(owner_id=getattr(user, "pk", None))


def learning_review_for(user: object, review_id: int) -> LearningReview:
    found = learning_reviews_for(user).filter(pk=review_id).first()
    if found is None:
        raise NotFound(f"There is no learning review {review_id} that you can see.")
    return found


def published_learning_review(review_id: int) -> LearningReview:
    """For the public page: only a review whose findings are published; NotFound before then."""
    found = LearningReview.objects.filter(pk=review_id, findings_published_on__isnull=False).first()
    if found is None:
        raise NotFound(f"There are no published findings for learning review {review_id}.")
    return found


def may_open_learning_review(user: object) -> bool:
    return bool(roles_of(user) & SEE_ALL_REVIEWS)
