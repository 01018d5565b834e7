"""Where a school roughly is: the centre of its postcode district (outcode), good to a few kilometres, which is
enough to estimate an inspector's travel. A district missing from the list (a new one, say N1C) leaves the
school without a location rather than guessing one."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

type Point = tuple[float, float]  # latitude, longitude
INWARD_CODE_LENGTH = 3  # "5NA" in "RG4 5NA": always a digit and two letters


@dataclass(frozen=True)
class OutcodeCentres:
    centres: Mapping[str, Point]

    @classmethod
    def from_csv(cls, text: str) -> OutcodeCentres:
        """Read the list (columns include outcode, latitude, longitude)."""
        rows = csv.DictReader(io.StringIO(text, newline=""))
        return cls({row["outcode"].strip().upper(): (float(row["latitude"]), float(row["longitude"])) for row in rows})

    def locate(self, postcode: str) -> Point | None:
        return self.centres.get(outcode_of(postcode))


def outcode_of(postcode: str) -> str:
    """The part before the space; for a postcode written without one, all but the inward code."""
    compact = postcode.upper().replace(" ", "")
    return compact[:-INWARD_CODE_LENGTH] if len(compact) > INWARD_CODE_LENGTH else ""
