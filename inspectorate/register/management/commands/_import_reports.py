"""What the import commands print: a summary a person can read at a glance, and refusals that say what to fix.
(A leading underscore keeps Django from taking this module for a command.)"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from itertools import islice
from pathlib import Path

from inspectorate.domain.register.changes import Tally
from inspectorate.domain.register.errors import ImportRefused, RowProblem, RowsRefused, listing
from inspectorate.register.services import LinksImportSummary, RegisterImportSummary
from inspectorate.register.services.links_imports import LinkKey
from inspectorate.register.services.register_imports import InspectionKey

FIELDS_LISTED = 8


def refusal(path: Path, refused: ImportRefused) -> str:
    if isinstance(refused, RowsRefused):
        return "\n".join(
            [
                f"Refused {path.name}: {refused}, so nothing was imported:",
                *(f"  {line}" for line in listing(refused.problems)),
                "Fix the file, or run again with --skip-bad-rows to import the other rows.",
            ]
        )
    return f"Refused {path.name}: {refused}. Nothing was imported."


def register_report(summary: RegisterImportSummary) -> list[str]:
    return [
        _heading(summary.file, summary.mapping, summary.encoding, summary.rows_read),
        *_tally("Schools", summary.establishments, lambda urn: f"URN {urn}"),
        *_tally("Inspections", summary.inspections, _inspection_key),
        *_rejected(summary.rejected_rows, summary.rejected),
        f"Schools without a location (postcode district unknown): {summary.without_location:,}",
        f"Schools in the register but not in this file (kept as they were): {summary.not_in_file:,}",
    ]


def links_report(summary: LinksImportSummary) -> list[str]:
    return [
        _heading(summary.file, summary.mapping, summary.encoding, summary.rows_read),
        *_tally("Links", summary.links, _link_key),
        *_rejected(summary.rejected_rows, summary.rejected),
        f"Links naming a school not in the register (kept, by URN): {summary.to_unregistered:,}",
    ]


def _heading(file: str, mapping: str, encoding: str, rows: int) -> str:
    return f"Imported {file} ({mapping}, {encoding}): {rows:,} rows read."


def _tally[K: Hashable](noun: str, tally: Tally[K], describe: Callable[[K], str]) -> list[str]:
    lines = [f"{noun}: {tally.created:,} created, {tally.updated:,} updated, {tally.unchanged:,} unchanged."]
    if tally.fields_changed:
        fields = islice(tally.fields_changed.items(), FIELDS_LISTED)
        lines.append("  changed: " + ", ".join(f"{name} {count:,}" for name, count in fields))
        lines += [f"  e.g. {describe(u.key)}: {', '.join(u.changed)}" for u in tally.examples]
    return lines


def _rejected(rows: int, problems: tuple[RowProblem, ...]) -> list[str]:
    if not rows:
        return ["Rejected: 0 rows."]
    return [f"Rejected: {rows:,} rows, left out:", *(f"  {line}" for line in listing(problems))]


def _inspection_key(key: InspectionKey) -> str:
    urn, number = key
    return f"inspection {number} of URN {urn}"


def _link_key(key: LinkKey) -> str:
    urn, link_urn, link_type = key
    return f"URN {urn} {link_type} {link_urn}"
