"""What the two import commands share: their options, the refusal as a CommandError, the printed summary.
(A leading underscore keeps Django from taking this module for a command.)"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from inspectorate.domain.register.errors import ImportRefused
from inspectorate.register.management.commands._import_reports import refusal


class ImportCommand(BaseCommand):
    def run_import(self, *, path: Path, skip_bad_rows: bool, progress: bool) -> Any:
        raise NotImplementedError

    def report(self, summary: Any) -> Iterable[str]:
        raise NotImplementedError

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--skip-bad-rows", action="store_true", help="import the good rows and list the bad ones")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, file: Path, skip_bad_rows: bool, no_progress: bool, **options: Any) -> None:
        progress = not no_progress and sys.stderr.isatty()
        try:
            summary = self.run_import(path=file, skip_bad_rows=skip_bad_rows, progress=progress)
        except ImportRefused as refused:
            raise CommandError(refusal(file, refused)) from refused
        for line in self.report(summary):
            self.stdout.write(line)
