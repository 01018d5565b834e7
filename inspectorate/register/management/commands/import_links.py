from collections.abc import Iterable
from pathlib import Path

from inspectorate.register.management.commands._import_command import ImportCommand
from inspectorate.register.management.commands._import_reports import links_report
from inspectorate.register.services import LinksImportSummary, links_import


class Command(ImportCommand):
    help = (
        "Import a GIAS links file (URN, LinkURN, LinkName, LinkType, LinkEstablishedDate; CSV, Windows-1252 or "
        "UTF-8, plain or gzip-compressed). All or nothing; re-importing updates in place."
    )

    def run_import(self, *, path: Path, skip_bad_rows: bool, progress: bool) -> LinksImportSummary:
        return links_import(path=path, skip_bad_rows=skip_bad_rows, progress=progress)

    def report(self, summary: LinksImportSummary) -> Iterable[str]:
        return links_report(summary)
