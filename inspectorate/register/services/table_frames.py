"""Whole tables in and out as polars frames, for comparing and writing a register file in bulk, on SQLite and
PostgreSQL alike.

A frame's columns are the model's field attnames, typed as polars types (text, whole numbers, floats, booleans,
dates). On PostgreSQL rows travel both ways by COPY (see postgres_copy), with no Python object per value. On
SQLite they are read as JSON arrays (see sqlite_json), and written by executemany of a one-row INSERT over plain
tuples, dates as the ISO text Django stores, so that no Django field code runs per value: fewer, longer
statements measured slower there. Model save() and signals are bypassed: register rows have none (ADR 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from django.db import connection, models

from inspectorate.register.services import postgres_copy, sqlite_json
from inspectorate.register.services.progress import Progress
from inspectorate.register.services.sql_names import quoted_column, quoted_table

BATCH_SIZE = 2000  # rows per executemany, and per step of the progress bar
ISO_DATE = "%Y-%m-%d"
FIELD_TYPES: tuple[tuple[type[Any] | tuple[type[Any], ...], pl.DataType], ...] = (
    (models.BooleanField, pl.Boolean()),
    (models.DateField, pl.Date()),  # a DateTimeField is one too, and refused first
    (models.FloatField, pl.Float64()),
    (models.IntegerField, pl.Int64()),  # the auto fields (primary keys) too
    ((models.CharField, models.TextField), pl.String()),
)


def stored_frame(model: type[models.Model], names: Sequence[str]) -> pl.DataFrame:
    """Every row of the model's table, with the named fields."""
    fields = [_field(model, name) for name in names]
    schema = {field.attname: polars_type(field) for field in fields}
    if connection.vendor == "postgresql":
        return postgres_copy.copied_out(model, fields, schema)
    return sqlite_json.json_columns(model, fields, schema)


def insert_frame(model: type[models.Model], frame: pl.DataFrame, *, progress: Progress, description: str) -> None:
    """Insert the rows; a field the frame lacks takes the model's default."""
    if frame.is_empty():
        return
    frame = with_defaults(model, frame)
    if connection.vendor == "postgresql":
        postgres_copy.copy_in(model, frame, progress=progress, description=description)
        return
    names = ", ".join(quoted_column(model, name) for name in frame.columns)
    marks = ", ".join(["%s"] * frame.width)
    statement = f"INSERT INTO {quoted_table(model)} ({names}) VALUES ({marks})"  # noqa: S608 - identifiers from the model
    _execute_in_batches(statement, frame, progress=progress, description=description)


def update_frame(
    model: type[models.Model], frame: pl.DataFrame, *, key: Sequence[str], progress: Progress, description: str
) -> None:
    """Set the frame's other fields on the row with the same `key` values."""
    if frame.is_empty():
        return
    if connection.vendor == "postgresql":
        postgres_copy.copy_update(model, frame, key=key, progress=progress, description=description)
        return
    setting = [name for name in frame.columns if name not in key]
    assignments = ", ".join(f"{quoted_column(model, name)} = %s" for name in setting)
    matching = " AND ".join(f"{quoted_column(model, name)} = %s" for name in key)
    statement = f"UPDATE {quoted_table(model)} SET {assignments} WHERE {matching}"  # noqa: S608 - identifiers from the model
    _execute_in_batches(statement, frame.select(*setting, *key), progress=progress, description=description)


def with_defaults(model: type[models.Model], frame: pl.DataFrame) -> pl.DataFrame:
    """Every stored field (all but the primary key), those the frame lacks at the model's default."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    missing = [
        pl.lit(field.get_default(), dtype=polars_type(field)).alias(field.attname)
        for field in fields
        if field.attname not in frame.columns
    ]
    return frame.with_columns(missing).select(field.attname for field in fields)


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is a relation, not a field of its own")
    return field


def polars_type(field: Any) -> pl.DataType:
    if isinstance(field, models.ForeignKey):
        return polars_type(field.target_field)
    if isinstance(field, models.DateTimeField):
        raise TypeError(f"{field} holds a time, which the bulk import does not write")  # no register table does
    for kinds, kind in FIELD_TYPES:
        if isinstance(field, kinds):
            return kind
    raise TypeError(f"{field} is of a kind the bulk import does not write")


def _execute_in_batches(statement: str, frame: pl.DataFrame, *, progress: Progress, description: str) -> None:
    with progress.bar(description, frame.height) as bar, connection.cursor() as cursor:
        for batch in frame.iter_slices(BATCH_SIZE):
            cursor.executemany(statement, _tuples(batch))
            bar.update(batch.height)


def _tuples(frame: pl.DataFrame) -> list[tuple[Any, ...]]:
    columns = (column.dt.to_string(ISO_DATE) if column.dtype == pl.Date else column for column in frame.iter_columns())
    return list(zip(*(column.to_list() for column in columns), strict=True))
