"""Shared test set-up. Domain tests need no database; service and web tests use whichever DATABASE_URL names
(SQLite by default; `make test` runs them on PostgreSQL too); browser journeys run on PostgreSQL only."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests check behaviour, never speed: on a busy shared machine (CI runs every worker at once) Hypothesis's
# timing checks fail tests that are correct, so its deadline and "too slow" health check are off for the suite.
settings.register_profile(
    "inspectorate", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("inspectorate")

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHIPPED_DATA = PROJECT_DIR / "inspectorate" / "data"
REGISTER_FILE = SHIPPED_DATA / "ofsted_state_funded_schools_as_at_31_Aug_2025.csv.gz"
LINKS_FILE = SHIPPED_DATA / "gias_links_edubasealldata20250422.csv.gz"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
