"""The file an import reads, and what the register's columns can hold."""

from __future__ import annotations

from pathlib import Path

from django.db import models

from inspectorate.domain.register.decoding import SourceText, source_text
from inspectorate.domain.register.errors import FileRefused
from inspectorate.domain.register.mappings import ColumnMapping
from inspectorate.domain.register.outcodes import OutcodeCentres
from inspectorate.domain.register.tables import Table, table_of

OUTCODE_CENTRES = Path(__file__).resolve().parents[2] / "data" / "uk_postcode_outcode_centroids.csv"
SOURCE_LENGTH = 120  # Establishment.source


def source_table(path: Path) -> tuple[SourceText, Table]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"cannot read {path}: {error.strerror}") from None
    source = source_text(raw)
    return source, table_of(source.text, utf8=source.utf8)


def text_limits(entity: str, model: type[models.Model]) -> dict[str, int]:
    """The longest text each of the model's fields holds: checked while reading, so that PostgreSQL never
    refuses a value halfway through the write."""
    return {
        f"{entity}.{field.name}": field.max_length
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField) and field.max_length is not None
    }


def outcode_centres() -> OutcodeCentres:
    return OutcodeCentres.from_csv(OUTCODE_CENTRES.read_text(encoding="utf-8"))


def source_label(mapping: ColumnMapping, path: Path) -> str:
    return f"{mapping.label}: {path.name}"[:SOURCE_LENGTH]
