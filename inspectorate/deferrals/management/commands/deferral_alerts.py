"""`inspectorate deferral-alerts [--now ISO-TIME]`: alert the duty desk to deferral requests past their response
target. Run it on a schedule (every few minutes); it alerts each request once."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from inspectorate.deferrals.services import deferral_alerts_raise
from inspectorate.deferrals.services.alerts import overdue_requests
from inspectorate.deferrals.services.common import at_time


class Command(BaseCommand):
    help = "Alert the duty desk to deferral requests not decided by their response target."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to check against, e.g. 2026-03-02T15:00 (default: now)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as err:
                raise CommandError(f"--now {options['now']!r} is not a time; write it as 2026-03-02T15:00") from err
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        alerted = deferral_alerts_raise(now=now)
        waiting = overdue_requests(now)
        self.stdout.write(f"Alerted the duty desk to {alerted}; {len(waiting)} overdue in all.")
        for request in waiting:
            self.stdout.write(
                f"- {request.inspection.establishment.name} ({request.inspection.reference}): due by "
                f"{at_time(request.response_due_at)}"
            )
