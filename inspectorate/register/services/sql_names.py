"""Quoted table and column names for the bulk statements: identifiers come from the models' metadata only, and
every value is a bound parameter or COPY data, never part of the text."""

from __future__ import annotations

from django.db import connection, models


def quoted_table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def quoted_column(model: type[models.Model], name: str) -> str:
    """The column of the field named (by name or attname: `establishment` or `establishment_id`)."""
    column = model._meta.get_field(name).column  # type: ignore[union-attr]
    if column is None:
        raise ValueError(f"{model.__name__}.{name} has no column")
    return connection.ops.quote_name(column)
