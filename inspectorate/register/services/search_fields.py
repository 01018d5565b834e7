"""Keep the fields "Find a school" reads on each establishment: its folded search words, and its latest graded
inspection's date, framework and overall grade. Computed in bulk from the stored rows, so the register import
(which bypasses model save()) and the test builders call this one service after they write."""

from __future__ import annotations

from collections.abc import Collection

import polars as pl
from django.db import transaction

from inspectorate.domain.school_query import school_search_text
from inspectorate.register.models import Establishment, RecordedInspection
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.table_frames import stored_frame, update_frame

KEPT = ("search_text", "latest_graded_on", "latest_graded_framework", "latest_graded_overall")


@transaction.atomic
def establishment_search_fields_refresh(*, establishment_ids: Collection[int] | None = None) -> int:
    """Recompute the search fields of these establishments (all when None); write only those that changed.
    Returns how many establishments were written."""
    schools = stored_frame(Establishment, ["id", "name", "local_authority", "postcode", *KEPT])
    if establishment_ids is not None:
        schools = schools.filter(pl.col("id").is_in(list(establishment_ids)))
    fresh = _fresh_fields(schools)
    stale = pl.any_horizontal(pl.col(name).ne_missing(pl.col(f"{name}_fresh")) for name in KEPT)
    changed = fresh.filter(stale).select("id", *(pl.col(f"{name}_fresh").alias(name) for name in KEPT))
    update_frame(Establishment, changed, key=["id"], progress=Progress(enabled=False), description="")
    return changed.height


def _fresh_fields(schools: pl.DataFrame) -> pl.DataFrame:
    texts = [
        school_search_text(name=name, local_authority=authority, postcode=postcode)
        for name, authority, postcode in schools.select("name", "local_authority", "postcode").iter_rows()
    ]
    return (
        schools.with_columns(pl.Series("search_text_fresh", texts, dtype=pl.String))
        .join(_latest_graded(), left_on="id", right_on="establishment_id", how="left")
        .with_columns(
            pl.col("latest_graded_framework_fresh").fill_null(""), pl.col("latest_graded_overall_fresh").fill_null("")
        )
    )


def _latest_graded() -> pl.DataFrame:
    """Each school's latest graded inspection: the newest start date, then the highest inspection number."""
    names = ["establishment_id", "kind", "start_date", "inspection_number", "framework", "overall_effectiveness"]
    graded = stored_frame(RecordedInspection, names).filter(pl.col("kind") == RecordedInspection.Kind.GRADED)
    return (
        graded.sort("start_date", "inspection_number")
        .group_by("establishment_id")
        .last()
        .select(
            "establishment_id",
            pl.col("start_date").alias("latest_graded_on_fresh"),
            pl.col("framework").alias("latest_graded_framework_fresh"),
            pl.col("overall_effectiveness").alias("latest_graded_overall_fresh"),
        )
    )
