"""Progress bars on standard error, so that standard output keeps only the summary (and stays parseable)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm


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
