"""`inspectorate due --from DATE [--urn URN ...] [--limit N] [--json]`: who is due for inspection, and why."""

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.planning.selectors import due_queue_of, schools_on_register


class Command(BaseCommand):
    help = "The queue of schools due for inspection on the plan's start date, each with its reason."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="the plan's start date, YYYY-MM-DD")
        parser.add_argument("--urn", type=int, action="append", help="only these schools (repeatable)")
        parser.add_argument("--limit", type=int, default=20, help="how many to show (default 20; 0 for all)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["start"])
        except ValueError as err:
            raise CommandError(f"--from {options['start']!r} is not a date; write it as YYYY-MM-DD") from err
        if options["limit"] < 0:
            raise CommandError("--limit cannot be negative")
        schools = schools_on_register(urns=options["urn"])
        if options["urn"] and len(schools) != len(set(options["urn"])):
            missing = sorted(set(options["urn"]) - {s.urn for s in schools})
            raise CommandError(f"No school in the register has URN {', '.join(map(str, missing))}")
        queue = due_queue_of(schools, start)
        shown = queue if options["limit"] == 0 else queue[: options["limit"]]
        if options["json"]:
            payload = [
                {
                    "urn": e.urn,
                    "rule": e.rule.name,
                    "inspection": e.rule.inspection,
                    "verified": e.rule.verified,
                    "policy": e.policy_name,
                    "policy_effective_from": e.policy_effective_from.isoformat(),
                    "due_date": e.due_date.isoformat(),
                    "statutory_latest": e.statutory_latest.isoformat() if e.statutory_latest else None,
                    "priority": e.priority,
                    "factors": [{"name": f.name, "points": f.points, "reason": f.reason} for f in e.factors],
                }
                for e in shown
            ]
            self.stdout.write(json.dumps({"from": start.isoformat(), "due": len(queue), "entries": payload}, indent=2))
            return
        self.stdout.write(f"{len(queue):,} schools in the queue on {start:%d %B %Y}; showing {len(shown):,}.\n")
        for entry in shown:
            self.stdout.write(entry.explain() + "\n")
