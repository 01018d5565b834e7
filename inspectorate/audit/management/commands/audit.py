"""`inspectorate audit verify` checks the trail; `inspectorate audit anchor` writes its head to the anchor file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.audit.services import AnchorFileError, audit_anchor_now, audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain against its anchors, or write an anchor now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("operation", choices=["verify", "anchor"], help="verify the chain, or anchor its head")
        parser.add_argument("--anchor-file", type=Path, help="the anchor file (default: AUDIT_ANCHOR_FILE)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["anchor_file"]
        if options["operation"] == "anchor":
            anchor = audit_anchor_now(path)
            if anchor is None:
                self.stdout.write("The audit trail is empty: nothing to anchor.")
            else:
                self.stdout.write(f"Anchored entry {anchor.sequence} ({anchor.entry_hash[:12]}…).")
            return
        try:
            report = audit_verify(path)
        except AnchorFileError as err:
            raise CommandError(str(err)) from err
        if report.intact:
            self.stdout.write(
                self.style.SUCCESS(
                    f"The audit trail is intact: {report.entries:,} entries; {report.anchors:,} anchors checked."
                )
            )
            return
        for problem in report.breaks:
            self.stderr.write(f"Entry {problem.sequence}: {problem.problem}")
        raise CommandError(
            f"The audit trail has been altered: {len(report.breaks)} problem(s) in {report.entries:,} entries; "
            f"the first is at entry {report.breaks[0].sequence}."
        )
