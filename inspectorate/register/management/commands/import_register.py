from collections.abc import Iterable
from pathlib import Path

from inspectorate.register.management.commands._import_command import ImportCommand
from inspectorate.register.management.commands._import_reports import register_report
from inspectorate.register.services import RegisterImportSummary, register_import


class Command(ImportCommand):
    help = (
        "Import Ofsted's provider-level file of state-funded schools and their inspections (CSV, UTF-8 or "
        "Windows-1252, plain or gzip-compressed). All or nothing; re-importing updates in place."
    )

    def run_import(self, *, path: Path, skip_bad_rows: bool, progress: bool) -> RegisterImportSummary:
        return register_import(path=path, skip_bad_rows=skip_bad_rows, progress=progress)

    def report(self, summary: RegisterImportSummary) -> Iterable[str]:
        return register_report(summary)
