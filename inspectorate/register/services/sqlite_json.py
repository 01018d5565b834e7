"""Reading a whole SQLite table as columns: SQLite builds each column into one JSON array (json_group_array, in
C), and polars parses each array at once. Fetching rows instead makes a Python object of every value, which on
the register's 52,000 inspections took three times as long.

JSON carries text, whole numbers and NULL exactly. Dates are the ISO text Django stores and booleans the 0 or 1 it
stores. A float is written by quote(), which gives back the very same double (JSON's own form keeps 15 digits).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from django.db import connection, models

from inspectorate.register.services.sql_names import quoted_column, quoted_table

ISO_DATE = "%Y-%m-%d"
# How a kind of value travels in the JSON: dates as ISO text, floats as quote()'s text, booleans as 0 or 1.
IN_JSON: dict[type[pl.DataType], pl.DataType] = {pl.Date: pl.String(), pl.Float64: pl.String(), pl.Boolean: pl.Int64()}


def json_columns(model: type[models.Model], fields: Sequence[Any], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    arrays = ", ".join(f"json_group_array({_as_json(model, field)})" for field in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), {arrays} FROM {quoted_table(model)}")  # noqa: S608 - model identifiers
        count, *texts = cursor.fetchone()
    if not count:
        return pl.DataFrame(schema=dict(schema))
    return pl.DataFrame(_column(name, kind, text) for (name, kind), text in zip(schema.items(), texts, strict=True))


def _as_json(model: type[models.Model], field: Any) -> str:
    column = quoted_column(model, field.attname)
    if isinstance(field, models.FloatField):
        return f"CASE WHEN {column} IS NULL THEN NULL ELSE quote({column}) END"
    return column


def _column(name: str, kind: pl.DataType, text: str) -> pl.Series:
    held = IN_JSON.get(kind.base_type(), kind)
    values = pl.Series(name, [text]).str.json_decode(pl.List(held)).explode(empty_as_null=False)
    if kind == pl.Date:
        return values.str.to_date(ISO_DATE)
    return values.cast(kind)
