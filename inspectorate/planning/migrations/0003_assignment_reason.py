# Each planned assignment keeps why it is where it is (this school, this week, this team), in plain words written
# when the plan is made. Plans made before have no reason stored: their pages show none.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("planning", "0002_fair_share")]

    operations = [
        migrations.AddField(
            model_name="plannedassignment",
            name="reason",
            field=models.TextField(
                blank=True, help_text="Why this school, this week and this team, in plain words (planning/reasons.py)"
            ),
        ),
    ]
