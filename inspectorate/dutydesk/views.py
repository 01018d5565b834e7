"""The duty desk: one page listing everything that needs attention now, from every mechanism's provider."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from inspectorate.dutydesk.access import may_use_duty_desk
from inspectorate.dutydesk.items import collect
from inspectorate.dutydesk.presenters import present_duty_desk
from inspectorate.web.refusals import forbidden

NAV = "duty-desk"


@login_required
@require_GET
def duty_desk(request: HttpRequest) -> HttpResponse:
    if not may_use_duty_desk(request.user):
        return forbidden(request, "The duty desk is for the duty desk, senior inspectors and administrators.", nav=NAV)
    now = timezone.now()
    view = present_duty_desk(collect(now), now)
    return render(request, "dutydesk/duty_desk.html", {"view": view, "active_nav": NAV})
