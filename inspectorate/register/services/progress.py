"""Progress bars on standard error, so that standard output keeps only the summary (and stays parseable)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from inspectorate.domain.register.files import Follow
from inspectorate.domain.register.tables import NumberedRow


@dataclass(frozen=True)
class Progress:
    enabled: bool = False

    def bar(self, description: str, total: int) -> tqdm[Any]:
        return tqdm(
            total=total,
            desc=description,
            unit=" rows",
            file=sys.stderr,
            disable=not self.enabled,
            dynamic_ncols=True,
            leave=False,
        )

    def follow(self, description: str, total: int) -> Follow:
        def wrapped(rows: Iterator[NumberedRow]) -> Iterable[NumberedRow]:
            with self.bar(description, total) as bar:
                for row in rows:
                    bar.update()
                    yield row

        return wrapped
