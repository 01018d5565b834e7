"""Great-circle distances for many pairs at once, with numpy.

Nationally the greedy baseline, the solver's candidates and the bounds need the distance from every inspector's
home to every school (1,600 x 930 pairs for a half-term); worked out one pair at a time in Python that alone took
several seconds. These functions compute a whole matrix in one pass and round it exactly as
`allocation.haversine_km` followed by `round` does, so a plan costs the same whichever path priced it (a test
compares the two on random points).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from inspectorate.domain.scheduling.workforce import Point

EARTH_RADIUS_KM = 6371.0


def haversine_matrix(sites: Sequence[Point], homes: Sequence[Point]) -> npt.NDArray[np.float64]:
    """Kilometres from each home (columns) to each site (rows), the same formula as `allocation.haversine_km`.

    The operations are done in the same order as the scalar version (home first, then site) so that rounding to
    whole kilometres agrees with it pair by pair.
    """
    if not sites or not homes:
        return np.zeros((len(sites), len(homes)))
    site = np.radians(np.asarray(sites, dtype=np.float64))
    home = np.radians(np.asarray(homes, dtype=np.float64))
    lat1, lon1 = home[:, 0][np.newaxis, :], home[:, 1][np.newaxis, :]
    lat2, lon2 = site[:, 0][:, np.newaxis], site[:, 1][:, np.newaxis]
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


def km_matrix(sites: Sequence[Point], homes: Sequence[Point]) -> npt.NDArray[np.int64]:
    """Whole kilometres, rounded half to even as Python's `round` does (numpy's `rint` uses the same rule)."""
    return np.rint(haversine_matrix(sites, homes)).astype(np.int64)
