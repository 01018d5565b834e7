"""`inspectorate raise-alerts [--today DATE]`: raise alerts for missed targets. Run it on a schedule (hourly)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.alerts.services import alerts_raise, open_alerts


class Command(BaseCommand):
    help = "Raise alerts for reports past their publication target, and resolve those now published."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the date to check against, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as err:
                raise CommandError(f"--today {options['today']!r} is not a date; write it as YYYY-MM-DD") from err
        report = alerts_raise(today=today)
        self.stdout.write(f"Raised {report.raised}, resolved {report.resolved}; {report.open} open.")
        for alert in open_alerts():
            self.stdout.write(f"- {alert.message}")
