"""`inspectorate escalate-concerns [--now MOMENT]`: escalate concerns past their acknowledgement target to the
duty desk. Run it on a schedule (every few minutes in working hours); running it again escalates nothing twice."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from inspectorate.concerns.services import concerns_escalate


class Command(BaseCommand):
    help = "Escalate to the duty desk every open concern not acknowledged by its target."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="the moment to check against, YYYY-MM-DDTHH:MM in UK time (default: now)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = None
        if options["now"]:
            try:
                now = dt.datetime.fromisoformat(options["now"])
            except ValueError as err:
                raise CommandError(f"--now {options['now']!r} is not a moment; write it as YYYY-MM-DDTHH:MM") from err
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        escalated = concerns_escalate(now=now)
        self.stdout.write(f"Escalated {len(escalated)} concern(s) to the duty desk.")
        for concern in escalated:
            self.stdout.write(f"- {concern.reference}: {concern.inspection.establishment.name}")
