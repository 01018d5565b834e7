"""`inspectorate import-term-dates FILE [--dry-run]`: import local authorities' and schools' term dates.

The file format is in docs/term-dates.md. A refused file leaves every calendar as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.domain.register.errors import ImportRefused, RowsRefused, listing
from inspectorate.schoolcalendar.services import ImportReport, term_dates_import

CALENDARS_NAMED = 10  # a national file names hundreds of calendars: show the first few of each kind


class Command(BaseCommand):
    help = "Import term dates (holidays and closures) for local authorities and schools from a CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, writing nothing")

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        try:
            report = term_dates_import(file, dry_run=dry_run)
        except ImportRefused as refused:
            raise CommandError(refusal(file, refused)) from refused
        for line in summary(report):
            self.stdout.write(line)


def refusal(path: Path, refused: ImportRefused) -> str:
    if isinstance(refused, RowsRefused):
        return "\n".join(
            [
                f"Refused {path.name}: {refused}, so nothing was imported:",
                *(f"  {line}" for line in listing(refused.problems)),
                "Fix the file and run the command again.",
            ]
        )
    return f"Refused {path.name}: {refused}. Nothing was imported."


def summary(report: ImportReport) -> list[str]:
    verb, calendars = ("Checked", "Calendars, if imported") if report.dry_run else ("Imported", "Calendars")
    lines = [
        f"{verb} {report.file} ({report.encoding}): {report.holidays_read:,} holidays and closures read "
        f"in {report.calendars_read:,} calendars.",
        f"{calendars}: {len(report.created):,} created, {len(report.replaced):,} replaced, "
        f"{len(report.unchanged):,} unchanged.",
        *_named("created", report.created),
        *_named("replaced", report.replaced),
    ]
    if report.unmatched:
        lines.append(
            f"Calendars naming no local authority or school in the register (check the spelling): "
            f"{_names(report.unmatched)}"
        )
    if report.dry_run:
        lines.append("Dry run: nothing was written.")
    return lines


def _named(what: str, labels: tuple[str, ...]) -> list[str]:
    return [f"  {what}: {_names(labels)}"] if labels else []


def _names(labels: tuple[str, ...]) -> str:
    shown = ", ".join(labels[:CALENDARS_NAMED])
    return shown if len(labels) <= CALENDARS_NAMED else f"{shown} and {len(labels) - CALENDARS_NAMED:,} more"
