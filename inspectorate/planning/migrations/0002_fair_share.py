# The fairness term now counts days above each employment's fair share (the mean rounded up to whole
# inspections) rather than above the plain mean: see docs/adr/0022-fairness-against-a-fair-share.md.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial")]

    operations = [
        migrations.RenameField("scheduleplan", "days_above_mean", "days_above_share"),
        migrations.AlterField(
            model_name="scheduleplan",
            name="days_above_share",
            field=models.IntegerField(
                help_text="On-site days above the fair share of their employment, over all inspectors"
            ),
        ),
    ]
