import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.domain.register.errors import ImportRefused
from inspectorate.register.management.commands._import_reports import refusal, register_report
from inspectorate.register.services import register_import


class Command(BaseCommand):
    help = (
        "Import Ofsted's provider-level file of state-funded schools and their inspections (CSV, UTF-8 or "
        "Windows-1252, plain or gzip-compressed). All or nothing; re-importing updates in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows and list the bad ones")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, file: Path, skip_bad_rows: bool, no_progress: bool, **options: Any) -> None:
        progress = not no_progress and sys.stderr.isatty()
        try:
            summary = register_import(path=file, skip_bad_rows=skip_bad_rows, progress=progress)
        except ImportRefused as refused:
            raise CommandError(refusal(file, refused)) from refused
        for line in register_report(summary):
            self.stdout.write(line)
