"""Whole tables in and out of PostgreSQL by COPY, as CSV that polars writes and reads: the rows never become
Python objects, and the server parses them in bulk. Updates go through a temporary table: COPY into it, then one
UPDATE ... FROM. In CSV, an unquoted empty field is NULL and "" is empty text, as polars writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from django.db import connection, models

from inspectorate.register.services.progress import Progress
from inspectorate.register.services.sql_names import quoted_column, quoted_table

ROWS_PER_CHUNK = 5000  # CSV written and sent per step of the progress bar
STAGE = "register_import_stage"  # the temporary table updates pass through: the session's own, in pg_temp


def copied_out(model: type[models.Model], fields: Sequence[Any], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    selected = ", ".join(_as_text(model, field) for field in fields)
    statement = f"COPY (SELECT {selected} FROM {quoted_table(model)}) TO STDOUT (FORMAT csv)"  # noqa: S608
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        data = b"".join(copy)
    if not data:
        return pl.DataFrame(schema=dict(schema))
    text = pl.read_csv(data, has_header=False, new_columns=list(schema), infer_schema=False)
    return text.select(_typed(name, kind) for name, kind in schema.items())


def copy_in(model: type[models.Model], frame: pl.DataFrame, *, progress: Progress, description: str) -> None:
    with progress.bar(description, frame.height) as bar:
        _copy(quoted_table(model), model, frame, bar.update)


def copy_update(
    model: type[models.Model], frame: pl.DataFrame, *, key: Sequence[str], progress: Progress, description: str
) -> None:
    table, stage = quoted_table(model), f"pg_temp.{connection.ops.quote_name(STAGE)}"
    columns = ", ".join(quoted_column(model, name) for name in frame.columns)
    setting = ", ".join(
        f"{quoted_column(model, name)} = {stage}.{quoted_column(model, name)}"
        for name in frame.columns
        if name not in key
    )
    matching = " AND ".join(
        f"{table}.{quoted_column(model, name)} = {stage}.{quoted_column(model, name)}" for name in key
    )
    with progress.bar(description, frame.height) as bar, connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {stage}")
        cursor.execute(f"CREATE TEMPORARY TABLE {stage} AS SELECT {columns} FROM {table} WITH NO DATA")  # noqa: S608
        _copy(stage, model, frame, bar.update)
        cursor.execute(f"UPDATE {table} SET {setting} FROM {stage} WHERE {matching}")  # noqa: S608
        cursor.execute(f"DROP TABLE {stage}")


def _copy(table: str, model: type[models.Model], frame: pl.DataFrame, advance: Any) -> None:
    columns = ", ".join(quoted_column(model, name) for name in frame.columns)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy:
        for chunk in frame.iter_slices(ROWS_PER_CHUNK):
            copy.write(chunk.write_csv(include_header=False))
            advance(chunk.height)


def _as_text(model: type[models.Model], field: Any) -> str:
    column = quoted_column(model, field.attname)
    if isinstance(field, models.DateField):
        return f"to_char({column}, 'YYYY-MM-DD')"  # whatever the session's DateStyle
    return column


def _typed(name: str, kind: pl.DataType) -> pl.Expr:
    text = pl.col(name)
    if kind == pl.Boolean:
        return (text == "t").alias(name)
    if kind == pl.Date:
        return text.str.to_date("%Y-%m-%d").alias(name)
    return text.cast(kind).alias(name)
