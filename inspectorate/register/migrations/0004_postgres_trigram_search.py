"""On PostgreSQL, a trigram index lets "Find a school" answer a word search (LIKE '% word%' on search_text)
without reading the whole table. It needs the pg_trgm extension: where the database user may not create it,
the migration leaves search as it was (correct, only slower) rather than failing. SQLite is untouched."""

from django.db import DatabaseError, migrations, transaction

INDEX = "establishment_search_trgm"


def create_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DatabaseError:
            return  # not allowed here: an administrator can run CREATE EXTENSION and migrate again
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON register_establishment USING gin (search_text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("register", "0003_establishment_search_fields")]
    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
