"""`inspectorate stats --as-at DATE [--published-by DATE] [--json]`: the official statistics' headline figures."""

import datetime as dt
import json
import re
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from inspectorate.domain.statistics import HeadlineStatistics
from inspectorate.statistics.selectors import headline_statistics_as_at
from inspectorate.statistics.tables import headline_table

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _date_option(option: str, text: str) -> dt.date:
    try:
        if _ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise CommandError(f"{option} must be a real date in the format YYYY-MM-DD, for example 2025-08-31; got {text!r}")


class Command(BaseCommand):
    help = (
        "Headline figures of Ofsted's official statistics (state-funded schools inspections and outcomes) as at a "
        "date, counting inspections published by a cut-off (default: 30 days after the as-at date)."
    )
    requires_system_checks = []  # a read-only report: skip the checks' fixed cost (about 0.2 s)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--as-at", required=True, metavar="YYYY-MM-DD", help="the date the figures are as at")
        parser.add_argument(
            "--published-by",
            metavar="YYYY-MM-DD",
            help="count only inspections published on or before this date (default: 30 days after --as-at)",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")

    def handle(self, *args: Any, **options: Any) -> None:
        as_at = _date_option("--as-at", options["as_at"])
        published_by = None
        if options["published_by"] is not None:
            published_by = _date_option("--published-by", options["published_by"])
            if published_by < as_at:
                raise CommandError(
                    f"--published-by ({published_by:%Y-%m-%d}) must be on or after --as-at ({as_at:%Y-%m-%d}); "
                    "both in the format YYYY-MM-DD"
                )
        try:
            statistics = headline_statistics_as_at(as_at=as_at, published_by=published_by)
        except ValueError as error:
            raise CommandError(f"{error} (--published-by, format YYYY-MM-DD)") from None
        self.stdout.write(self._json(statistics) if options["json"] else headline_table(statistics))

    @staticmethod
    def _json(statistics: HeadlineStatistics) -> str:
        return json.dumps(statistics.as_dict(), indent=2)
