from django.apps import AppConfig


class DeferralsConfig(AppConfig):
    name = "inspectorate.deferrals"
    default_auto_field = "django.db.models.BigAutoField"
