"""`inspectorate create-demo-inspections [--today YYYY-MM-DD]`: the demo's fictional schools and their inspections."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.inspections.demo import DemoSetupError, state_label
from inspectorate.inspections.demo_mechanisms import demo_create_all


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--today {value!r} is not a date; write it as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Create (or rebuild) fictional schools with inspections in every lifecycle state (demo databases only; "
        "run create-demo-accounts first)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=str, help="the date the demo treats as today (default: the real date)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["today"]) if options["today"] else None
        try:
            whole = demo_create_all(today=today)
        except DemoSetupError as err:
            raise CommandError(str(err)) from err
        report = whole.inspections
        replaced = f"; {report.replaced} from the previous run replaced" if report.replaced else ""
        self.stdout.write(
            f"Demo inspections: {len(report.inspections)} at {len(report.schools)} fictional schools "
            f"(URNs from 8000001){replaced}."
        )
        for inspection in sorted(report.inspections, key=lambda i: (list(report.counts()).index(i.state), i.urn)):
            self.stdout.write(
                f"  {state_label(inspection.state):<36} {inspection.reference}  {inspection.framework:<16} "
                f"{inspection.school} (URN {inspection.urn})"
            )
        for app, lines in whole.mechanisms.items():
            self.stdout.write(f"Demo {app}:")
            for line in lines:
                self.stdout.write(f"  {line}")
