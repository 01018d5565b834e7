"""The whole demo: the lifecycle's fictional inspections, then each welfare mechanism's records on top of them.

Each mechanism's app owns its demo records (`inspectorate/<app>/demo.py`, `demo_create(today=)`); this runs them
in order, in one transaction, after the inspections they attach to. Every one replaces its previous run's records.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspectorate.inspections.demo import DemoReport, demo_inspections_create

# Readiness first (the others' inspectors), then the mechanisms that attach to inspections, then the messages.
MECHANISMS = ("workforce", "welfare", "deferrals", "concerns", "portal", "notifications")


@dataclass(frozen=True)
class WholeDemo:
    inspections: DemoReport
    mechanisms: dict[str, list[str]]


def demo_create_all(*, today: dt.date | None = None) -> WholeDemo:
    day = today or timezone.localdate()
    with transaction.atomic():
        inspections = demo_inspections_create(today=day)
        made = {}
        for app in MECHANISMS:
            module = importlib.import_module(f"inspectorate.{app}.demo")
            made[app] = list(module.demo_create(today=day))
    return WholeDemo(inspections=inspections, mechanisms=made)
