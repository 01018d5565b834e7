"""`inspectorate send-due-messages [--after-restart]`: send what the outbox holds that is due, and flag sends that
were interrupted. The worker sends each message as it is queued; run this on a schedule (every few minutes) as a
safety net, and with --after-restart just before a lone worker starts (scripts/demo.sh does)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from inspectorate.notifications.sending import messages_send_due


class Command(BaseCommand):
    help = "Send outbox messages that are due (new, or failed and past their back-off); flag interrupted sends."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--after-restart",
            action="store_true",
            help="every message still marked sending was interrupted by the last worker's end: flag them all "
            "(use only when no other worker is running)",
        )
        parser.add_argument("--limit", type=int, default=500, help="send at most this many (default: 500)")

    def handle(self, *args: Any, **options: Any) -> None:
        report = messages_send_due(after_restart=options["after_restart"], limit=options["limit"])
        self.stdout.write(str(report))
