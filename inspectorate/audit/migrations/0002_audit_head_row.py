from django.db import migrations

GENESIS = "0" * 64


def create_head(apps, schema_editor):
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.get_or_create(pk=1, defaults={"sequence": 0, "entry_hash": GENESIS})


class Migration(migrations.Migration):
    # The head row exists before the first append, so two first appends lock it instead of racing to create it.
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
